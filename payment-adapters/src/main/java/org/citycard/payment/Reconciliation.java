package org.citycard.payment;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Daily reconciliation: each channel's statement of a day against our paid orders and settled refunds, and the
 * day's settlement summary per channel. Runs every morning for the day before (one node, ShedLock), and again
 * whenever finance staff ask; a run replaces that day's report.
 */
public interface Reconciliation {

    Report run(LocalDate day);

    Optional<Report> report(LocalDate day);

    record Report(LocalDate day, List<Summary> summaries, List<Difference> differences) {
    }

    /**
     * One channel's day: what it settled (payments and refunds, their sums, its fees, the net it owes us), how many
     * lines matched ours and how many did not. {@code error} says why there is no statement, when there is none.
     */
    record Summary(ChannelId channel, int payments, long paidFen, int refunds, long refundedFen, long feeFen,
                   long netFen, int matched, int differences, String error) {
    }

    /** A line that does not match: what it is, on which side it is missing, and the amounts each side has. */
    record Difference(ChannelId channel, PaymentChannel.StatementEntry.Kind kind, Outcome outcome, String orderNo,
                      String refundNo, Long ourFen, Long channelFen) {

        /** What finance staff should do about it (a message key). */
        public String action() {
            return "reconciliation.action." + outcome.name() + "." + kind.name();
        }
    }

    enum Outcome {
        /** The channel settled it; we have no record of it settled. */
        MISSING_HERE,
        /** We recorded it settled; the channel's statement does not have it. */
        MISSING_AT_CHANNEL,
        /** Both have it, with different amounts. */
        AMOUNT_MISMATCH,
        /** The channel settled it twice: twice in one statement, or again after another day's statement matched it. */
        DUPLICATE_AT_CHANNEL
    }
}
