package org.citycard.bills;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.payment.PaymentOrder;

/**
 * Paying an account's bills: an order for the purpose {@value #PURPOSE}, paid through any channel (the wallet too),
 * fulfilled by the biller's write-off exactly once. Before the order the biller is asked again, so the amount is what
 * is owed now; a second payment for an account with one in flight is refused.
 */
public interface BillPayments {

    String PURPOSE = "BILL_PAYMENT";
    long MAX_FEN = 500_000;

    /**
     * Starts a payment: {@code amountFen} null pays what is owed (all arrears, or the bill named); {@code billId} is
     * needed where the biller takes one bill at a time. The same idempotency key returns the first payment.
     */
    Start start(CitizenId citizen, UUID accountId, Long amountFen, String billId, String idempotencyKey);

    Optional<BillPayment> find(CitizenId citizen, String paymentId);

    List<BillPayment> ofAccount(CitizenId citizen, UUID accountId, int limit);

    List<BillPayment> ofCitizen(CitizenId citizen, int limit);

    /** For staff: payments waiting for the biller's write-off longest, oldest first. */
    List<BillPayment> awaitingWriteOff(int limit);

    sealed interface Start {
        record Created(BillPayment payment, PaymentOrder order) implements Start {
        }

        record Existing(BillPayment payment, PaymentOrder order) implements Start {
        }

        /** {@code dueFen}: what the biller would take, when the amount was the problem. */
        record Refused(BillProblem problem, Long dueFen) implements Start {
        }
    }
}
