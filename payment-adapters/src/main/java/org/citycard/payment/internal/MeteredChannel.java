package org.citycard.payment.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.citycard.payment.ChannelId;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.Scene;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * A channel whose every call out (prepay, refund, query, close, statement) is timed and counted as
 * {@code citycard.payment.channel.calls} by channel, operation and outcome (what the channel answered, or
 * {@code error} when the call threw), as a pay connector counts its gateways. Reading a notification is local work
 * (a signature check) and is not a call out.
 */
final class MeteredChannel implements PaymentChannel {

    static final String METER = "citycard.payment.channel.calls";

    private final PaymentChannel channel;
    private final MeterRegistry registry;

    MeteredChannel(PaymentChannel channel, MeterRegistry registry) {
        this.channel = channel;
        this.registry = registry;
    }

    @Override
    public ChannelId id() {
        return channel.id();
    }

    @Override
    public Set<Scene> scenes() {
        return channel.scenes();
    }

    @Override
    public Prepay prepay(PaymentOrder order, Scene scene) {
        return timed("prepay", () -> channel.prepay(order, scene), prepay -> switch (prepay) {
            case Prepay.PaidAtOnce paid -> "paid";
            case Prepay.Ready ready -> "ready";
            case Prepay.Declined declined -> "declined";
        });
    }

    @Override
    public RefundOutcome refund(PaymentOrder order, String refundNo, long amountFen) {
        return timed("refund", () -> channel.refund(order, refundNo, amountFen), MeteredChannel::outcome);
    }

    @Override
    public Query query(PaymentOrder order) {
        return timed("query", () -> channel.query(order), MeteredChannel::outcome);
    }

    @Override
    public RefundOutcome queryRefund(PaymentOrder order, String refundNo) {
        return timed("query-refund", () -> channel.queryRefund(order, refundNo), MeteredChannel::outcome);
    }

    @Override
    public Query close(PaymentOrder order) {
        return timed("close", () -> channel.close(order), MeteredChannel::outcome);
    }

    @Override
    public Notice read(Inbound notification) {
        return channel.read(notification);
    }

    @Override
    public Reply reply(boolean accepted) {
        return channel.reply(accepted);
    }

    @Override
    public Optional<List<StatementEntry>> statement(LocalDate day) {
        return timed("statement", () -> channel.statement(day), lines -> lines.isPresent() ? "downloaded" : "none");
    }

    private static String outcome(Query query) {
        return switch (query) {
            case Query.Paid paid -> "paid";
            case Query.Waiting waiting -> "waiting";
            case Query.Ended ended -> "ended";
            case Query.Unknown unknown -> "unknown";
        };
    }

    private static String outcome(RefundOutcome refund) {
        return switch (refund) {
            case RefundOutcome.Done done -> "done";
            case RefundOutcome.Pending pending -> "pending";
            case RefundOutcome.Failed failed -> "failed";
        };
    }

    private <T> T timed(String operation, Supplier<T> call, Function<T, String> outcome) {
        long start = System.nanoTime();
        String result = "error";
        try {
            T answer = call.get();
            result = outcome.apply(answer);
            return answer;
        } catch (StatementUnavailable e) {
            result = "unavailable";
            throw e;
        } finally {
            Timer.builder(METER).description("Calls to payment channels")
                    .tags("channel", channel.id().name(), "operation", operation, "outcome", result)
                    .register(registry).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
