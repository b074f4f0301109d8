package org.citycard.health;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;

/**
 * A citizen's e-health cards: their own (issued from their real-name identity), their children's (the guardian gives
 * the child's ID number and birth certificate number, which the platform checks) and their elderly parents' (confirmed
 * by a {@code CARD_OPERATOR} who sees the parent's ID card at a counter). One live card per ID number. Every read is
 * the holder's own: another citizen's card id is unknown.
 */
public interface HealthCards {

    int MAX_DEPENDANTS = 5;

    /** The holder's cards not closed: their own first, then dependants' by when they were added. */
    List<HealthCard> cards(CitizenId holder);

    Optional<HealthCard> card(CitizenId holder, UUID id);

    /** The citizen's own card, registered if they have none (asking again answers the same card). */
    Result issueOwn(CitizenId citizen);

    Result addChild(CitizenId guardian, String name, String idNumber, String birthCertificateNo);

    /** A parent's card, waiting for the counter: the answer carries the reference to show there. */
    Result requestForParent(CitizenId guardian, String name, String idNumber);

    /** Closes a card the citizen holds (at the platform too); its codes stop working. */
    Result close(CitizenId holder, UUID id);

    /**
     * Switches the card's printed (static) code on or off: while off, hospitals refuse it (a card the citizen holds,
     * active).
     */
    Result staticCode(CitizenId holder, UUID id, boolean on);

    /** A fresh dynamic code for an active card: {@code <ehcId>:0:<32 hex>}, good once until it expires. */
    CodeResult dynamicCode(CitizenId holder, UUID id);

    /** The health code to show at the hospital, from the citizen's own card: the card and its fresh dynamic code. */
    record HealthCode(HealthCard card, CodeResult code) {
    }

    /**
     * The citizen's health code ({@code CodePurpose.HEALTH}): the dynamic code of their own active e-health card, so
     * that they show one code at the hospital, in the portal and the mini-programs alike; empty while they hold none
     * (the citizen card's own health code stands in).
     */
    default Optional<HealthCode> healthCode(CitizenId citizen) {
        return cards(citizen).stream()
                .filter(c -> c.relation() == HealthCard.Relation.SELF && c.state() == HealthCard.State.ACTIVE)
                .findFirst().map(c -> new HealthCode(c, dynamicCode(citizen, c.id())));
    }

    /** A card waiting at the counter, for the operator who has the reference (masked data only). */
    Optional<HealthCard> awaitingCounter(String reference);

    /**
     * The operator saw the parent with their ID card, whose number they typed: when it is the one applied with, the
     * card is registered and active.
     */
    Result confirmAtCounter(String operator, String reference, String idNumberSeen);

    sealed interface Result {
        record Done(HealthCard card) implements Result {
        }

        record Refused(HealthProblem problem) implements Result {
        }
    }

    sealed interface CodeResult {
        record Issued(String text, Instant expiresAt) implements CodeResult {
        }

        record Refused(HealthProblem problem) implements CodeResult {
        }
    }
}
