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

    /**
     * As {@link #receive}, also saying what was made of it. With {@code keepRejected} false (a sender that has sent
     * too many notifications that were not believed), the notification is verified before it is kept, and kept
     * only if believed: a flood of forgeries costs verification, not storage, and raises no alert each.
     */
    Receipt receiveAndJudge(ChannelId channel, PaymentChannel.Inbound notification, boolean keepRejected);

    /**
     * How the channel is told that a notification was not taken (to be sent again, or not at all), for refusals
     * made before the notification is read (a body too large). Empty for a channel this deployment does not offer.
     */
    java.util.Optional<PaymentChannel.Reply> refusal(ChannelId channel);

    /**
     * Forgets notifications that were not believed once they are older than {@code age}: junk cannot fill the
     * store. The believed ones stay, as the record of money that moved. Returns how many were forgotten.
     */
    int forgetRejectedOlderThan(java.time.Duration age);

    /** The answer for the channel, and the verdict (null when our side failed and the channel is asked again). */
    record Receipt(PaymentChannel.Reply reply, Verdict verdict) {
    }

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
