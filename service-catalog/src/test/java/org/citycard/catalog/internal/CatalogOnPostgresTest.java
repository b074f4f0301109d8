package org.citycard.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.citycard.catalog.Actor;
import org.citycard.catalog.AdminFilter;
import org.citycard.catalog.CatalogAdministration;
import org.citycard.catalog.CatalogBrowsing;
import org.citycard.catalog.CatalogRole;
import org.citycard.catalog.CatalogTestApplication;
import org.citycard.catalog.Category;
import org.citycard.catalog.FieldChange;
import org.citycard.catalog.ImportReport;
import org.citycard.catalog.LocalizedText;
import org.citycard.catalog.Outcome;
import org.citycard.catalog.Rejection;
import org.citycard.catalog.SearchQuery;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceDefinition;
import org.citycard.catalog.ServiceStatus;
import org.citycard.testing.PostgresSchema;
import org.citycard.testing.RequiredServices;
import org.citycard.testing.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The catalog against the real PostgreSQL: migrations, lifecycle, audit, import, search index, concurrency. */
@SpringBootTest(classes = CatalogTestApplication.class)
class CatalogOnPostgresTest {

    private static final PostgresSchema schema = new PostgresSchema();
    private static final Actor editor = new Actor("lee", Set.of(CatalogRole.CATALOG_EDITOR));
    private static final Actor publisher = new Actor("wang", Set.of(CatalogRole.CATALOG_PUBLISHER));
    private static final Actor chief = new Actor("sun", Set.of(CatalogRole.ADMIN));
    private static final Actor publisher2 = new Actor("zhao", Set.of(CatalogRole.CATALOG_PUBLISHER));

    @Autowired
    CatalogAdministration administration;
    @Autowired
    CatalogBrowsing browsing;
    @Autowired
    ServiceStore store;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ViewCounter views;
    @Autowired
    SearchIndex index;
    @Autowired
    CatalogIndexer indexer;

    private static final int ANY = CatalogAdministration.ANY_REVISION;

    @BeforeAll
    static void needsPostgres() {
        RequiredServices.postgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        schema.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        if (RequiredServices.required() || isReachable()) {
            schema.drop();
        }
    }

    @BeforeEach
    void categories() {
        administration.saveCategory(new Category("utilities", LocalizedText.of("生活缴费", "Utility bills"), "DROP", 10), Actor.SYSTEM);
        administration.saveCategory(new Category("housing", LocalizedText.of("住房", "Housing"), "HOME", 20), Actor.SYSTEM);
    }

    @Test
    void an_approved_service_is_searchable_at_once_and_edits_stay_invisible_until_approved() {
        ServiceDefinition water = Samples.service("420200SW-GG-0101", "水费缴纳", "Water bill payment", "utilities");
        assertThat(administration.create(water, editor).isDone()).isTrue();
        assertThat(browsing.search(SearchQuery.text("shuifei")).items()).isEmpty();
        assertThat(administration.submit(water.code(), editor).isDone()).isTrue();
        assertThat(administration.approveAndPublish(water.code(), publisher).isDone()).isTrue();

        assertThat(browsing.search(SearchQuery.text("shuifei")).items()).extracting(s -> s.code().value()).contains("420200SW-GG-0101");
        assertThat(browsing.service(water.code()).orElseThrow().version()).isEqualTo(1);

        ServiceDefinition renamed = ManagedServiceTest.rename(water, "自来水费缴纳");
        assertThat(administration.saveDraft(renamed, editor).isDone()).isTrue();
        assertThat(administration.load(water.code()).orElseThrow().status()).isEqualTo(ServiceStatus.CHANGED);
        assertThat(browsing.service(water.code()).orElseThrow().definition().name().zh()).isEqualTo("水费缴纳");

        administration.submit(water.code(), editor);
        assertThat(administration.approveAndPublish(water.code(), publisher).isDone()).isTrue();
        assertThat(browsing.service(water.code()).orElseThrow().definition().name().zh()).isEqualTo("自来水费缴纳");
        assertThat(browsing.search(SearchQuery.text("自来水费")).items()).extracting(s -> s.code().value()).contains("420200SW-GG-0101");
        assertThat(administration.versions(water.code())).hasSize(2);
    }

    @Test
    void the_editor_of_a_draft_cannot_approve_it_and_nothing_is_published() {
        ServiceDefinition gas = Samples.service("420200RQ-GG-0102", "燃气费缴纳", "Gas bill payment", "utilities");
        Actor both = new Actor("chen", Set.of(CatalogRole.CATALOG_EDITOR, CatalogRole.CATALOG_PUBLISHER));
        administration.create(gas, both);
        administration.submit(gas.code(), both);
        assertThat(administration.approveAndPublish(gas.code(), both)).isEqualTo(Outcome.rejected(Rejection.SAME_EDITOR));
        assertThat(browsing.service(gas.code())).isEmpty();
        assertThat(administration.versions(gas.code())).isEmpty();
    }

