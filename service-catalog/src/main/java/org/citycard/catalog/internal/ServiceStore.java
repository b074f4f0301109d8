package org.citycard.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.citycard.catalog.AdminFilter;
import org.citycard.catalog.AdminServiceRow;
import org.citycard.catalog.LocalizedText;
import org.citycard.catalog.PublishedService;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceDefinition;
import org.citycard.catalog.ServiceKind;
import org.citycard.catalog.ServiceStatus;
import org.citycard.catalog.VersionInfo;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Services, their immutable versions and view counts, in the catalog's tables. */
@Repository
class ServiceStore {

    private final JdbcClient jdbc;

    ServiceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ManagedService> find(ServiceCode code) {
        return jdbc.sql("""
                        select s.code, s.row_version, s.live_version, s.archived, s.draft_content, s.draft_state,
                               s.draft_editors, v.content as live_content
                        from catalog_service s
                        left join catalog_service_version v on v.code = s.code and v.version = s.live_version
                        where s.code = :code""")
                .param("code", code.value())
                .query((rs, n) -> new ManagedService(
                        ServiceCode.of(rs.getString("code")),
                        rs.getInt("row_version"),
                        (Integer) rs.getObject("live_version", Integer.class),
                        readOrNull(rs.getString("live_content")),
                        rs.getBoolean("archived"),
                        readOrNull(rs.getString("draft_content")),
                        rs.getString("draft_state") == null ? null
                                : ManagedService.DraftState.valueOf(rs.getString("draft_state")),
                        splitNames(rs.getString("draft_editors"))))
                .optional();
    }

