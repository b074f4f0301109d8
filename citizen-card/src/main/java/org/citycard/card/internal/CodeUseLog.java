package org.citycard.card.internal;

import java.time.Instant;
import java.util.UUID;

import org.citycard.card.code.CodePurpose;

/**
 * Where accepted code uses go. Accepting and remembering are one step, so a code accepted is never lost and never
 * accepted twice: in process (one node) the replay guard and then the database row; shared (several nodes) one
 * atomic step in Redis, written to the database in batches off the request path.
 */
interface CodeUseLog {

    /** True when this is the code's first use, which is then recorded; false for a replay, which records nothing. */
    boolean acceptOnce(Use use);

    /** One accepted scan. {@code cardToken} and {@code nonce} identify the code. */
    record Use(String cardToken, long nonce, UUID card, UUID citizen, CodePurpose purpose, String terminal,
               String place, Instant at) {

        String key() {
            return cardToken + ":" + Long.toHexString(nonce);
        }
    }
}
