package org.citycard.payment.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citycard.card.CitizenId;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Scene;
import org.springframework.stereotype.Service;

/**
 * Checkout through the registry of channels (one bean per channel, keyed by its id): no branch on the channel
 * here. A payment the channel completes at once is marked paid at once; the others wait for the notification.
 */
@Service
class ChannelCheckout implements Checkout {

    private final PaymentOrders orders;
    private final Map<ChannelId, PaymentChannel> channels = new EnumMap<>(ChannelId.class);

    ChannelCheckout(PaymentOrders orders, List<PaymentChannel> channels) {
        this.orders = orders;
        channels.forEach(channel -> this.channels.put(channel.id(), channel));
    }

    @Override
    public Result pay(CitizenId citizen, OrderNo no, ChannelId channelId, Scene scene) {
        Optional<PaymentOrder> order = orders.find(citizen, no);
        if (order.isEmpty()) {
            return new Result.Refused(Reason.UNKNOWN_ORDER);
        }
        if (order.get().state() == org.citycard.payment.OrderState.PAID) {
            return new Result.Paid(order.get());
        }
        if (!order.get().state().open()) {
            return new Result.Refused(Reason.NOT_PAYABLE);
        }
        PaymentChannel channel = channels.get(channelId);
        if (channel == null) {
            return new Result.Refused(Reason.CHANNEL_UNAVAILABLE);
        }
        if (!channel.scenes().contains(scene)) {
            return new Result.Refused(Reason.SCENE_NOT_SUPPORTED);
        }
        if (orders.startPaying(no, channelId, scene) instanceof PaymentOrders.Transition.Refused) {
            return new Result.Refused(Reason.NOT_PAYABLE);
        }
        PaymentOrder paying = orders.find(no).orElseThrow();
        return switch (channel.prepay(paying, scene)) {
            case PaymentChannel.Prepay.PaidAtOnce paid -> {
                orders.markPaid(no, channelId, paid.channelTradeNo(), paying.amountFen());
                yield new Result.Paid(orders.find(no).orElseThrow());
            }
            case PaymentChannel.Prepay.Ready ready -> new Result.Confirm(paying, ready.clientParameters());
            // the order stays payable: the citizen may try another channel until it expires
            case PaymentChannel.Prepay.Declined declined -> new Result.Refused(
                    "INSUFFICIENT_FUNDS".equals(declined.reason()) ? Reason.INSUFFICIENT_FUNDS : Reason.DECLINED);
        };
    }
}
