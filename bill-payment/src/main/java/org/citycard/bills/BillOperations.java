package org.citycard.bills;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What billing staff (role BILLING) run: each biller's health as this node sees it, payments the biller has not
 * confirmed yet (and trying one again now), and each biller's daily file reconciled against our payments.
 */
public interface BillOperations {

    List<BillerStatus> billers();

    /** Payments waiting for the biller's write-off, longest waiting first. */
    List<BillPayment> awaitingWriteOff(int limit);

    /** Asks the biller again now, with the same merchant order number; the payment as it stands afterwards. */
    java.util.Optional<BillPayment> retryNow(String paymentId);

    /** Each biller's reconciliation of the day, as last made. */
    List<DayReconciliation> reconciliations(LocalDate day);

    /** Fetches every biller's file of the day again and reconciles it (what the morning job does). */
    List<DayReconciliation> reconcile(LocalDate day);

    /**
     * @param lastAnswerAt  when the biller last gave a believable answer (to this node)
     * @param lastFailure   what went wrong last, when that was later than the last answer
     */
    record BillerStatus(Biller biller, boolean openNow, long awaitingWriteOff, Instant lastAnswerAt,
                        Instant lastFailureAt, String lastFailure) {
        public boolean healthy() {
            return lastFailureAt == null || lastAnswerAt != null && lastAnswerAt.isAfter(lastFailureAt);
        }
    }

    /** A biller's day: the file against our payments, and the settlement (owed to the biller; refunded instead). */
    record DayReconciliation(String billerId, String billerName, LocalDate day, int matched, int missingAtBiller,
                             int missingWithUs, int amountMismatch, int confirmed, int reversed, long fileTotalFen,
                             long owedFen, long refundedFen, Instant ranAt) {
        public boolean clean() {
            return missingAtBiller == 0 && missingWithUs == 0 && amountMismatch == 0;
        }
    }
}
