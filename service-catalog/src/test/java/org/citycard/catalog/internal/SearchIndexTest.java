package org.citycard.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.citycard.catalog.Channel;
import org.citycard.catalog.PublishedService;
import org.citycard.catalog.SearchQuery;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceDefinition;
import org.citycard.testing.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SearchIndexTest {

    private final SearchIndex index = new SearchIndex();

    @BeforeEach
    void index() {
        index.rebuild(List.of(
                published(Samples.service("420200SW-GG-0001", "水费缴纳", "Water bill payment", "utilities",
                        List.of("自来水", "交水费"), Set.of(Channel.WEB, Channel.WECHAT, Channel.ALIPAY))),
                published(Samples.service("420200GD-GG-0001", "电费缴纳", "Electricity bill payment", "utilities",
                        List.of("电费", "国网"), Set.of(Channel.WEB, Channel.ALIPAY))),
                published(Samples.service("420200RQ-GG-0001", "燃气费缴纳", "Gas bill payment", "utilities",
                        List.of("天然气", "水费之外"), Set.of(Channel.WECHAT))),
                published(Samples.service("420200GJ-JF-0001", "住房公积金提取", "Housing fund withdrawal", "housing",
                        List.of("公积金", "租房提取"), Set.of(Channel.WEB)))));
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void full_pinyin_and_initials_find_water_bills() {
        assertThat(first("shuifei")).isEqualTo("水费缴纳");
        assertThat(first("sf")).isEqualTo("水费缴纳");
        assertThat(first("gongjijin")).isEqualTo("住房公积金提取");
        assertThat(first("gjj")).isEqualTo("住房公积金提取");
    }

    @Test
    void chinese_words_and_parts_of_names_match() {
        assertThat(first("水费")).isEqualTo("水费缴纳");
        assertThat(names("缴纳")).containsExactlyInAnyOrder("水费缴纳", "电费缴纳", "燃气费缴纳");
        assertThat(first("公积金")).isEqualTo("住房公积金提取");
    }

    @Test
    void english_names_match() {
        assertThat(first("water bill")).isEqualTo("水费缴纳");
        assertThat(first("housing")).isEqualTo("住房公积金提取");
    }

    @Test
    void a_name_match_ranks_above_a_keyword_match() {
        // 燃气费缴纳 carries the keyword 水费之外; 水费缴纳 has 水费 in its name.
        assertThat(names("水费")).containsExactly("水费缴纳", "燃气费缴纳");
    }

    @Test
    void a_keyword_match_ranks_above_a_guide_text_match() {
        // every sample guide mentions 居民身份证; only keywords of one service say 自来水
        assertThat(names("自来水")).containsExactly("水费缴纳");
        assertThat(names("身份证")).hasSize(4);
    }

    @Test
    void the_channel_filter_returns_only_services_offered_there() {
        var page = index.search(new SearchQuery(null, null, null, Channel.WECHAT, 0, 20));
        assertThat(page.items()).extracting(s -> s.definition().name().zh()).containsExactlyInAnyOrder("水费缴纳", "燃气费缴纳");
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void suggestions_complete_what_is_being_typed() {
        assertThat(index.suggest("shui", 5)).extracting(s -> s.name().zh()).first().isEqualTo("水费缴纳");
        assertThat(index.suggest("elec", 5)).extracting(s -> s.name().zh()).containsExactly("电费缴纳");
    }

    @Test
    void a_service_taken_off_the_catalog_is_no_longer_found() {
        index.apply(ServiceCode.of("420200SW-GG-0001"), Optional.empty());
        assertThat(names("shuifei")).doesNotContain("水费缴纳");
    }

    @Test
    void pages_do_not_overlap() {
        var first = index.search(new SearchQuery(null, null, null, null, 0, 2));
        var second = index.search(new SearchQuery(null, null, null, null, 1, 2));
        assertThat(first.total()).isEqualTo(4);
        assertThat(first.items()).doesNotContainAnyElementsOf(second.items());
        assertThat(second.items()).hasSize(2);
    }

    private String first(String text) {
        return names(text).getFirst();
    }

    private List<String> names(String text) {
        return index.search(SearchQuery.text(text)).items().stream().map(s -> s.definition().name().zh()).toList();
    }

    private static PublishedService published(ServiceDefinition d) {
        return new PublishedService(d, 1, Instant.now());
    }
}
