package org.citycard.catalog.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.citycard.catalog.LocalizedText;
import org.citycard.catalog.Material;
import org.citycard.catalog.PublishedService;
import org.citycard.catalog.SearchPage;
import org.citycard.catalog.SearchQuery;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceDefinition;
import org.citycard.catalog.Suggestion;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The in-memory search index of the published catalog (Lucene). Chinese goes through the smartcn word
 * analyzer and a per-character field (so any part of a name matches), English through the English analyzer,
 * and pinyin through prefix keys. Ranking is by tier: a name match always beats a keyword match, which beats
 * a match in the guide; inside a tier, names that start with the query come first, then featured services
 * and the editors' sort order. Every node rebuilds it from the database at start.
 */
final class SearchIndex implements AutoCloseable {

    private static final float NAME = 1000f;
    private static final float NAME_START = 500f;
    private static final float KEYWORD = 100f;
    private static final float BODY = 10f;
    private static final int MAX_PREFIX = 24;

    private final Analyzer chinese = new SmartChineseAnalyzer();
    private final Analyzer chars = new StandardAnalyzer(CharArraySet.EMPTY_SET);
    private final Analyzer english = new EnglishAnalyzer();
    private final Analyzer analyzer = new PerFieldAnalyzerWrapper(chars, Map.of(
            "name_zh", chinese, "kw_zh", chinese, "body_zh", chinese,
            "name_en", english, "kw_en", english, "body_en", english));
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<ServiceCode, PublishedService> services = new ConcurrentHashMap<>();
    /** Results of recent searches; the generation in the key retires them all when the catalog changes. */
    private final Cache<Object, Object> results = Caffeine.newBuilder().maximumSize(20_000).build();
    private volatile long generation;

    private record Key(long generation, Object query) {
    }

