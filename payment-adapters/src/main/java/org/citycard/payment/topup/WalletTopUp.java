package org.citycard.payment.topup;

import java.util.Optional;

import org.citycard.card.CitizenId;
import org.citycard.card.Wallets;
import org.citycard.card.ledger.AccountKind;
import org.citycard.card.ledger.Ledger;
import org.citycard.card.ledger.Posting;
import org.citycard.card.ledger.PostingResult;
import org.citycard.payment.ChannelId;
import org.citycard.payment.PaymentSucceeded;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Purpose;
import org.citycard.payment.RefundFailed;
import org.citycard.payment.RefundPolicy;
import org.citycard.payment.RefundSucceeded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Fulfils wallet top-ups from the event publication registry: the channel's clearing account pays the wallet,
 * under the key {@code payment:<order>}, so a redelivered event (after a crash, or twice) credits once. The
 * posting is its own transaction (the ledger's): a refusal is logged for finance and completes the event, since
 * delivering it again would not change the answer.
 * <p>
 * A top-up's refund takes its money out of the wallet into a hold account of its own ({@code refund-hold:<refund>})
 * before the channel is asked, so the citizen cannot spend it while the refund is on its way. Its success pays the
 * hold to the channel's clearing account; its failure gives the hold back to the wallet. A refund that failed and
 * was later finished by hand at the channel finds its hold given back, and is taken from the wallet instead.
 */
@Component
class WalletTopUp implements RefundPolicy {

    private static final Logger log = LoggerFactory.getLogger(WalletTopUp.class);

    private final Ledger ledger;
    private final ObjectProvider<PaymentOrders> orders;

    WalletTopUp(Ledger ledger, ObjectProvider<PaymentOrders> orders) {
        this.ledger = ledger;
        this.orders = orders;
    }

    /**
     * A top-up can be refunded only while its money is still in the wallet: the refund takes it back out, and a
     * wallet never goes below zero.
     */
    @Override
    public Optional<String> refusal(PaymentOrder order, long amountFen, String refundNo) {
        if (!Purpose.WALLET_TOP_UP.equals(order.purpose().kind())) {
            return Optional.empty();
        }
        long balance = ledger.balance(Wallets.accountOf(order.citizen())).orElse(0);
        // refunds of this citizen's top-ups waiting for approval, or on their way without a hold, will take their
        // share of the balance too (those held are out of the balance already)
        long promised = orders.getObject().openRefunds(order.citizen(), Purpose.WALLET_TOP_UP).stream()
                .filter(r -> r.state() == PaymentOrders.RefundState.AWAITING_APPROVAL
                        || r.state() == PaymentOrders.RefundState.REQUESTED
                        && ledger.balance(hold(r.refundNo())).orElse(0) < r.amountFen())
                .filter(r -> !r.refundNo().equals(refundNo))
                .mapToLong(PaymentOrders.Refund::amountFen).sum();
        return balance - promised >= amountFen ? Optional.empty() : Optional.of("wallet.already-spent");
    }

    @Override
    public Optional<String> hold(PaymentOrder order, String refundNo, long amountFen) {
        if (!Purpose.WALLET_TOP_UP.equals(order.purpose().kind())) {
            return Optional.empty();
        }
        ledger.open(hold(refundNo), AccountKind.HOLD, null);
        PostingResult result = ledger.post(Posting.transfer("hold:" + refundNo, "退款暂扣 Refund on its way " + refundNo,
                Wallets.accountOf(order.citizen()), hold(refundNo), amountFen));
        return result instanceof PostingResult.Refused ? Optional.of("wallet.already-spent") : Optional.empty();
    }

    static String clearing(ChannelId channel) {
        return "clearing:" + channel.name();
    }

    static String hold(String refundNo) {
        return "refund-hold:" + refundNo;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentSucceeded paid) {
        if (!Purpose.WALLET_TOP_UP.equals(paid.purpose().kind())) {
            return;
        }
        CitizenId citizen = paid.citizen();
        ledger.open(clearing(paid.channel()), AccountKind.CLEARING, null);
        PostingResult result = ledger.post(Posting.transfer("payment:" + paid.order().value(),
                "钱包充值 Top-up " + paid.order().value(), clearing(paid.channel()), Wallets.accountOf(citizen),
                paid.amountFen()));
        if (result instanceof PostingResult.Refused refused) {
            // the wallet is gone (card cancelled): the money waits in clearing for finance to refund
            log.warn("Top-up {} not credited: {}", paid.order(), refused.reason());
        }
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(RefundSucceeded refunded) {
        if (!Purpose.WALLET_TOP_UP.equals(refunded.purpose().kind())) {
            return;
        }
        ledger.open(clearing(refunded.channel()), AccountKind.CLEARING, null);
        String key = "refund:" + refunded.refundNo();
        String description = "充值退款 Top-up refund " + refunded.refundNo();
        PostingResult result = ledger.post(Posting.transfer(key, description, hold(refunded.refundNo()),
                clearing(refunded.channel()), refunded.amountFen()));
        if (result instanceof PostingResult.Refused) {
            // nothing held (given back after a failure the channel later reversed): from the wallet, as it stands
            result = ledger.post(Posting.transfer(key, description, Wallets.accountOf(refunded.citizen()),
                    clearing(refunded.channel()), refunded.amountFen()));
        }
        if (result instanceof PostingResult.Refused refused) {
            log.warn("Refund {} not debited from the wallet: {}", refunded.refundNo(), refused.reason());
        }
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(RefundFailed failed) {
        if (!Purpose.WALLET_TOP_UP.equals(failed.purpose().kind())) {
            return;
        }
        // nothing to give back when nothing was held (the hold itself was refused)
        ledger.post(Posting.transfer("release:" + failed.refundNo(), "退款未成功，退回 Refund did not go through "
                + failed.refundNo(), hold(failed.refundNo()), Wallets.accountOf(failed.citizen()), failed.amountFen()));
    }
}
