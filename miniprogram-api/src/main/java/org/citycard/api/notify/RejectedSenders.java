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
 * attacker behind one proxy may share an address), but a flood of forgeries no longer fills the store. An IPv6
 * sender is counted by its /64 network (one host has many addresses). At most {@value #SENDERS} senders are
 * counted a minute; past that, forgeries from senders not yet counted are not kept either.
 */
@Component
class RejectedSenders {

    private static final Logger log = LoggerFactory.getLogger(RejectedSenders.class);

    static final int SENDERS = 10_000;

    private final int perMinute;
    private volatile long purged;
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
        long minute = minute();
        Window window = windows.get(sender(address));
        if (window == null || window.minute() != minute) {
            return windows.size() < SENDERS || purge(minute);
        }
        return window.rejected().get() < perMinute;
    }

    void rejected(String address) {
        long minute = minute();
        String sender = sender(address);
        if (windows.size() >= SENDERS && !windows.containsKey(sender) && !purge(minute)) {
            return;
        }
        Window window = windows.compute(sender, (a, w) -> w == null || w.minute() != minute
                ? new Window(minute, new AtomicInteger()) : w);
        if (window.rejected().incrementAndGet() == perMinute) {
            log.warn("{} notifications not believed from {} within a minute: more from there are kept only if believed",
                    perMinute, masked(address));
        }
    }

    /** Forgets the senders of earlier minutes, at most once a minute; whether there is room again. */
    private boolean purge(long minute) {
        if (purged != minute) {
            purged = minute;
            windows.values().removeIf(w -> w.minute() != minute);
        }
        return windows.size() < SENDERS;
    }

    /** The address, or for IPv6 its /64 network. */
    static String sender(String address) {
        if (!address.contains(":")) {
            return address;
        }
        try {
            // a literal (it has a colon, which no host name has): parsed, never looked up
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
            return bytes.length == 16 ? java.util.HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : address;
        } catch (java.net.UnknownHostException | IllegalArgumentException e) {
            return address;
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
