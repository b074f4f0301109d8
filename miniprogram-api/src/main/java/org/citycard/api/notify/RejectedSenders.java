package org.citycard.api.notify;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Counts, per sending address and minute, the notifications that were not believed. Past
 * {@code citycard.payment.notify-rejected-per-minute} (20) in a minute, that address's notifications are verified
 * before they are kept, and kept only when believed: genuine ones are never turned away (the channels and an
 * attacker behind one proxy may share an address), but a flood of forgeries no longer fills the store.
 */
@Component
class RejectedSenders {

    private static final Logger log = LoggerFactory.getLogger(RejectedSenders.class);

    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(long minute, AtomicInteger rejected) {
    }

    @org.springframework.beans.factory.annotation.Autowired
    RejectedSenders(@Value("${citycard.payment.notify-rejected-per-minute:20}") int perMinute) {
        this(perMinute, Clock.systemUTC());
    }

    RejectedSenders(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Whether a notification from this address that is not believed should still be kept. */
    boolean keepRejectedFrom(String address) {
        Window window = windows.get(address);
        return window == null || window.minute() != minute() || window.rejected().get() < perMinute;
    }

    void rejected(String address) {
        long minute = minute();
        if (windows.size() > 10_000) {
            windows.values().removeIf(w -> w.minute() != minute);
        }
        Window window = windows.compute(address, (a, w) -> w == null || w.minute() != minute
                ? new Window(minute, new AtomicInteger()) : w);
        if (window.rejected().incrementAndGet() == perMinute) {
            log.warn("{} notifications not believed from {} within a minute: more from there are kept only if believed",
                    perMinute, masked(address));
        }
    }

    private long minute() {
        return clock.millis() / 60_000;
    }

    /** An address fit for the log: the network, not the host. */
    static String masked(String address) {
        int dot = address.indexOf('.', address.indexOf('.') + 1);
        if (dot > 0 && !address.contains(":")) {
            return address.substring(0, dot) + ".*.*";
        }
        int colon = address.indexOf(':', address.indexOf(':') + 1);
        return colon > 0 ? address.substring(0, colon) + ":*" : "*";
    }
}
