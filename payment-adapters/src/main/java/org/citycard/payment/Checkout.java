package org.citycard.payment;

import java.util.Map;

import org.citycard.card.CitizenId;

/** The citizen pays an order of theirs with a channel and scene of their choice. */
public interface Checkout {

    Result pay(CitizenId citizen, OrderNo order, ChannelId channel, Scene scene);

    /** The channels that can take a payment in this scene, in the order they are offered. */
    java.util.List<ChannelId> channels(Scene scene);

    /**
     * The citizen is waiting on an order in paying: asks its channel now instead of waiting for the notification
     * or the janitor. Returns the order as it stands afterwards; empty for anyone else's order.
     */
    java.util.Optional<PaymentOrder> refresh(CitizenId citizen, OrderNo order);

    sealed interface Result {
        /** Paid already (the wallet). */
        record Paid(PaymentOrder order) implements Result {
        }

        /** Waiting for the citizen to confirm in the channel's own way. */
        record Confirm(PaymentOrder order, Map<String, String> clientParameters) implements Result {
        }

        record Refused(Reason reason) implements Result {
        }
    }

    enum Reason {
        UNKNOWN_ORDER, NOT_PAYABLE, CHANNEL_UNAVAILABLE, SCENE_NOT_SUPPORTED, DECLINED, INSUFFICIENT_FUNDS;

        public String code() {
            return "payment." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
