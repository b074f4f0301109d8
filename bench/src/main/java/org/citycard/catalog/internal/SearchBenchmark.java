package org.citycard.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.citycard.catalog.Channel;
import org.citycard.catalog.LocalizedText;
import org.citycard.catalog.PublishedService;
import org.citycard.catalog.SearchQuery;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceDefinition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Search latency over a generated catalog of 5,000 published services: the demo catalog's 82 services,
 * repeated for 61 districts and towns with their names, codes and keywords varied. Sample-time mode reports
 * p50 and p95 per query kind. Single-threaded: a citizen's request is served by one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class SearchBenchmark {

    @Param({"5000"})
    int services;

    /** Chinese word, full pinyin, initials, English, a suggestion prefix, and a filtered listing. */
    @Param({"水费", "shuifei", "sf", "housing fund", "gongjijin tiqu", "居住证"})
    String query;

    private SearchIndex index;

    @Setup
    public void build() throws IOException {
        CatalogDocument demo;
        try (InputStream in = SearchBenchmark.class.getClassLoader().getResourceAsStream(DemoCatalogLoader.RESOURCE)) {
            demo = CatalogJson.MAPPER.readValue(in, CatalogDocument.class);
        }
        String[] places = {"黄石港区", "西塞山区", "下陆区", "铁山区", "阳新县", "大冶市", "开发区", "汪仁镇", "金湖街道", "罗家桥街道"};
        List<PublishedService> published = new ArrayList<>();
        int n = 0;
        outer:
        for (int round = 0; ; round++) {
            for (ServiceDefinition d : demo.services()) {
                if (n >= services) {
                    break outer;
                }
                String place = places[round % places.length] + (round / places.length == 0 ? "" : String.valueOf(round / places.length));
                ServiceCode code = ServiceCode.of(String.format("%06d", 420200 + round).substring(0, 6) + d.code().value().substring(6, 12)
                        + String.format("%04d", n % 10_000));
                ServiceDefinition variant = new ServiceDefinition(code,
                        round == 0 ? d.name() : LocalizedText.of(d.name().zh() + "(" + place + ")", d.name().en() + " (" + place + ")"),
                        d.summary(), d.kind(), d.audiences(), d.competentDepartment(), d.implementingBody(), d.legalBasis(),
                        d.categoryCode(), d.keywords(), d.handler(), d.channels(), d.regions(), d.featured() && round == 0,
                        d.sortOrder(), d.guide());
                published.add(new PublishedService(variant, 1, Instant.now()));
                n++;
            }
        }
        index = new SearchIndex();
        index.rebuild(published);
    }

    @TearDown
    public void close() throws IOException {
        index.close();
    }

    /** The Lucene search itself, as on a cache miss. */
    @Benchmark
    public Object search() {
        return index.searchUncached(new SearchQuery(query, null, null, null, 0, 20));
    }

    /** The same with the channel filter a mini-program sends. */
    @Benchmark
    public Object searchOnWeChat() {
        return index.searchUncached(new SearchQuery(query, null, null, Channel.WECHAT, 0, 20));
    }

    /** Suggestions for the first characters typed. */
    @Benchmark
    public Object suggest() {
        return index.suggestUncached(query.substring(0, Math.min(3, query.length())), 8);
    }

    /** A repeated query, answered from the result cache. */
    @Benchmark
    public Object searchCached() {
        return index.search(new SearchQuery(query, null, null, null, 0, 20));
    }
}
