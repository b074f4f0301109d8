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
        UNKNOWN_ORDER, NOT_PAYABLE, CHANNEL_UNAVAILABLE, SCENE_NOT_SUPPORTED, DECLINED, INSUFFICIENT_FUNDS,
        /**
         * The order is being paid with another channel that could not withdraw it (a UnionPay code cannot be withdrawn
         * before it times out, or that channel did not answer): finish paying there, or wait. Nothing is paid twice.
         */
        PAYING_ELSEWHERE,
        /** The card's wallet cannot pay while the card is frozen (reported lost, or frozen by staff). */
        CARD_FROZEN,
        /** The payment would pass the payer's daily spending limit (the wallet's, set by the city). */
        DAILY_LIMIT_EXCEEDED,
        /** This channel cannot pay this order: the wallet never tops itself up. */
        CHANNEL_NOT_FOR_ORDER;

        public String code() {
            return "payment." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