    SearchIndex() {
        try {
            writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer));
            searchers = new SearcherManager(writer, new SearcherFactory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the whole index. */
    synchronized void rebuild(Collection<PublishedService> published) {
        try {
            writer.deleteAll();
            services.clear();
            for (PublishedService s : published) {
                writer.addDocument(document(s.definition()));
                services.put(s.code(), s);
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
            generation++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts a published service in (or replaces it), or takes it out when it is no longer published. */
    synchronized void apply(ServiceCode code, Optional<PublishedService> published) {
        try {
            Term id = new Term("code", code.value());
            if (published.isPresent()) {
                writer.updateDocument(id, document(published.get().definition()));
                services.put(code, published.get());
            } else {
                writer.deleteDocuments(id);
                services.remove(code);
            }
            searchers.maybeRefreshBlocking();
            generation++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<PublishedService> get(ServiceCode code) {
        return Optional.ofNullable(services.get(code));
    }

    Collection<PublishedService> all() {
        return services.values();
    }

    int size() {
        return services.size();
    }

    SearchPage search(SearchQuery query) {
        return (SearchPage) results.get(new Key(generation, query), k -> searchUncached(query));
    }

    /** The search itself, without the result cache (benchmarks measure this). */
    SearchPage searchUncached(SearchQuery query) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        q.add(query.text() == null ? new MatchAllDocsQuery() : textQuery(query.text(), true), Occur.MUST);
        if (query.category() != null) {
            q.add(new TermQuery(new Term("category", query.category())), Occur.FILTER);
        }
        if (query.kind() != null) {
            q.add(new TermQuery(new Term("kind", query.kind().name())), Occur.FILTER);
        }
        if (query.channel() != null) {
            q.add(new TermQuery(new Term("channel", query.channel().name())), Occur.FILTER);
        }
        Query built = q.build();
        int wanted = (query.page() + 1) * query.size();
        return withSearcher(searcher -> {
            TopFieldDocs top = searcher.search(built, wanted, order());
            List<PublishedService> items = hits(searcher, top.scoreDocs, query.page() * query.size());
            return new SearchPage(items, searcher.count(built), query.page(), query.size());
        });
    }

    @SuppressWarnings("unchecked")
    List<Suggestion> suggest(String prefix, int limit) {
        if (prefix == null || prefix.isBlank()) {
            return List.of();
        }
        return (List<Suggestion>) results.get(new Key(generation, List.of(prefix.strip(), limit)),
                k -> suggestUncached(prefix, limit));
    }

    List<Suggestion> suggestUncached(String prefix, int limit) {
        Query query = textQuery(prefix.strip(), false);
        return withSearcher(searcher -> hits(searcher, searcher.search(query, limit, order()).scoreDocs, 0).stream()
                .map(s -> new Suggestion(s.code(), s.definition().name()))
                .toList());
    }

    private static Sort order() {
        return new Sort(SortField.FIELD_SCORE, new SortField("rank", SortField.Type.INT),
                new SortField("code_sort", SortField.Type.STRING));
    }

    private List<PublishedService> hits(IndexSearcher searcher, ScoreDoc[] docs, int from) throws IOException {
        StoredFields stored = searcher.storedFields();
        List<PublishedService> out = new ArrayList<>();
        for (int i = from; i < docs.length; i++) {
            String code = stored.document(docs[i].doc).get("code");
            PublishedService s = services.get(ServiceCode.of(code));
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** The text part of a query; {@code everywhere} false looks in names only (suggestions). */
    private Query textQuery(String raw, boolean everywhere) {
        String text = raw.toLowerCase(Locale.ROOT).strip();
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        BooleanQuery.Builder name = new BooleanQuery.Builder();
        BooleanQuery.Builder start = new BooleanQuery.Builder();
        BooleanQuery.Builder keyword = new BooleanQuery.Builder();
        BooleanQuery.Builder body = new BooleanQuery.Builder();
        QueryBuilder builder = new QueryBuilder(analyzer);

        ServiceCode.parse(raw).ifPresent(code -> name.add(new TermQuery(new Term("code", code.value())), Occur.SHOULD));
        if (Pinyin.hasHan(text)) {
            add(name, builder.createPhraseQuery("name_chars", text));
            add(name, builder.createBooleanQuery("name_zh", text, Occur.MUST));
            start.add(prefix("name_whole", text), Occur.SHOULD);
            add(keyword, builder.createPhraseQuery("kw_chars", text));
            add(keyword, builder.createBooleanQuery("kw_zh", text, Occur.MUST));
            add(body, builder.createPhraseQuery("body_chars", text));
            add(body, builder.createBooleanQuery("body_zh", text, Occur.MUST));
        }
        String latin = text.replaceAll("[^a-z0-9 ]", " ").strip();
        if (!latin.isEmpty()) {
            add(name, builder.createBooleanQuery("name_en", latin, Occur.MUST));
            String last = latin.substring(latin.lastIndexOf(' ') + 1);
            if (last.length() >= 2) {
                name.add(prefix("name_en_words", last), Occur.SHOULD);
            }
            start.add(prefix("name_whole", latin), Occur.SHOULD);
            add(keyword, builder.createBooleanQuery("kw_en", latin, Occur.MUST));
            add(body, builder.createBooleanQuery("body_en", latin, Occur.MUST));
            String compact = latin.replace(" ", "");
            if (compact.matches("[a-z]+")) {
                name.add(prefix("name_py", compact), Occur.SHOULD);
                name.add(prefix("name_pyi", compact), Occur.SHOULD);
                start.add(prefix("name_py_whole", compact), Occur.SHOULD);
                start.add(prefix("name_pyi_whole", compact), Occur.SHOULD);
                keyword.add(prefix("kw_py", compact), Occur.SHOULD);
                keyword.add(prefix("kw_pyi", compact), Occur.SHOULD);
            }
        }
        tier(any, name, NAME);
        tier(any, start, NAME_START);
        if (everywhere) {
            tier(any, keyword, KEYWORD);
            tier(any, body, BODY);
        }
        return any.build();
    }

    /**
     * Prefix matching as a plain term lookup: every prefix of a key (up to {@link #MAX_PREFIX} characters) is
     * indexed, so a query needs no automaton. Longer input falls back to a prefix query.
     */
    private static Query prefix(String field, String text) {
        return text.length() <= MAX_PREFIX ? new TermQuery(new Term(field + "_p", text))
                : new PrefixQuery(new Term(field, text));
    }

    private static void prefixes(Document doc, String field, String key) {
        doc.add(new StringField(field, key, Field.Store.NO));
        for (int end = 1; end <= Math.min(MAX_PREFIX, key.length()); end++) {
            doc.add(new StringField(field + "_p", key.substring(0, end), Field.Store.NO));
        }
    }

    private static void add(BooleanQuery.Builder tier, Query query) {
        if (query != null) {
            tier.add(query, Occur.SHOULD);
        }
    }

    private static void tier(BooleanQuery.Builder any, BooleanQuery.Builder tier, float weight) {
        BooleanQuery built = tier.build();
        if (!built.clauses().isEmpty()) {
            any.add(new BoostQuery(new ConstantScoreQuery(built), weight), Occur.SHOULD);
        }
    }

    private static Document document(ServiceDefinition s) {
        Document doc = new Document();
        doc.add(new StringField("code", s.code().value(), Field.Store.YES));
        doc.add(new SortedDocValuesField("code_sort", new BytesRef(s.code().value())));
        doc.add(new NumericDocValuesField("rank", (s.featured() ? 0 : 1_000_000) + Math.clamp(s.sortOrder(), 0, 999_999)));
        doc.add(new StringField("category", s.categoryCode(), Field.Store.NO));
        doc.add(new StringField("kind", s.kind().name(), Field.Store.NO));
        s.channels().forEach(c -> doc.add(new StringField("channel", c.name(), Field.Store.NO)));

        String zh = nullToEmpty(s.name().zh());
        String en = nullToEmpty(s.name().en()).toLowerCase(Locale.ROOT);
        text(doc, "name_zh", zh);
        text(doc, "name_chars", zh);
        text(doc, "name_en", en);
        for (String word : new java.util.LinkedHashSet<>(List.of(en.split("[^a-z0-9]+")))) {
            if (!word.isEmpty()) {
                prefixes(doc, "name_en_words", word);
            }
        }
        prefixes(doc, "name_whole", zh.toLowerCase(Locale.ROOT));
        prefixes(doc, "name_whole", en);
        keys(doc, "name_py", Pinyin.fullKeys(zh));
        keys(doc, "name_pyi", Pinyin.initialKeys(zh));
        Pinyin.fullKeys(zh).stream().findFirst().ifPresent(k -> prefixes(doc, "name_py_whole", k));
        Pinyin.initialKeys(zh).stream().findFirst().ifPresent(k -> prefixes(doc, "name_pyi_whole", k));

        for (String keyword : s.keywords()) {
            String k = keyword.toLowerCase(Locale.ROOT);
            text(doc, "kw_zh", k);
            text(doc, "kw_chars", k);
            text(doc, "kw_en", k);
            if (Pinyin.hasHan(k)) {
                keys(doc, "kw_py", Pinyin.fullKeys(k));
                keys(doc, "kw_pyi", Pinyin.initialKeys(k));
            }
        }
        bodyTexts(s).forEach(t -> {
            text(doc, "body_zh", nullToEmpty(t.zh()));
            text(doc, "body_chars", nullToEmpty(t.zh()));
            text(doc, "body_en", nullToEmpty(t.en()));
        });
        return doc;
    }

    private static Stream<LocalizedText> bodyTexts(ServiceDefinition s) {
        Stream<LocalizedText> head = Stream.of(s.summary(), s.competentDepartment(), s.implementingBody());
        if (s.guide() == null) {
            return head.filter(java.util.Objects::nonNull);
        }
        return Stream.concat(head, Stream.concat(s.guide().conditions().stream(),
                        s.guide().materials().stream().map(Material::name)))
                .filter(java.util.Objects::nonNull);
    }

    private static void text(Document doc, String field, String value) {
        if (!value.isBlank()) {
            doc.add(new TextField(field, value, Field.Store.NO));
        }
    }

    private static void keys(Document doc, String field, Collection<String> keys) {
        keys.forEach(k -> prefixes(doc, field, k));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @FunctionalInterface
    private interface SearcherWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.run(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }
}
