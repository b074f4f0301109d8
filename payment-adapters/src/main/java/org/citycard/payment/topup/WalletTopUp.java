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
        // refunds of this citizen's top-ups still on their way will take their share of the balance too
        PaymentOrders orders = this.orders.getObject();
        long promised = orders.ofCitizen(order.citizen(), 200).stream()
                .filter(o -> Purpose.WALLET_TOP_UP.equals(o.purpose().kind()))
                .flatMap(o -> orders.refunds(o.no()).stream())
                .filter(r -> r.state() == PaymentOrders.RefundState.REQUESTED
                        || r.state() == PaymentOrders.RefundState.AWAITING_APPROVAL)
                .filter(r -> !r.refundNo().equals(refundNo))
                .mapToLong(PaymentOrders.Refund::amountFen).sum();
        return balance - promised >= amountFen ? Optional.empty() : Optional.of("wallet.already-spent");
    }

    static String clearing(ChannelId channel) {
        return "clearing:" + channel.name();
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
        PostingResult result = ledger.post(Posting.transfer("refund:" + refunded.refundNo(),
                "充值退款 Top-up refund " + refunded.refundNo(), Wallets.accountOf(refunded.citizen()),
                clearing(refunded.channel()), refunded.amountFen()));
        if (result instanceof PostingResult.Refused refused) {
            log.warn("Refund {} not debited from the wallet: {}", refunded.refundNo(), refused.reason());
        }
    }
}
