package org.citycard.wallet;

import java.util.List;

import org.citycard.card.CitizenId;
import org.citycard.payment.PaymentOrder;

/**
 * Topping up the card's wallet: an order for the purpose {@value #PURPOSE}, paid through any channel but the wallet
 * itself, credited exactly once when the payment event arrives. The rules (how much, and who may) are these, for the
 * portal and the mini-programs alike.
 */
public interface TopUps {

    /** The purpose kind of a top-up order. */
    String PURPOSE = "WALLET_TOP_UP";

    Rules rules();

    /**
     * A new top-up order for the citizen, ready to pay; the same idempotency key (null: none) returns the first
     * order instead of a second.
     */
    Result start(CitizenId citizen, long amountFen, String idempotencyKey);

    /** How much a top-up may be, and the amounts offered with one tap. */
    record Rules(long minFen, long maxFen, List<Long> presetsFen) {
        public boolean allows(long amountFen) {
            return amountFen >= minFen && amountFen <= maxFen;
        }
    }

    sealed interface Result {
        record Created(PaymentOrder order) implements Result {
        }

        /** The same request again: its first order. */
        record Existing(PaymentOrder order) implements Result {
        }

        record Refused(Problem problem) implements Result {
        }
    }

    enum Problem {
        /** Outside {@link Rules#minFen()} to {@link Rules#maxFen()}. */
        AMOUNT_OUT_OF_RANGE,
        /** The citizen has no card, so no wallet. */
        NO_WALLET,
        /** The idempotency key was used for another amount. */
        KEY_REUSED;

        public String code() {
            return "wallet." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
