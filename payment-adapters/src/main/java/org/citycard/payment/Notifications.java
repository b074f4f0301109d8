package org.citycard.payment;

import java.time.Instant;
import java.util.List;

/**
 * Notifications from the channels. Every one is kept as it arrived, with what we made of it; it changes an order
 * only when its channel verified it and its order number, merchant and amount match ours. A duplicate finds the
 * order already there; a refund notice that comes before its payment is left for the channel to send again.
 */
public interface Notifications {

    /** Keeps, verifies and applies one notification, and answers it the way the channel expects. */
    PaymentChannel.Reply receive(ChannelId channel, PaymentChannel.Inbound notification);

    List<Received> ofOrder(OrderNo order);

    /** Channel health: how the latest {@code latest} notifications were judged, counted per channel and verdict. */
    List<VerdictCount> verdictCounts(int latest);

    /** The latest notifications that were not believed or did not match, newest first. */
    List<Received> alerts(int limit);

    record VerdictCount(ChannelId channel, Verdict verdict, long count) {
    }

    /** One kept notification and its verdict. */
    record Received(long id, ChannelId channel, Instant at, Verdict verdict, OrderNo order, String detail,
                    String body) {
    }

    enum Verdict {
        /** Verified and it moved the order or refund. */
        APPLIED,
        /** Verified, and the order or refund was already there. */
        DUPLICATE,
        /** Verified, but about something that needs no change (a failure notice for a paid order). */
        IGNORED,
        /** Verified, but too early (a refund notice before the payment): the channel will send it again. */
        DEFERRED,
        /** Not believed: the signature, timestamp, encryption or merchant did not check out. Alert. */
        REJECTED,
        /** Verified, but it does not match our order (amount, channel, state, refund). Alert. */
        MISMATCH
    }
}
