package org.citycard.parking;

import java.util.List;

/**
 * Operators' systems send gate events here, signed with their key (docs/parking-feed-protocol.md): SHA256withRSA
 * over {@code POST\n{path}\n{timestamp}\n{nonce}\n{body}}, within 5 minutes of our clock, each nonce once. A
 * request that is not believed changes nothing; a believed one answers each event's outcome.
 */
public interface OperatorFeeds {

    /** The most events one request may carry. */
    int MAX_EVENTS = 500;

    Answer receive(String operatorId, String path, String timestamp, String nonce, String signature, String body);

    /**
     * A lot's full count of taken spaces, sent now and then by the operator's system to correct what missed or extra
     * gate events drifted: {@code {"lots": [{"lotId": "...", "occupied": 123}]}}, signed the same way. Each lot is
     * answered on its own ({@code SET}, or why not).
     */
    Answer receiveOccupancy(String operatorId, String path, String timestamp, String nonce, String signature,
                            String body);

    /**
     * An operator's daily session file (CSV: {@code lotId,plate,entryAt,exitAt,feeFen}, a line per stay that left on
     * {@code day}), signed the same way; reconciled against our stays of its lots.
     */
    Answer receiveFile(String operatorId, String path, String timestamp, String nonce, String signature, String day,
                       String body);

    sealed interface Answer {
        record Accepted(List<Result> results) implements Answer {
        }

        record Filed(ParkingSettlements.Reconciliation reconciliation) implements Answer {
        }

        /**
         * @param status 401 (not believed: unknown operator, bad or stale signature, nonce seen) or 400 (a body that
         *               is not a feed)
         */
        record Refused(int status, String code, String detail) implements Answer {
        }
    }

    /** @param outcome a {@link ParkingSessions.Outcome} name, or INVALID with why */
    record Result(String eventId, String outcome, String problem) {
    }
}
