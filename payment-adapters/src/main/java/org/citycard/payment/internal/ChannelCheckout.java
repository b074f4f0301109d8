package org.citycard.payment.internal;

import java.util.Optional;

import org.citycard.card.CitizenId;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.OrderNo;
import org.citycard.payment.OrderState;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.Scene;
import org.springframework.stereotype.Service;

/**
 * Checkout through the registry of channels: no branch on the channel here. A payment the channel completes at
 * once is marked paid at once; the others wait for the notification. When the citizen switches channels, the
 * previous channel's prepay is closed first, so one order can never be paid twice.
 */
@Service
class ChannelCheckout implements Checkout {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChannelCheckout.class);

    private final OrderBook orders;
    private final Channels channels;
    private final Settlement settlement;

    ChannelCheckout(OrderBook orders, Channels channels, Settlement settlement) {
        this.orders = orders;
        this.channels = channels;
        this.settlement = settlement;
    }

    @Override
    public java.util.List<ChannelId> channels(Scene scene) {
        return channels.all().stream().filter(channel -> channel.scenes().contains(scene)).map(PaymentChannel::id)
                .sorted().toList();
    }

    @Override
    public Optional<PaymentOrder> refresh(CitizenId citizen, OrderNo no) {
        Optional<PaymentOrder> order = orders.find(citizen, no);
        if (order.isPresent() && order.get().state() == OrderState.PAYING) {
            try {
                settlement.settle(order.get(), java.time.Instant.now());
            } catch (RuntimeException e) {
                // the channel could not be asked: the order stands as it was; the janitor asks again
            }
            return orders.find(no);
        }
        return order;
    }

    @Override
    public Result pay(CitizenId citizen, OrderNo no, ChannelId channelId, Scene scene) {
        Optional<PaymentOrder> order = orders.find(citizen, no);
        if (order.isEmpty()) {
            return new Result.Refused(Reason.UNKNOWN_ORDER);
        }
        if (order.get().state() == OrderState.PAID) {
            return new Result.Paid(order.get());
        }
        if (!order.get().state().open()) {
            return new Result.Refused(Reason.NOT_PAYABLE);
        }
        Optional<PaymentChannel> channel = channels.find(channelId);
        if (channel.isEmpty()) {
            return new Result.Refused(Reason.CHANNEL_UNAVAILABLE);
        }
        if (!channel.get().scenes().contains(scene)) {
            return new Result.Refused(Reason.SCENE_NOT_SUPPORTED);
        }
        // asked again with the same channel and scene (a reload, a second tap): the same code, not a second prepay
        if (order.get().state() == OrderState.PAYING && order.get().channel() == channelId
                && order.get().scene() == scene && order.get().expiresAt().isAfter(java.time.Instant.now())) {
            Optional<java.util.Map<String, String>> again = orders.rememberedPrepay(no, channelId, scene);
            if (again.isPresent()) {
                return new Result.Confirm(order.get(), again.get());
            }
        }
        Optional<Result> previous = withdrawPrevious(order.get(), channelId);
        if (previous.isPresent()) {
            return previous.get();
        }
        // the order as read above, moved without reading it again
        if (!(orders.startPaying(order.get(), channelId, scene) instanceof OrderBook.Transition.Moved(PaymentOrder paying))) {
            return new Result.Refused(Reason.NOT_PAYABLE);
        }
        PaymentChannel.Prepay prepay;
        try {
            prepay = channel.get().prepay(paying, scene);
        } catch (RuntimeException e) {
            // the order stays payable; the janitor asks the channel about it if it did arrive there
            log.warn("{} failed on the prepay of {}", channelId, no.value(), e);
            return new Result.Refused(Reason.CHANNEL_UNAVAILABLE);
        }
        return switch (prepay) {
            case PaymentChannel.Prepay.PaidAtOnce paid -> paid(orders.markPaid(paying, channelId, paid.channelTradeNo(),
                    paying.amountFen(), paid.statementDay()));
            case PaymentChannel.Prepay.Ready ready -> {
                orders.rememberPrepay(no, channelId, scene, ready.clientParameters());
                yield new Result.Confirm(paying, ready.clientParameters());
            }
            // the order stays payable: the citizen may try another channel until it expires
            case PaymentChannel.Prepay.Declined declined -> new Result.Refused(switch (declined.reason()) {
                case PaymentChannel.Prepay.INSUFFICIENT_FUNDS -> Reason.INSUFFICIENT_FUNDS;
                case PaymentChannel.Prepay.UNAVAILABLE -> Reason.CHANNEL_UNAVAILABLE;
                case PaymentChannel.Prepay.CARD_FROZEN -> Reason.CARD_FROZEN;
                case PaymentChannel.Prepay.DAILY_LIMIT_EXCEEDED -> Reason.DAILY_LIMIT_EXCEEDED;
                case PaymentChannel.Prepay.NOT_FOR_THIS_ORDER -> Reason.CHANNEL_NOT_FOR_ORDER;
                default -> Reason.DECLINED;
            });
        };
    }

    /** Paid, as far as the citizen is told, only when our books say so too. */
    private Result paid(OrderBook.Transition transition) {
        return switch (transition) {
            case OrderBook.Transition.Moved moved -> new Result.Paid(moved.order());
            case OrderBook.Transition.AlreadyThere there -> new Result.Paid(there.order());
            // the channel's word and our order disagree: finance staff see it; the citizen is not told "paid"
            case OrderBook.Transition.Refused refused -> new Result.Refused(Reason.NOT_PAYABLE);
        };
    }

    /**
     * The order is paying with another channel: close it there first. If that channel says it was paid meanwhile,
     * the order is paid and the citizen is told so instead of paying twice.
     */
    private Optional<Result> withdrawPrevious(PaymentOrder order, ChannelId next) {
        if (order.state() != OrderState.PAYING || order.channel() == null || order.channel() == next) {
            return Optional.empty();
        }
        Optional<PaymentChannel> previous = channels.find(order.channel());
        if (previous.isEmpty()) {
            // a channel this deployment no longer offers cannot be asked to withdraw: do not risk a second payment
            return Optional.of(new Result.Refused(Reason.PAYING_ELSEWHERE));
        }
        PaymentChannel.Query closed;
        try {
            closed = previous.get().close(order);
        } catch (RuntimeException e) {
            closed = new PaymentChannel.Query.Unknown(e.getClass().getSimpleName());
        }
        return switch (closed) {
            case PaymentChannel.Query.Paid paid -> Optional.of(paid(orders.markPaid(order, order.channel(),
                    paid.channelTradeNo(), paid.amountFen(), paid.statementDay())));
            case PaymentChannel.Query.Unknown unknown -> Optional.of(new Result.Refused(Reason.PAYING_ELSEWHERE));
            case PaymentChannel.Query.Waiting waiting -> Optional.empty();
            case PaymentChannel.Query.Ended ended -> Optional.empty();
        };
    }
}
