package org.citycard.catalog;

import java.util.List;

/** One page of search results, best first. */
public record SearchPage(List<PublishedService> items, long total, int page, int size) {

    public SearchPage {
        items = List.copyOf(items);
    }
}
