package org.citycard.catalog.internal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citycard.catalog.Bundle;
import org.citycard.catalog.CatalogBrowsing;
import org.citycard.catalog.Category;
import org.citycard.catalog.PublishedService;
import org.citycard.catalog.SearchPage;
import org.citycard.catalog.SearchQuery;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.Suggestion;
import org.springframework.stereotype.Service;

/** Citizens' reads: search from this node's index, the rest through the cache. */
@Service
class CatalogBrowsingService implements CatalogBrowsing {

    private final SearchIndex index;
    private final ServiceStore services;
    private final StructureStore structure;
    private final CatalogCache cache;
    private final ViewCounter views;

    CatalogBrowsingService(SearchIndex index, ServiceStore services, StructureStore structure, CatalogCache cache,
                           ViewCounter views) {
        this.index = index;
        this.services = services;
        this.structure = structure;
        this.cache = cache;
        this.views = views;
    }

    @Override
    public List<Category> categories() {
        return cache.categories(structure::categories);
    }

    @Override
    public Optional<Category> category(String code) {
        return categories().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    @Override
    public Map<String, Integer> serviceCounts() {
        Map<String, Integer> counts = new HashMap<>();
        index.all().forEach(s -> counts.merge(s.definition().categoryCode(), 1, Integer::sum));
        return counts;
    }

    @Override
    public Optional<PublishedService> service(ServiceCode code) {
        return cache.service(code, () -> services.published(code));
    }

    @Override
    public SearchPage search(SearchQuery query) {
        return index.search(query);
    }

    @Override
    public List<Suggestion> suggest(String prefix, int limit) {
        if (prefix == null || prefix.length() > SearchQuery.MAX_TEXT_LENGTH) {
            return List.of();
        }
        return index.suggest(prefix, Math.clamp(limit, 1, 20));
    }

    @Override
    public List<PublishedService> featured(int limit) {
        return index.all().stream()
                .filter(s -> s.definition().featured())
                .sorted(Comparator.comparingInt((PublishedService s) -> s.definition().sortOrder())
                        .thenComparing(PublishedService::code))
                .limit(limit)
                .toList();
    }

    @Override
    public List<PublishedService> popular(int limit) {
        return services.mostViewed(limit * 2).stream()
                .map(index::get)
                .flatMap(Optional::stream)
                .limit(limit)
                .toList();
    }

    @Override
    public void recordView(ServiceCode code) {
        if (index.get(code).isPresent()) {
            views.count(code);
        }
    }

    @Override
    public List<Bundle> bundles() {
        return cache.bundles(structure::bundles).stream()
                .filter(b -> b.services().stream().anyMatch(c -> index.get(c).isPresent()))
                .toList();
    }

    @Override
    public Optional<Bundle> bundle(String code) {
        return bundles().stream().filter(b -> b.code().equals(code)).findFirst();
    }
}
