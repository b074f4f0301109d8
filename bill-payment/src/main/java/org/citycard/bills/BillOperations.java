package org.citycard.bills;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * What billing staff (role BILLING) run: each biller's health as this node sees it, suspending a biller or changing
 * its service hours, payments the biller has not confirmed yet (and trying one again now), and each biller's daily
 * file reconciled against our payments.
 */
public interface BillOperations {

    int NOTICE_MAX = 120;
    int REASON_MAX = 200;

    List<BillerStatus> billers();

    /**
     * Suspends a biller or lets it take payments again, and sets its service hours; every node follows within
     * seconds. A suspended biller is neither asked nor paid for citizens (bound accounts stay, and money already
     * taken is still written off). Each change is kept with who made it and why.
     *
     * @param notice what citizens read while it is suspended (plain text, at most {@link #NOTICE_MAX})
     * @param reason why (required, at most {@link #REASON_MAX})
     * @return why the change was refused; empty when it was made
     */
    Optional<ChangeRefused> changeBiller(String billerId, boolean enabled, LocalTime opensAt, LocalTime closesAt,
                                         String notice, String reason, String staff);

    /** The biller's changes, newest first. */
    List<BillerChange> changes(String billerId, int limit);

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
                        Instant lastFailureAt, String lastFailure, Connection connection, Change lastChange) {
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

    /**
     * How the platform reaches a biller, all from configuration (keys are shown by fingerprint only).
     *
     * @param keyFingerprint the first 16 hex digits of the SHA-256 of the biller's public key we verify with
     */
    record Connection(String protocol, String host, String partnerId, String keyFingerprint) {
    }

    /** Who last changed a biller's settings, and when. */
    record Change(String by, Instant at) {
    }

    /** One change as kept. */
    record BillerChange(String billerId, boolean enabled, LocalTime opensAt, LocalTime closesAt, String notice,
                        String reason, String by, Instant at) {
    }

    enum ChangeRefused {
        UNKNOWN_BILLER, REASON_REQUIRED, BAD_NOTICE, HOURS_REQUIRED
    }
}
