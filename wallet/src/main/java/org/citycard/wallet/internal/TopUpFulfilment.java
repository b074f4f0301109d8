package org.citycard.wallet.internal;

import java.util.Optional;

import org.citycard.card.Wallets;
import org.citycard.card.ledger.AccountKind;
import org.citycard.card.ledger.Ledger;
import org.citycard.card.ledger.Posting;
import org.citycard.card.ledger.PostingResult;
import org.citycard.payment.ChannelId;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentSucceeded;
import org.citycard.payment.RefundFailed;
import org.citycard.payment.RefundPolicy;
import org.citycard.payment.RefundSucceeded;
import org.citycard.payment.Refunds;
import org.citycard.wallet.TopUps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Fulfils top-ups from the event publication registry: the channel's clearing account pays the wallet, under the key
 * {@code payment:<order>}, so a redelivered event (after a crash, or twice) credits once. The posting is its own
 * transaction (the ledger's): a refusal is logged for finance and completes the event, since delivering it again
 * would not change the answer.
 * <p>
 * A top-up's refund takes its money out of the wallet into a hold account of its own ({@code refund-hold:<refund>})
 * before the channel is asked, so the citizen cannot spend it while the refund is on its way. Its success pays the
 * hold to the channel's clearing account; its failure gives the hold back to the wallet. A refund that failed and was
 * later finished by hand at the channel finds its hold given back, and is taken from the wallet instead.
 * <p>
 * The listeners carry ids of their own ({@code wallet.top-up.*}): an id is what the registry keeps for an event not
 * yet handled, so moving or renaming this class must not orphan one (V500 moved those of the payment module's
 * former {@code WalletTopUp}). A top-up that ends unpaid holds nothing, so {@code PaymentEnded} is not listened to.
 */
@Component
class TopUpFulfilment implements RefundPolicy {

    static final String PAID = "wallet.top-up.paid";
    static final String REFUNDED = "wallet.top-up.refunded";
    static final String REFUND_FAILED = "wallet.top-up.refund-failed";

    private static final Logger log = LoggerFactory.getLogger(TopUpFulfilment.class);

    private final Ledger ledger;
    private final ObjectProvider<Refunds> refunds;

    TopUpFulfilment(Ledger ledger, ObjectProvider<Refunds> refunds) {
        this.ledger = ledger;
        this.refunds = refunds;
    }

    private static boolean topUp(org.citycard.payment.Purpose purpose) {
        return TopUps.PURPOSE.equals(purpose.kind());
    }

    /**
     * A top-up can be refunded only while its money is still in the wallet: the refund takes it back out, and a
     * wallet never goes below zero.
     */
    @Override
    public Optional<String> refusal(PaymentOrder order, long amountFen, String refundNo) {
        if (!topUp(order.purpose())) {
            return Optional.empty();
        }
        long balance = ledger.balance(Wallets.accountOf(order.citizen())).orElse(0);
        // refunds of this citizen's top-ups waiting for approval, or on their way without a hold, will take their
        // share of the balance too (those held are out of the balance already)
        long promised = refunds.getObject().open(order.citizen(), TopUps.PURPOSE).stream()
                .filter(r -> r.state() == org.citycard.payment.PaymentOrders.RefundState.AWAITING_APPROVAL
                        || r.state() == org.citycard.payment.PaymentOrders.RefundState.REQUESTED
                        && ledger.balance(hold(r.refundNo())).orElse(0) < r.amountFen())
                .filter(r -> !r.refundNo().equals(refundNo))
                .mapToLong(org.citycard.payment.PaymentOrders.Refund::amountFen).sum();
        return balance - promised >= amountFen ? Optional.empty() : Optional.of("wallet.already-spent");
    }

    @Override
    public Optional<String> hold(PaymentOrder order, String refundNo, long amountFen) {
        if (!topUp(order.purpose())) {
            return Optional.empty();
        }
        ledger.open(hold(refundNo), AccountKind.HOLD, null);
        PostingResult result = ledger.post(Posting.transfer("hold:" + refundNo, "退款暂扣 Refund on its way " + refundNo,
                Wallets.accountOf(order.citizen()), hold(refundNo), amountFen));
        return result instanceof PostingResult.Refused ? Optional.of("wallet.already-spent") : Optional.empty();
    }

    /** What finance returned by hand (a bank transfer, cash) for refunds a channel refused. */
    static final String BY_HAND = "clearing:BY_HAND";

    static String clearing(ChannelId channel) {
        return "clearing:" + channel.name();
    }

    static String hold(String refundNo) {
        return "refund-hold:" + refundNo;
    }

    @ApplicationModuleListener(id = PAID, propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentSucceeded paid) {
        if (!topUp(paid.purpose())) {
            return;
        }
        ledger.open(clearing(paid.channel()), AccountKind.CLEARING, null);
        PostingResult result = ledger.post(Posting.transfer("payment:" + paid.order().value(),
                "钱包充值 Top-up " + paid.order().value(), clearing(paid.channel()), Wallets.accountOf(paid.citizen()),
                paid.amountFen()));
        if (result instanceof PostingResult.Refused refused) {
            // the wallet is gone (card cancelled): the money waits in clearing for finance to refund
            log.warn("Top-up {} not credited: {}", paid.order(), refused.reason());
        }
    }

    @ApplicationModuleListener(id = REFUNDED, propagation = Propagation.NOT_SUPPORTED)
    void on(RefundSucceeded refunded) {
        if (!topUp(refunded.purpose())) {
            return;
        }
        // returned by hand, the money left through the city's own account, not the channel's
        String to = refunded.byHand() ? BY_HAND : clearing(refunded.channel());
        ledger.open(to, AccountKind.CLEARING, null);
        String key = "refund:" + refunded.refundNo();
        String description = (refunded.byHand() ? "充值退款（另行退还）Top-up returned by hand " : "充值退款 Top-up refund ")
                + refunded.refundNo();
        PostingResult result = ledger.post(Posting.transfer(key, description, hold(refunded.refundNo()), to,
                refunded.amountFen()));
        if (result instanceof PostingResult.Refused) {
            // nothing held (given back after a failure the channel later reversed): from the wallet, as it stands
            result = ledger.post(Posting.transfer(key, description, Wallets.accountOf(refunded.citizen()), to,
                    refunded.amountFen()));
        }
        if (result instanceof PostingResult.Refused refused) {
            log.warn("Refund {} not debited from the wallet: {}", refunded.refundNo(), refused.reason());
        }
    }

    @ApplicationModuleListener(id = REFUND_FAILED, propagation = Propagation.NOT_SUPPORTED)
    void on(RefundFailed failed) {
        if (!topUp(failed.purpose())) {
            return;
        }
        // nothing to give back when nothing was held (the hold itself was refused)
        ledger.post(Posting.transfer("release:" + failed.refundNo(), "退款未成功，退回 Refund did not go through "
                + failed.refundNo(), hold(failed.refundNo()), Wallets.accountOf(failed.citizen()), failed.amountFen()));
    }
}
