package org.citycard.wallet.internal;

import java.util.Set;

import org.citycard.card.Wallets;
import org.citycard.card.ledger.AccountKind;
import org.citycard.card.ledger.Ledger;
import org.citycard.card.ledger.Posting;
import org.citycard.card.ledger.PostingResult;
import org.citycard.payment.ChannelId;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.Purpose;
import org.citycard.payment.Scene;
import org.citycard.wallet.TopUps;
import org.springframework.stereotype.Component;

/**
 * Pays from the citizen's wallet, registered with payments as any channel is: the wallet pays the purpose's merchant
 * account under the key {@code payment:<order>} (a retried payment debits once), within the wallet's daily limit.
 * The wallet cannot top itself up, and does not spend while its holder's card is reported lost (frozen): the money
 * is held with the card, as the card's codes are.
 */
@Component
class WalletChannel implements PaymentChannel {

    private final Ledger ledger;
    private final org.citycard.card.Cards cards;

    WalletChannel(Ledger ledger, org.citycard.card.Cards cards) {
        this.ledger = ledger;
        this.cards = cards;
    }

    @Override
    public ChannelId id() {
        return ChannelId.WALLET;
    }

    @Override
    public Set<Scene> scenes() {
        return Set.of(Scene.WALLET);
    }

    static String merchant(Purpose purpose) {
        return "merchant:" + purpose.kind();
    }

    @Override
    public Prepay prepay(PaymentOrder order, Scene scene) {
        if (TopUps.PURPOSE.equals(order.purpose().kind())) {
            return new Prepay.Declined(Prepay.NOT_FOR_THIS_ORDER); // the wallet cannot top itself up
        }
        if (cards.current(order.citizen()).filter(c -> c.status() == org.citycard.card.CardStatus.FROZEN).isPresent()) {
            return new Prepay.Declined(Prepay.CARD_FROZEN);
        }
        ledger.open(merchant(order.purpose()), AccountKind.MERCHANT, null);
        PostingResult result = ledger.post(Posting.transfer("payment:" + order.no().value(), order.subject(),
                Wallets.accountOf(order.citizen()), merchant(order.purpose()), order.amountFen()));
        return switch (result) {
            case PostingResult.Posted posted -> new Prepay.PaidAtOnce("W" + posted.journalId());
            case PostingResult.AlreadyPosted posted -> new Prepay.PaidAtOnce("W" + posted.journalId());
            case PostingResult.Refused refused -> new Prepay.Declined(refused.reason().name());
        };
    }

    @Override
    public RefundOutcome refund(PaymentOrder order, String refundNo, long amountFen) {
        PostingResult result = ledger.post(Posting.transfer("refund:" + refundNo, "退款 Refund " + refundNo,
                merchant(order.purpose()), Wallets.accountOf(order.citizen()), amountFen));
        return result instanceof PostingResult.Refused refused ? new RefundOutcome.Failed(refused.reason().name())
                : new RefundOutcome.Done();
    }

    /** A wallet payment is done at once or declined at once: an order still paying with it was declined. */
    @Override
    public Query query(PaymentOrder order) {
        return new Query.Waiting();
    }

    /** Posting is keyed on the refund number, so asking again is the same as asking once. */
    @Override
    public RefundOutcome queryRefund(PaymentOrder order, String refundNo) {
        return new RefundOutcome.Pending();
    }

    @Override
    public Query close(PaymentOrder order) {
        return new Query.Ended("nothing to withdraw");
    }

    @Override
    public Notice read(Inbound notification) {
        return new Notice.Rejected("the wallet sends no notifications");
    }

    @Override
    public Reply reply(boolean accepted) {
        return new Reply(404, "text/plain", "");
    }
}
