package org.citycard.catalog.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.citycard.catalog.ServiceCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts citizens opening services in memory and adds the counts to the database every few seconds, so a read
 * never waits for a write. Each node adds its own counts ({@code views = views + n}), so nodes never overwrite
 * each other; a crash loses at most the last few seconds of counts, which only rank "popular" services.
 */
@Component
class ViewCounter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ViewCounter.class);

    private final ServiceStore store;
    /** One counter per service, never removed (there are only so many services), so no increment is lost. */
    private final Map<ServiceCode, AtomicLong> pending = new ConcurrentHashMap<>();

    ViewCounter(ServiceStore store) {
        this.store = store;
    }

    void count(ServiceCode code) {
        pending.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
    }

    @Scheduled(fixedDelayString = "${citycard.catalog.view-flush-interval:5s}")
    void flush() {
        pending.forEach((code, counter) -> {
            long views = counter.getAndSet(0);
            if (views > 0) {
                try {
                    store.addViews(code, views);
                } catch (RuntimeException e) {
                    counter.addAndGet(views); // try again at the next flush
                    log.warn("Could not record {} views of {}; retrying at the next flush", views, code, e);
                }
            }
        });
    }

    @Override
    public void destroy() {
        flush();
    }
}
