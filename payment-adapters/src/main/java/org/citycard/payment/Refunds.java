package org.citycard.payment;

/** Gives money back for a paid order, through the channel it was paid with (partial and repeated refunds allowed). */
public interface Refunds {

    /**
     * Refunds through the channel; above {@code citycard.payment.refund-four-eyes-above-fen} the refund waits for a
     * second person instead ({@link Result.AwaitingApproval}).
     */
    Result refund(OrderNo order, long amountFen, String reason, String actor);

    /** A second person approves a waiting refund, which then goes to the channel; never the requester. */
    Result approve(String refundNo, String approver);

    Result reject(String refundNo, String approver);

    /** The order's refunds, oldest first. */
    java.util.List<PaymentOrders.Refund> of(OrderNo order);

    /** Refunds waiting for a second person, oldest first. */
    java.util.List<PaymentOrders.Refund> awaitingApproval(int limit);

    /**
     * Refunds still to happen (waiting for approval, or on their way) of a citizen's orders for a purpose kind: what
     * the purpose has promised to give back.
     */
    java.util.List<PaymentOrders.Refund> open(org.citycard.card.CitizenId citizen, String purposeKind);

    /**
     * Refunds a channel refused that nobody has followed up, oldest first: the citizen is still owed the money. FINANCE
     * asks again ({@link #askAgain}) or returns it another way ({@link #returnedByHand}).
     */
    java.util.List<PaymentOrders.Refund> refusedByChannel(int limit);

    /**
     * Asks the channel again for a refund it refused: a new refund of the same amount (four eyes as any other), which
     * follows the refused one up. Asked twice, the second is refused ({@link PaymentOrders.Problem#WRONG_STATE}).
     */
    Result askAgain(String refundNo, String actor);

    /**
     * Finance returns a refused refund's money outside any channel (a bank transfer, cash at a counter; the note says
     * how): a refund of the same amount "by hand", which a second officer approves as any ({@link Result.AwaitingApproval});
     * approved, it counts as returned for the order and its purpose (a top-up's money leaves the wallet), and no
     * channel is asked or expected to list it. The refused refund leaves the list, and comes back if the second
     * officer rejects it.
     */
    Result returnedByHand(String refundNo, String note, String actor);

    /** The longest note of a refund returned by hand. */
    int BY_HAND_NOTE_MAX = 170;

    /**
     * Why a refused refund is no longer owed at all, in its purpose's words (a top-up whose money came back to the
     * wallet and was spent there: {@code wallet.already-spent}); empty while it is still owed.
     */
    java.util.Optional<String> noLongerOwed(String refundNo);

    /**
     * Takes a refused refund off the list because it is no longer owed ({@link #noLongerOwed}), noting why; false if it
     * is still owed, or not a refused refund to follow up.
     */
    boolean closeNoLongerOwed(String refundNo, String actor);

    sealed interface Result {
        /** The channel returned the money. */
        record Done(String refundNo) implements Result {
        }

        /** The channel accepted it; its notification (or the janitor's question) settles it. */
        record Pending(String refundNo) implements Result {
        }

        record Failed(String refundNo, String reason) implements Result {
        }

        record Refused(PaymentOrders.Problem problem) implements Result {
        }

        /** Waiting for a second person's approval. */
        record AwaitingApproval(String refundNo) implements Result {
        }

        /** Rejected by the second person: nothing was returned. */
        record Rejected(String refundNo) implements Result {
        }

        /** A purpose's policy said no (for example {@code wallet.already-spent}). */
        record NotAllowed(String reason) implements Result {
        }
    }
}
