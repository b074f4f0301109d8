package org.citycard.payment;

/** Gives money back for a paid order, through the channel it was paid with (partial and repeated refunds allowed). */
public interface Refunds {

    Result refund(OrderNo order, long amountFen, String reason, String actor);

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

        /** A purpose's policy said no (for example {@code wallet.already-spent}). */
        record NotAllowed(String reason) implements Result {
        }
    }
}
