package org.citycard.card;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.citycard.card.ledger.StatementLine;

/**
 * The citizen's wallet on the ledger, and administrators' adjustments: one administrator requests with a
 * reason, a second one approves, and only then is the adjustment posted (exactly once).
 */
public interface Wallets {

    /** The wallet's ledger account; it belongs to the citizen, so it follows them from card to card. */
    static String accountOf(CitizenId citizen) {
        return "wallet:" + citizen.value();
    }

    OptionalLong balance(CitizenId citizen);

    List<StatementLine> statement(CitizenId citizen, Long beforeEntryId, int size);

    AdjustmentResult requestAdjustment(CitizenId citizen, long amountFen, String reason, String requestedBy);

    AdjustmentResult approve(UUID adjustment, String approver);

    AdjustmentResult reject(UUID adjustment, String approver);

    List<Adjustment> adjustments(Adjustment.Status status, int limit);

    Optional<Adjustment> adjustment(UUID id);

    record Adjustment(UUID id, CitizenId citizen, String citizenPhoneMasked, long amountFen, String reason,
                      Status status, String requestedBy, java.time.Instant requestedAt, String decidedBy,
                      String refusal) {
        public enum Status { PENDING, POSTED, REJECTED, REFUSED }
    }

    sealed interface AdjustmentResult {
        record Done(Adjustment adjustment) implements AdjustmentResult {
        }

        record Refused(Problem problem) implements AdjustmentResult {
        }
    }

    enum Problem {
        NO_WALLET, REASON_REQUIRED, REASON_INVALID, ZERO_AMOUNT, UNKNOWN_ADJUSTMENT, NOT_PENDING, SAME_ADMINISTRATOR,
        INSUFFICIENT_FUNDS;

        public String code() {
            return "wallet." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
