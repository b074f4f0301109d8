package org.citycard.card;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The card's lifecycle. A real-name citizen gets a virtual card at once; every step is audited with who and
 * why. {@code actor} is "citizen" for the holder's own steps, or the administrator's username.
 */
public interface Cards {

    /** Unfreezing needs a sign-in no older than this. */
    Duration RECENT_SIGN_IN = Duration.ofMinutes(10);

    String CITIZEN = "citizen";

    /** The longest reason for a card operation, and the longest postal address, in characters. */
    int REASON_MAX = 200;
    int ADDRESS_MAX = 120;

    CardResult apply(CitizenId citizen);

    /** The citizen's live card (ACTIVE or FROZEN), if any. */
    Optional<Card> current(CitizenId citizen);

    CardResult reportLoss(CitizenId citizen, String actor, String reason);

    CardResult unfreeze(CitizenId citizen, String actor, String reason, Instant signedInAt);

    /** A new number and token; the old card becomes REPLACED; the wallet stays with the citizen. */
    CardResult replace(CitizenId citizen, String actor, String reason);

    /** Only with a zero wallet balance. */
    CardResult cancel(CitizenId citizen, String actor, String reason);

    CardResult linkSectorCards(CitizenId citizen, String socialSecurityNo, String busCardNo, String healthCardId);

    List<CardEvent> history(CitizenId citizen);

    CardResult requestPhysical(CitizenId citizen, String address);

    List<PhysicalCardRequest> physicalRequests(CitizenId citizen);

    /** The card office's queue, oldest first. */
    List<PhysicalCardRequest> physicalQueue(PhysicalCardStatus status, int limit);

    /** Moves a request on; {@code version} is what the operator saw (a stale view is refused). */
    Optional<CardProblem> advancePhysical(UUID request, int version, PhysicalCardStatus to, String actor);
}