    @Test
    void every_change_is_audited_field_by_field() {
        ServiceDefinition power = Samples.service("420200GD-GG-0103", "电费缴纳", "Electricity bill", "utilities");
        administration.create(power, editor);
        administration.saveDraft(ManagedServiceTest.rename(power, "电费缴费"), editor);
        var entries = administration.audit(power.code().value(), 0, 10);
        assertThat(entries).extracting(e -> e.action()).containsExactly("EDIT", "CREATE");
        assertThat(entries.getFirst().actor()).isEqualTo("lee");
        assertThat(entries.getFirst().changes()).containsExactly(new FieldChange("name.zh", "电费缴纳", "电费缴费"));
    }

    @Test
    void a_bad_import_file_reports_each_entry_and_writes_nothing() throws Exception {
        int before = administration.count(AdminFilter.ALL);
        String file = """
                {"format":"citycard-catalog","formatVersion":1,
                 "categories":[{"code":"transport","name":{"zh":"交通出行","en":"Transport"},"icon":"BUS","sortOrder":30}],
                 "services":[
                   %s,
                   {"code":"NOT-A-CODE","name":{"zh":"坏","en":"Bad"}},
                   %s
                 ]}""".formatted(
                json(Samples.service("420200JT-GG-0104", "公交乘车码", "Bus ride code", "transport")),
                json(Samples.service("420200JT-GG-0105", "停车", "Parking", "no-such-category")));
        ImportReport report = administration.importCatalog(file.getBytes(StandardCharsets.UTF_8), chief);
        assertThat(report.applied()).isFalse();
        assertThat(report.problems()).extracting(ImportReport.Problem::entry)
                .anyMatch(e -> e.startsWith("services[1]"))
                .anyMatch(e -> e.startsWith("services[2] 420200JT-GG-0105"));
        assertThat(administration.count(AdminFilter.ALL)).isEqualTo(before);
        assertThat(administration.allCategories()).extracting(Category::code).doesNotContain("transport");
    }

    @Test
    void an_exported_catalog_imports_again_as_drafts() {
        ServiceDefinition fund = Samples.service("420200GJ-JF-0106", "住房公积金提取", "Housing fund withdrawal", "housing");
        administration.create(fund, editor);
        byte[] exported = administration.exportCatalog();
        ImportReport report = administration.importCatalog(exported, chief);
        assertThat(report.problems()).isEmpty();
        assertThat(report.applied()).isTrue();
        assertThat(administration.load(fund.code()).orElseThrow().working()).isEqualTo(fund);
    }

    @Test
    void the_search_index_rebuilt_from_the_database_finds_the_same_services() throws Exception {
        ServiceDefinition library = Samples.service("420200WL-GG-0107", "图书馆借阅证", "Library card", "housing");
        publish(library);
        try (SearchIndex rebuilt = new SearchIndex()) {
            rebuilt.rebuild(store.allPublished());
            assertThat(rebuilt.search(SearchQuery.text("tsg")).items()).extracting(s -> s.code().value())
                    .isEqualTo(browsing.search(SearchQuery.text("tsg")).items().stream().map(s -> s.code().value()).toList())
                    .contains("420200WL-GG-0107");
        }
    }