    Optional<Instant> updatedAt(ServiceCode code) {
        return jdbc.sql("select updated_at from catalog_service where code = :code")
                .param("code", code.value())
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    boolean exists(ServiceCode code) {
        return jdbc.sql("select count(*) from catalog_service where code = :code")
                .param("code", code.value()).query(Integer.class).single() > 0;
    }

    void insert(ManagedService service, Instant now) {
        ServiceDefinition w = service.working();
        jdbc.sql("""
                        insert into catalog_service (code, category_code, name_zh, name_en, kind, status, live_version,
                            archived, draft_content, draft_state, draft_editors, row_version, created_at, updated_at)
                        values (:code, :category, :nameZh, :nameEn, :kind, :status, :live, :archived, :draft,
                            :draftState, :editors, 0, :now, :now)""")
                .param("code", service.code().value())
                .param("category", w.categoryCode())
                .param("nameZh", w.name().zh())
                .param("nameEn", w.name().en())
                .param("kind", w.kind().name())
                .param("status", service.status().name())
                .param("live", service.liveVersion())
                .param("archived", service.archived())
                .param("draft", service.draft() == null ? null : CatalogJson.write(service.draft()))
                .param("draftState", service.draftState() == null ? null : service.draftState().name())
                .param("editors", String.join(",", service.draftEditors()))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Saves the aggregate only if nobody saved it since it was loaded. */
    boolean update(ManagedService service, Instant now) {
        ServiceDefinition w = service.working();
        return jdbc.sql("""
                        update catalog_service set category_code = :category, name_zh = :nameZh, name_en = :nameEn,
                            kind = :kind, status = :status, live_version = :live, archived = :archived,
                            draft_content = :draft, draft_state = :draftState, draft_editors = :editors,
                            row_version = row_version + 1, updated_at = :now
                        where code = :code and row_version = :rowVersion""")
                .param("code", service.code().value())
                .param("rowVersion", service.rowVersion())
                .param("category", w.categoryCode())
                .param("nameZh", w.name().zh())
                .param("nameEn", w.name().en())
                .param("kind", w.kind().name())
                .param("status", service.status().name())
                .param("live", service.liveVersion())
                .param("archived", service.archived())
                .param("draft", service.draft() == null ? null : CatalogJson.write(service.draft()))
                .param("draftState", service.draftState() == null ? null : service.draftState().name())
                .param("editors", String.join(",", service.draftEditors()))
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    void insertVersion(ServiceCode code, int version, ServiceDefinition content, Set<String> editedBy,
                       String publishedBy, Instant now) {
        jdbc.sql("""
                        insert into catalog_service_version (code, version, content, edited_by, published_by, published_at)
                        values (:code, :version, :content, :editedBy, :publishedBy, :now)""")
                .param("code", code.value())
                .param("version", version)
                .param("content", CatalogJson.write(content))
                .param("editedBy", String.join(",", editedBy))
                .param("publishedBy", publishedBy)
                .param("now", Timestamp.from(now))
                .update();
    }

    Optional<ServiceDefinition> version(ServiceCode code, int version) {
        return jdbc.sql("select content from catalog_service_version where code = :code and version = :version")
                .param("code", code.value())
                .param("version", version)
                .query((rs, n) -> CatalogJson.readService(rs.getString(1)))
                .optional();
    }

    List<VersionInfo> versions(ServiceCode code) {
        return jdbc.sql("""
                        select v.version, v.published_at, v.published_by, v.edited_by,
                               (s.live_version = v.version) as live
                        from catalog_service_version v join catalog_service s on s.code = v.code
                        where v.code = :code order by v.version desc""")
                .param("code", code.value())
                .query((rs, n) -> new VersionInfo(rs.getInt("version"), rs.getTimestamp("published_at").toInstant(),
                        rs.getString("published_by"), splitNames(rs.getString("edited_by")), rs.getBoolean("live")))
                .list();
    }

    private static final String PUBLISHED = """
            select v.content, v.version, v.published_at
            from catalog_service s join catalog_service_version v on v.code = s.code and v.version = s.live_version
            where s.archived = false""";

    Optional<PublishedService> published(ServiceCode code) {
        return jdbc.sql(PUBLISHED + " and s.code = :code")
                .param("code", code.value())
                .query(ServiceStore::publishedRow)
                .optional();
    }

    List<PublishedService> allPublished() {
        return jdbc.sql(PUBLISHED).query(ServiceStore::publishedRow).list();
    }

    /** Every service's working content (drafts included), for export. */
    List<ServiceDefinition> allWorking() {
        return jdbc.sql("""
                        select coalesce(s.draft_content, v.content)
                        from catalog_service s
                        left join catalog_service_version v on v.code = s.code and v.version = s.live_version
                        order by s.code""")
                .query((rs, n) -> CatalogJson.readService(rs.getString(1)))
                .list();
    }

    List<AdminServiceRow> find(AdminFilter filter, int offset, int limit) {
        var where = where(filter);
        var spec = jdbc.sql("""
                select code, name_zh, name_en, category_code, kind, status, live_version, updated_at
                from catalog_service""" + where.sql + " order by updated_at desc, code limit :limit offset :offset");
        where.bind(spec);
        return spec.param("limit", limit).param("offset", offset)
                .query((rs, n) -> new AdminServiceRow(ServiceCode.of(rs.getString("code")),
                        LocalizedText.of(rs.getString("name_zh"), rs.getString("name_en")),
                        rs.getString("category_code"), ServiceKind.valueOf(rs.getString("kind")),
                        ServiceStatus.valueOf(rs.getString("status")),
                        (Integer) rs.getObject("live_version", Integer.class),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    int count(AdminFilter filter) {
        var where = where(filter);
        var spec = jdbc.sql("select count(*) from catalog_service" + where.sql);
        where.bind(spec);
        return spec.query(Integer.class).single();
    }

    /** In use by a draft, a live or an archived version (their JSON names the category). */
    boolean categoryInUse(String category) {
        return jdbc.sql("select count(*) from catalog_service s"
                        + " left join catalog_service_version v on v.code = s.code and v.version = s.live_version"
                        + " where s.category_code = :c or v.content like :pattern")
                .param("c", category)
                .param("pattern", "%\"categoryCode\":\"" + category + "\"%")
                .query(Integer.class).single() > 0;
    }

    void addViews(ServiceCode code, long views) {
        int updated = jdbc.sql("update catalog_service_stats set views = views + :views where code = :code")
                .param("code", code.value()).param("views", views).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into catalog_service_stats (code, views) select code, :views from catalog_service "
                                + "where code = :code")
                        .param("code", code.value()).param("views", views).update();
            } catch (org.springframework.dao.DuplicateKeyException e) {
                // another node inserted the row first: add to it instead
                jdbc.sql("update catalog_service_stats set views = views + :views where code = :code")
                        .param("code", code.value()).param("views", views).update();
            }
        }
    }

    List<ServiceCode> mostViewed(int limit) {
        return jdbc.sql("select code from catalog_service_stats order by views desc, code limit :limit")
                .param("limit", limit)
                .query((rs, n) -> ServiceCode.of(rs.getString(1)))
                .list();
    }

    private static PublishedService publishedRow(ResultSet rs, int n) throws SQLException {
        return new PublishedService(CatalogJson.readService(rs.getString("content")), rs.getInt("version"),
                rs.getTimestamp("published_at").toInstant());
    }

    private static ServiceDefinition readOrNull(String json) {
        return json == null ? null : CatalogJson.readService(json);
    }

    static Set<String> splitNames(String names) {
        if (names == null || names.isBlank()) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList(names.split(",")));
    }

    private record Where(String sql, List<Object[]> params) {
        void bind(JdbcClient.StatementSpec spec) {
            for (Object[] p : params) {
                spec.param((String) p[0], p[1]);
            }
        }
    }

    private static Where where(AdminFilter filter) {
        List<String> clauses = new ArrayList<>();
        List<Object[]> params = new ArrayList<>();
        if (filter.text() != null && !filter.text().isBlank()) {
            clauses.add("(upper(code) like :text or upper(name_zh) like :text or upper(name_en) like :text)");
            params.add(new Object[] {"text", "%" + escapeLike(filter.text().strip().toUpperCase()) + "%"});
        }
        if (filter.category() != null) {
            clauses.add("category_code = :category");
            params.add(new Object[] {"category", filter.category()});
        }
        if (filter.status() != null) {
            clauses.add("status = :status");
            params.add(new Object[] {"status", filter.status().name()});
        }
        return new Where(clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses), params);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "").replace("%", "").replace("_", "");
    }
}
