package org.citycard.catalog;

import java.util.List;
import java.util.Optional;

/**
 * What citizens can read: the published catalog only. Anyone may call it; nothing here needs a login.
 */
public interface CatalogBrowsing {

    List<Category> categories();

    Optional<Category> category(String code);

    /** How many published services each category holds. */
    java.util.Map<String, Integer> serviceCounts();

    Optional<PublishedService> service(ServiceCode code);

    SearchPage search(SearchQuery query);

    List<Suggestion> suggest(String prefix, int limit);

    List<PublishedService> featured(int limit);

    /** Most viewed first. */
    List<PublishedService> popular(int limit);

    /** Counts a citizen opening a service, for {@link #popular}. */
    void recordView(ServiceCode code);

    List<Bundle> bundles();

    Optional<Bundle> bundle(String code);
}