    @Test
    void two_publishers_approving_at_once_publish_one_version() throws Exception {
        ServiceDefinition code = Samples.service("420200GA-XK-0108", "居住证办理", "Residence permit", "housing");
        administration.create(code, editor);
        administration.submit(code.code(), editor);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Outcome>> approvals = List.of(
                () -> { start.await(); return administration.approveAndPublish(code.code(), publisher); },
                () -> { start.await(); return administration.approveAndPublish(code.code(), publisher2); });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Outcome>> futures = new ArrayList<>();
        approvals.forEach(a -> futures.add(pool.submit(a)));
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes).filteredOn(Outcome::isDone).hasSize(1);
        assertThat(administration.versions(code.code())).hasSize(1);
    }

    @Test
    void a_category_with_services_cannot_be_deleted() {
        administration.create(Samples.service("420200SW-GG-0109", "污水处理费", "Sewage fee", "utilities"), editor);
        assertThat(administration.deleteCategory("utilities", publisher)).isEqualTo(Outcome.rejected(Rejection.IN_USE));
    }

    @Test
    void the_most_opened_services_are_the_popular_ones() {
        ServiceDefinition a = Samples.service("420200WL-GG-0110", "博物馆预约", "Museum booking", "housing");
        ServiceDefinition b = Samples.service("420200WL-GG-0111", "公园预约", "Park booking", "housing");
        for (ServiceDefinition d : List.of(a, b)) {
            publish(d);
        }
        for (int i = 0; i < 50; i++) {
            browsing.recordView(b.code());
        }
        browsing.recordView(a.code());
        views.flush();
        assertThat(browsing.popular(2)).extracting(s -> s.code()).containsExactly(b.code(), a.code());
    }

    @Test
    void an_approval_of_a_page_that_is_out_of_date_is_refused() {
        ServiceDefinition d = Samples.service("420200GA-GG-0112", "身份证换领预约", "ID card renewal booking", "housing");
        administration.create(d, editor);
        administration.submit(d.code(), editor);
        int seenByPublisher = administration.load(d.code()).orElseThrow().revision();
        // meanwhile the editor changes the draft and submits it again
        administration.saveDraft(ManagedServiceTest.rename(d, "身份证换领(新)"), editor);
        administration.submit(d.code(), editor);
        assertThat(administration.approveAndPublish(d.code(), seenByPublisher, publisher))
                .isEqualTo(Outcome.rejected(Rejection.CONFLICT));
        assertThat(browsing.service(d.code())).isEmpty();
        int current = administration.load(d.code()).orElseThrow().revision();
        assertThat(administration.approveAndPublish(d.code(), current, publisher).isDone()).isTrue();
    }

    @Test
    void a_publisher_may_import_and_the_drafts_still_need_another_approver() {
        ServiceDefinition d = Samples.service("420200MZ-GG-0113", "高龄津贴申领", "Old-age allowance", "housing");
        String file = "{\"format\":\"citycard-catalog\",\"formatVersion\":1,\"services\":[" + json(d) + "]}";
        ImportReport report = administration.importCatalog(file.getBytes(StandardCharsets.UTF_8), publisher);
        assertThat(report.applied()).isTrue();
        assertThat(administration.submit(d.code(), editor).isDone()).isTrue();
        assertThat(administration.approveAndPublish(d.code(), publisher)).isEqualTo(Outcome.rejected(Rejection.SAME_EDITOR));
        assertThat(administration.approveAndPublish(d.code(), publisher2).isDone()).isTrue();
    }

    @Test
    void re_importing_an_export_changes_nothing() {
        ServiceDefinition d = Samples.service("420200MZ-GG-0114", "婚姻登记预约", "Marriage registration booking", "housing");
        publish(d);
        administration.archive(d.code(), ANY, "seasonal", publisher);
        ImportReport report = administration.importCatalog(administration.exportCatalog(), chief);
        assertThat(report.problems()).isEmpty();
        assertThat(administration.load(d.code()).orElseThrow().status()).isEqualTo(ServiceStatus.ARCHIVED);
    }

    @Test
    void a_category_that_a_live_version_still_uses_cannot_be_deleted() {
        administration.saveCategory(new Category("civil", LocalizedText.of("民政", "Civil affairs"), "FAMILY", 50), Actor.SYSTEM);
        ServiceDefinition d = Samples.service("420200MZ-GG-0115", "养犬登记", "Dog registration", "civil");
        publish(d);
        ServiceDefinition moved = new ServiceDefinition(d.code(), d.name(), d.summary(), d.kind(), d.audiences(),
                d.competentDepartment(), d.implementingBody(), d.legalBasis(), "housing", d.keywords(), d.handler(),
                d.channels(), d.regions(), d.featured(), d.sortOrder(), d.guide());
        administration.saveDraft(moved, editor);
        assertThat(administration.deleteCategory("civil", publisher)).isEqualTo(Outcome.rejected(Rejection.IN_USE));
    }

    @Test
    void a_node_that_missed_a_change_repairs_its_search_index() {
        ServiceDefinition d = Samples.service("420200WL-GG-0116", "景区年卡", "Scenic spots annual pass", "housing");
        publish(d);
        index.apply(d.code(), java.util.Optional.empty()); // as if the message never arrived
        assertThat(browsing.search(SearchQuery.text("jingqu")).items()).isEmpty();
        indexer.reconcile();
        assertThat(browsing.search(SearchQuery.text("jingqu")).items()).extracting(s -> s.code()).containsExactly(d.code());
    }

    /** Created by the editor, approved by the publisher. */
    private void publish(ServiceDefinition d) {
        assertThat(administration.create(d, editor).isDone()).isTrue();
        assertThat(administration.submit(d.code(), editor).isDone()).isTrue();
        assertThat(administration.approveAndPublish(d.code(), publisher).isDone()).isTrue();
    }

    private static String json(ServiceDefinition d) {
        return CatalogJson.write(d);
    }

    private static boolean isReachable() {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(RequiredServices.POSTGRES_HOST, RequiredServices.POSTGRES_PORT), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
