package org.citycard.catalog.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The catalog's settings ({@code citycard.catalog.*}).
 *
 * @param cache       where published reads are cached: {@code local} (in-process) or {@code redis} (shared by
 *                    every node, which also tells the other nodes to refresh their search index)
 * @param cacheTtl    how long a cached read may live at most; a publish evicts at once anyway
 * @param demoData    load the demo catalog into an empty database at start (default profile only)
 */
@ConfigurationProperties("citycard.catalog")
record CatalogProperties(@DefaultValue("local") CacheType cache, @DefaultValue("10m") Duration cacheTtl,
                         @DefaultValue("false") boolean demoData) {

    enum CacheType { LOCAL, REDIS }
}
