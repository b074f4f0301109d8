package org.citycard.catalog.internal;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.citycard.catalog.ServiceCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps this node's search index and the cache in step with the database: rebuilt at start, then each
 * committed change applied at once, here and (through {@link ChangeBroadcast}) on every other node.
 */
@Component
class CatalogIndexer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CatalogIndexer.class);

    private final SearchIndex index;
    private final ServiceStore store;
    private final CatalogCache cache;
    private final ChangeBroadcast broadcast;

    CatalogIndexer(SearchIndex index, ServiceStore store, CatalogCache cache, ChangeBroadcast broadcast) {
        this.index = index;
        this.store = store;
        this.cache = cache;
        this.broadcast = broadcast;
    }

    @Override
    public void afterSingletonsInstantiated() {
        rebuild();
        broadcast.onRemoteChange(this::applyLocally);
    }

    void rebuild() {
        long started = System.nanoTime();
        index.rebuild(store.allPublished());
        log.info("Search index rebuilt: {} published services in {} ms", index.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CatalogChanged change) {
        cache.evictAll();
        applyLocally(change.services());
        broadcast.send(change.services());
    }

    private void applyLocally(Collection<ServiceCode> codes) {
        codes.forEach(code -> index.apply(code, store.published(code)));
    }

    /** Tells the other nodes what changed; a single node needs nobody. */
    interface ChangeBroadcast {
        ChangeBroadcast NONE = new ChangeBroadcast() {
            @Override
            public void send(Set<ServiceCode> codes) {
            }

            @Override
            public void onRemoteChange(Consumer<List<ServiceCode>> handler) {
            }
        };

        void send(Set<ServiceCode> codes);

        void onRemoteChange(Consumer<List<ServiceCode>> handler);
    }
}
