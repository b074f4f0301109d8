package org.citycard.catalog.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.citycard.catalog.ServiceCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
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

    /** Each step on its own: a Redis blip must not keep this node's index stale. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(CatalogChanged change) {
        applyLocally(change.services());
        try {
            cache.evictAll();
        } catch (RuntimeException e) {
            log.error("Could not evict the catalog cache; cached reads may be stale until they expire", e);
        }
        try {
            broadcast.send(change.services());
        } catch (RuntimeException e) {
            log.error("Could not tell other nodes about {} changed services; they catch up at the next reconcile",
                    change.services().size(), e);
        }
    }

    /** Reads and applies under one lock, so an older read can never overwrite a newer one. */
    private synchronized void applyLocally(Collection<ServiceCode> codes) {
        codes.forEach(code -> index.apply(code, store.published(code)));
    }

    /**
     * Pub/sub delivers at most once: a node that missed a message (restart, network blip) repairs its index here
     * by comparing what it holds with what the database publishes.
     */
    @Scheduled(fixedDelayString = "${citycard.catalog.index-reconcile-interval:5m}",
            initialDelayString = "${citycard.catalog.index-reconcile-interval:5m}")
    void reconcile() {
        Map<ServiceCode, Integer> truth = new HashMap<>();
        store.allPublished().forEach(s -> truth.put(s.code(), s.version()));
        Set<ServiceCode> stale = new HashSet<>();
        index.all().forEach(s -> {
            if (!Integer.valueOf(s.version()).equals(truth.get(s.code()))) {
                stale.add(s.code());
            }
        });
        truth.keySet().stream().filter(code -> index.get(code).isEmpty()).forEach(stale::add);
        if (!stale.isEmpty()) {
            log.warn("Search index repaired: {} services were out of date", stale.size());
            applyLocally(stale);
        }
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
