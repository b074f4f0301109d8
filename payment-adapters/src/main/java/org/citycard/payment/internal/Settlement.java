package org.citycard.payment.internal;

import java.time.Instant;

import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentOrder;
import org.springframework.stereotype.Component;

/**
 * Settles an order in paying by asking its channel: paid there means paid here; ended there means failed here
 * (or closed, once expired, after the channel closed it too); waiting or unreachable changes nothing.
 */
@Component
class Settlement {

    private final OrderBook orders;
    private final Channels channels;

    Settlement(OrderBook orders, Channels channels) {
        this.orders = orders;
        this.channels = channels;
    }

    /** True when the order moved. */
    boolean settle(PaymentOrder order, Instant now) {
        PaymentChannel channel = channels.find(order.channel()).orElse(null);
        if (channel == null) {
            return false;
        }
        boolean expired = !order.expiresAt().isAfter(now);
        return switch (expired ? channel.close(order) : channel.query(order)) {
            case PaymentChannel.Query.Paid paid -> orders.markPaid(order.no(), order.channel(),
                    paid.channelTradeNo(), paid.amountFen(), paid.statementDay()) instanceof OrderBook.Transition.Moved;
            // only while the order is still with this channel: the citizen may have switched meanwhile
            case PaymentChannel.Query.Ended ended -> (expired
                    ? orders.close(order.no(), order.channel(), "expired; " + ended.reason())
                    : orders.markFailed(order.no(), order.channel(), order.channel() + ": " + ended.reason()))
                    instanceof OrderBook.Transition.Moved;
            case PaymentChannel.Query.Waiting waiting -> false;
            case PaymentChannel.Query.Unknown unknown -> false;
        };
    }
}
