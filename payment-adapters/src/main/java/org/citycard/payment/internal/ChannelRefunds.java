package org.citycard.payment.internal;

import java.util.List;
import java.util.Optional;

import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.RefundPolicy;
import org.citycard.payment.Refunds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Refunds: the request is written first (under the order's row lock, so refunds never pass what was paid), the
 * purposes set the money aside ({@link RefundPolicy#hold}), then the channel is asked. Above {@code citycard.payment.refund-four-eyes-above-fen} a second finance officer must
 * approve before the channel is asked. If the channel cannot be reached the refund stays requested and the janitor
 * asks again with the same refund number, which the channel treats as the same refund.
 */
@Service
class ChannelRefunds implements Refunds {

    private static final Logger log = LoggerFactory.getLogger(ChannelRefunds.class);

    private final OrderBook orders;
    private final Channels channels;
    private final List<RefundPolicy> policies;
    private final long fourEyesAboveFen;
    /**
     * The request (or approval) is committed on its own before the channel is asked: a purpose refunding from inside
     * its own transaction (an event listener) otherwise kept it unwritten while the channel's notice of the refund
     * came back, and the notice was taken for a refund we never asked for.
     */
    private final org.springframework.transaction.support.TransactionTemplate committed;

    ChannelRefunds(OrderBook orders, Channels channels, List<RefundPolicy> policies,
                   @Value("${citycard.payment.refund-four-eyes-above-fen:50000}") long fourEyesAboveFen,
                   org.springframework.transaction.PlatformTransactionManager transactionManager) {
        this.orders = orders;
        this.channels = channels;
        this.policies = policies;
        this.fourEyesAboveFen = fourEyesAboveFen;
        this.committed = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        this.committed.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Result refund(OrderNo no, long amountFen, String reason, String actor) {
        Optional<PaymentOrder> order = orders.find(no);
        // what the order returns in all, refunds on their way included: more is refused as such, under the lock
        long alreadyReturned = order.map(PaymentOrder::refundedFen).orElse(0L) + orders.refunds(no).stream()
                .filter(r -> r.state() == PaymentOrders.RefundState.REQUESTED
                        || r.state() == PaymentOrders.RefundState.AWAITING_APPROVAL)
                .mapToLong(PaymentOrders.Refund::amountFen).sum();
        // the purposes speak only of refunds that could happen
        if (order.isPresent() && amountFen > 0 && alreadyReturned + amountFen <= order.get().amountFen()) {
            Optional<String> refusal = refusal(order.get(), amountFen, null);
            if (refusal.isPresent()) {
                return new Result.NotAllowed(refusal.get());
            }
        }
        return switch (committed.execute(tx -> orders.requestRefund(no, amountFen, reason, actor, fourEyesAboveFen))) {
            case OrderBook.RefundRequest.Refused refused -> new Result.Refused(refused.problem());
            case OrderBook.RefundRequest.Requested requested when requested.awaitingApproval() ->
                    new Result.AwaitingApproval(requested.refundNo());
            case OrderBook.RefundRequest.Requested requested -> send(requested.order(), requested.refundNo(), amountFen);
        };
    }

    @Override
    public Result approve(String refundNo, String approver) {
        Optional<PaymentOrders.Refund> refund = orders.refund(refundNo);
        if (refund.isEmpty()) {
            return new Result.Refused(PaymentOrders.Problem.UNKNOWN_REFUND);
        }
        PaymentOrder order = orders.find(refund.get().order()).orElseThrow();
        // the money may have been spent while the refund waited
        Optional<String> refusal = refusal(order, refund.get().amountFen(), refundNo);
        if (refusal.isPresent()) {
            return new Result.NotAllowed(refusal.get());
        }
        return switch (committed.execute(tx -> orders.approveRefund(refundNo, approver))) {
            case OrderBook.Transition.Refused refused -> new Result.Refused(refused.problem());
            case OrderBook.Transition.AlreadyThere there -> new Result.Refused(PaymentOrders.Problem.WRONG_STATE);
            // only the one approval that moved the refund sends it (or, returned by hand, counts it)
            case OrderBook.Transition.Moved moved -> refund.get().byHand()
                    ? byHand(order, refundNo, refund.get().amountFen()) : send(order, refundNo, refund.get().amountFen());
        };
    }

    @Override
    public Result reject(String refundNo, String approver) {
        return switch (orders.rejectRefund(refundNo, approver)) {
            case OrderBook.Transition.Moved moved -> new Result.Rejected(refundNo);
            case OrderBook.Transition.AlreadyThere there -> new Result.Rejected(refundNo);
            case OrderBook.Transition.Refused refused -> new Result.Refused(refused.problem());
        };
    }

    @Override
    public List<PaymentOrders.Refund> of(OrderNo order) {
        return orders.refunds(order);
    }

    @Override
    public List<PaymentOrders.Refund> awaitingApproval(int limit) {
        return orders.refundsAwaitingApproval(limit);
    }

    @Override
    public List<PaymentOrders.Refund> open(org.citycard.card.CitizenId citizen, String purposeKind) {
        return orders.openRefunds(citizen, purposeKind);
    }

    @Override
    public List<PaymentOrders.Refund> refusedByChannel(int limit) {
        return orders.refusedRefunds(limit);
    }

    @Override
    public Result askAgain(String refundNo, String actor) {
        Optional<PaymentOrders.Refund> refused = orders.refund(refundNo).filter(PaymentOrders.Refund::refusedByChannel);
        if (refused.isEmpty()) {
            return new Result.Refused(PaymentOrders.Problem.UNKNOWN_REFUND);
        }
        // claimed first, under a guard: a second click (or a second officer) finds it followed up already
        String followUp = "再次退款 asked again by " + actor;
        if (!committed.execute(tx -> orders.followUp(refundNo, followUp, actor))) {
            return new Result.Refused(PaymentOrders.Problem.WRONG_STATE);
        }
        String reason = "再次退款 Retry of " + refundNo + " · " + refused.get().reason();
        return followedUpBy(refundNo, followUp, refund(refused.get().order(), refused.get().amountFen(),
                reason.substring(0, Math.min(reason.length(), 200)), actor));
    }

    /**
     * Names the refund that followed a refused one up; when none was written (the follow-up was refused), the refused
     * refund stays on the list.
     */
    private Result followedUpBy(String refundNo, String followUp, Result result) {
        Optional<String> written = switch (result) {
            case Result.Done done -> Optional.of(done.refundNo());
            case Result.Pending pending -> Optional.of(pending.refundNo());
            case Result.Failed again -> Optional.of(again.refundNo());
            case Result.AwaitingApproval waiting -> Optional.of(waiting.refundNo());
            case Result.Refused r -> Optional.empty();
            case Result.NotAllowed r -> Optional.empty();
            case Result.Rejected r -> Optional.empty();
        };
        written.ifPresentOrElse(retry -> orders.retriedAs(refundNo, retry),
                () -> orders.withdrawFollowUp(refundNo, followUp));
        return result;
    }

    @Override
    public Result returnedByHand(String refundNo, String note, String actor) {
        Optional<PaymentOrders.Refund> refused = orders.refund(refundNo).filter(PaymentOrders.Refund::refusedByChannel);
        if (refused.isEmpty()) {
            return new Result.Refused(PaymentOrders.Problem.UNKNOWN_REFUND);
        }
        // the note is the new refund's reason, checked as every reason is (no control characters), and must say
        // something: a letter or a digit, within its own length
        String text = note == null ? "" : note.strip();
        if (text.codePointCount(0, text.length()) > BY_HAND_NOTE_MAX
                || !text.isEmpty() && text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return new Result.Refused(PaymentOrders.Problem.REASON_INVALID);
        }
        PaymentOrder order = orders.find(refused.get().order()).orElseThrow();
        long amountFen = refused.get().amountFen();
        Optional<String> refusal = refusal(order, amountFen, null);
        if (refusal.isPresent()) {
            return new Result.NotAllowed(refusal.get());
        }
        String followUp = "另行退还 returned by hand, asked by " + actor;
        if (!committed.execute(tx -> orders.followUp(refundNo, followUp, actor))) {
            return new Result.Refused(PaymentOrders.Problem.WRONG_STATE);
        }
        String reason = text.isEmpty() ? "" : "另行退还 Returned by hand: " + text;
        return followedUpBy(refundNo, followUp, switch (committed.execute(tx -> orders.requestRefundByHand(order.no(),
                amountFen, reason, actor))) {
            case OrderBook.RefundRequest.Refused r -> new Result.Refused(r.problem());
            case OrderBook.RefundRequest.Requested requested -> new Result.AwaitingApproval(requested.refundNo());
        });
    }

    @Override
    public Optional<String> noLongerOwed(String refundNo) {
        return orders.refund(refundNo).filter(PaymentOrders.Refund::refusedByChannel)
                .flatMap(refund -> orders.find(refund.order())
                        .flatMap(order -> refusal(order, refund.amountFen(), null)));
    }

    /** What the purposes say against giving this money back now (see {@link RefundPolicy#refusal}), if anything. */
    private Optional<String> refusal(PaymentOrder order, long amountFen, String refundNo) {
        return policies.stream().map(policy -> policy.refusal(order, amountFen, refundNo)).flatMap(Optional::stream)
                .findFirst();
    }

    @Override
    public boolean closeNoLongerOwed(String refundNo, String actor) {
        Optional<String> why = noLongerOwed(refundNo);
        return why.isPresent() && orders.followUp(refundNo, "不再退还 no longer owed: " + why.get(), actor);
    }

    /** A refund returned by hand, approved: its money set aside with the purposes, and counted as returned. */
    private Result byHand(PaymentOrder order, String refundNo, long amountFen) {
        Optional<String> refusal = hold(order, refundNo, amountFen);
        if (refusal.isPresent()) {
            orders.markRefundFailed(refundNo, refusal.get(), false);
            return new Result.NotAllowed(refusal.get());
        }
        orders.markRefunded(refundNo, null);
        return new Result.Done(refundNo);
    }

    /** Sets the refund's money aside with every purpose (once per refund, however often asked). */
    Optional<String> hold(PaymentOrder order, String refundNo, long amountFen) {
        return policies.stream().map(policy -> policy.hold(order, refundNo, amountFen)).flatMap(Optional::stream)
                .findFirst();
    }

    Result send(PaymentOrder order, String refundNo, long amountFen) {
        // the money is set aside first: spent meanwhile, the refund does not go and says why
        Optional<String> refusal = hold(order, refundNo, amountFen);
        if (refusal.isPresent()) {
            orders.markRefundFailed(refundNo, refusal.get(), false);
            return new Result.NotAllowed(refusal.get());
        }
        Optional<PaymentChannel> channel = channels.find(order.channel());
        if (channel.isEmpty()) {
            // requested and kept; it goes out when the channel is configured again (the janitor asks every minute)
            return new Result.Pending(refundNo);
        }
        PaymentChannel.RefundOutcome outcome;
        try {
            outcome = channel.get().refund(order, refundNo, amountFen);
        } catch (RuntimeException e) {
            log.warn("Refund {} could not reach {}; the janitor will ask again ({})", refundNo, order.channel(),
                    e.getClass().getSimpleName());
            return new Result.Pending(refundNo);
        }
        return settle(refundNo, outcome);
    }

    Result settle(String refundNo, PaymentChannel.RefundOutcome outcome) {
        return switch (outcome) {
            case PaymentChannel.RefundOutcome.Done done -> {
                orders.markRefunded(refundNo, done.statementDay());
                yield new Result.Done(refundNo);
            }
            case PaymentChannel.RefundOutcome.Pending pending -> new Result.Pending(refundNo);
            case PaymentChannel.RefundOutcome.Failed failed -> {
                orders.markRefundFailed(refundNo, failed.reason(), true);
                yield new Result.Failed(refundNo, failed.reason());
            }
        };
    }
}
