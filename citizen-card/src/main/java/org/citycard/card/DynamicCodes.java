package org.citycard.card;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.citycard.card.code.CodePurpose;

/**
 * Dynamic QR codes: issued for the holder's live card, verified online by terminals (signature, validity, card
 * status, one-time use), with each use recorded for the citizen to see.
 */
public interface DynamicCodes {

    /** A card frozen, replaced or cancelled is refused by every node's verification within this. */
    java.time.Duration STATUS_FRESHNESS = java.time.Duration.ofMillis(500);

    Issue issue(CitizenId citizen, CodePurpose purpose);

    /** A terminal's online check; the code is used up when accepted. */
    Check verify(String code, String terminal, String place);

    /** The citizen's recent code uses, newest first. */
    List<CodeUse> uses(CitizenId citizen, int limit);

    /** The public keys terminals verify with offline (JWK set entries). */
    List<Map<String, String>> publicKeys();

    sealed interface Issue {
        record Issued(String text, CodePurpose purpose, Instant expiresAt) implements Issue {
        }

        record Refused(CardProblem problem) implements Issue {
        }
    }

    sealed interface Check {
        record Accepted(CodePurpose purpose, String cardNumberMasked, String holderNameMasked) implements Check {
        }

        record Rejected(Rejection reason) implements Check {
        }
    }

    /** Why a terminal must refuse a code. */
    enum Rejection {
        MALFORMED, UNKNOWN_KEY, BAD_SIGNATURE, EXPIRED, NOT_YET_VALID, REPLAYED, UNKNOWN_CARD, CARD_FROZEN,
        CARD_REPLACED, CARD_CANCELLED;

        public String code() {
            return "code." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    record CodeUse(CodePurpose purpose, String terminal, String place, Instant usedAt) {
    }
}
