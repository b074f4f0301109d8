package org.citycard.bills;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;

/**
 * Auto-pay (代扣): the citizen signs an agreement per account with a monthly cap; on a bill's due date the card's
 * wallet pays it, with a notice the day before and after. A failure is notified and tried again on the next two
 * days, then the agreement stops until the citizen resumes it; cancelling is possible at any time.
 */
public interface AutoPay {

    long MAX_CAP_FEN = 500_000;

    Result sign(CitizenId citizen, UUID accountId, long monthlyCapFen);

    /** False when there is no agreement of the citizen's for the account. */
    boolean cancel(CitizenId citizen, UUID accountId);

    /** A stopped agreement goes on (its failures forgotten). */
    boolean resume(CitizenId citizen, UUID accountId);

    Optional<Agreement> of(CitizenId citizen, UUID accountId);

    List<Agreement> of(CitizenId citizen);

    record Agreement(UUID id, UUID accountId, long monthlyCapFen, State state, int failures, LocalDate nextTryOn,
                     String stopReason, Instant signedAt) {
    }

    enum State { ACTIVE, STOPPED, CANCELLED }

    sealed interface Result {
        record Signed(Agreement agreement) implements Result {
        }

        record Refused(BillProblem problem) implements Result {
        }
    }
}
