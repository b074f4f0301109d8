package org.citycard.api.parking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.citycard.api.ApiProblem;
import org.citycard.card.CitizenId;
import org.citycard.parking.ParkingPayments;
import org.citycard.parking.ParkingPlates;
import org.citycard.parking.ParkingSession;
import org.citycard.parking.Plate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A signed-in citizen's parking: their plates (up to three; one owner per plate), the stays of the plates they hold
 * with what is due, and paying one (an order, then the usual {@code POST /orders/{no}/pay}). Another citizen's plate
 * or stay answers 404.
 */
@RestController
@RequestMapping(path = "/api/mp/v1/parking", produces = "application/json")
@Tag(name = "parking", description = "My plates and stays")
class MyParkingController {

    private final ParkingPlates plates;
    private final ParkingPayments payments;

    MyParkingController(ParkingPlates plates, ParkingPayments payments) {
        this.plates = plates;
        this.payments = payments;
    }

    @GetMapping("/plates")
    @Operation(summary = "My plates, held and claimed")
    List<PlateView> plates(@AuthenticationPrincipal Jwt jwt) {
        return plates.plates(citizen(jwt)).stream().map(PlateView::of).toList();
    }

    record BindPlate(String plate, String colour) {
    }

    @PostMapping(path = "/plates", consumes = "application/json")
    @Operation(summary = "Bind a plate",
            description = "201 held; 202 claimed (another citizen holds it: staff decide); colour BLUE, YELLOW, GREEN, "
                    + "YELLOW_GREEN, WHITE or BLACK")
    ResponseEntity<PlateView> bind(@AuthenticationPrincipal Jwt jwt, @RequestBody BindPlate body) {
        Plate.Colour colour;
        try {
            colour = Plate.Colour.valueOf(body == null || body.colour() == null ? "" : body.colour());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "parking.bad-colour",
                    "colour is BLUE, YELLOW, GREEN, YELLOW_GREEN, WHITE or BLACK.", "colour");
        }
        return switch (plates.bind(citizen(jwt), body.plate(), colour)) {
            case ParkingPlates.Result.Bound bound -> ResponseEntity.status(HttpStatus.CREATED).body(PlateView.of(bound.plate()));
            case ParkingPlates.Result.Claimed claimed ->
                    ResponseEntity.status(HttpStatus.ACCEPTED).body(PlateView.of(claimed.plate()));
            case ParkingPlates.Result.Refused refused -> throw switch (refused.problem()) {
                case BAD_PLATE -> new ApiProblem(HttpStatus.BAD_REQUEST, "parking.bad-plate",
                        "Not a plate of this colour: 7 characters (8 for new energy), a province, a letter, then letters "
                                + "(not I or O) and digits.", "plate");
                case TOO_MANY_PLATES -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "parking.too-many-plates",
                        "At most " + ParkingPlates.MAX_PLATES + " plates; unbind one first.", null);
                case ALREADY_BOUND -> new ApiProblem(HttpStatus.CONFLICT, "parking.already-bound",
                        "You have bound this plate already.", "plate");
            };
        };
    }

    @DeleteMapping("/plates/{id}")
    ResponseEntity<Void> unbind(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        if (!plates.unbind(citizen(jwt), uuid(id, "parking.unknown-plate"))) {
            throw ApiProblem.notFound("parking.unknown-plate", "No such plate of yours.");
        }
        return ResponseEntity.noContent().build();
    }

    record Seamless(Boolean on, Long capFen) {
    }

    @org.springframework.web.bind.annotation.PutMapping(path = "/plates/{id}/seamless", consumes = "application/json")
    @Operation(summary = "Seamless payment (无感支付) on or off for a plate I hold",
            description = "on: true with capFen 1 to 50,000 (the most one stay may take from the wallet), or false")
    ResponseEntity<Void> seamless(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody Seamless body) {
        if (body == null || body.on() == null || body.on() && (body.capFen() == null || body.capFen() < 1
                || body.capFen() > ParkingPlates.MAX_SEAMLESS_CAP_FEN)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "parking.bad-seamless",
                    "on is true or false; with true, capFen is 1 to " + ParkingPlates.MAX_SEAMLESS_CAP_FEN + ".", "capFen");
        }
        if (!plates.setSeamless(citizen(jwt), uuid(id, "parking.unknown-plate"), body.on(),
                body.on() ? body.capFen() : 0)) {
            throw ApiProblem.notFound("parking.unknown-plate", "No plate of yours that you hold (a claimed one cannot pay).");
        }
        return ResponseEntity.noContent().build();
    }

    @org.springframework.web.bind.annotation.PutMapping(path = "/plates/{id}/licence", consumes = {"image/jpeg", "image/png"})
    @Operation(summary = "The vehicle licence (行驶证) for a plate I claimed, for staff to decide",
            description = "A JPEG or PNG of at most 1 MB; kept encrypted, deleted 90 days after the decision")
    ResponseEntity<Void> licence(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody byte[] image) {
        return switch (plates.uploadLicence(citizen(jwt), uuid(id, "parking.unknown-plate"), image)) {
            case STORED -> ResponseEntity.noContent().build();
            case UNKNOWN_PLATE -> throw ApiProblem.notFound("parking.unknown-plate", "No such plate of yours.");
            case NOT_CLAIMED -> throw new ApiProblem(HttpStatus.CONFLICT, "parking.not-claimed",
                    "Only a plate another citizen holds, claimed by you, needs a licence.", null);
            case NOT_AN_IMAGE -> throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "parking.not-an-image",
                    "A licence is a JPEG or PNG picture.", null);
            case TOO_LARGE -> throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "parking.licence-too-large",
                    "A licence picture is at most 1 MB.", null);
        };
    }

    record AtLot(String plate, String colour) {
    }

    private static Plate plate(AtLot body) {
        try {
            return Plate.parse(body == null ? null : body.plate(), Plate.Colour.valueOf(body == null || body.colour() == null
                    ? "BLUE" : body.colour())).orElseThrow(IllegalArgumentException::new);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "parking.bad-plate", "Not a plate of this colour.", "plate");
        }
    }

    @PostMapping(path = "/lots/{lotId}/due", consumes = "application/json")
    @Operation(summary = "At a lot's exit code: what a plate's stay there owes now (any signed-in citizen)")
    StayView dueAtLot(@AuthenticationPrincipal Jwt jwt, @PathVariable String lotId, @RequestBody AtLot body) {
        citizen(jwt);
        return payments.atLot(lotId, plate(body)).map(StayView::of)
                .orElseThrow(() -> ApiProblem.notFound("parking.nothing-due-here", "This plate owes nothing at this lot."));
    }

    @PostMapping(path = "/lots/{lotId}/payments", consumes = "application/json")
    @Operation(summary = "At a lot's exit code: pay a plate's stay there (any signed-in citizen), then POST /orders/{orderNo}/pay")
    ResponseEntity<Started> payAtLot(@AuthenticationPrincipal Jwt jwt, @PathVariable String lotId,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                     @RequestBody AtLot body) {
        return switch (payments.startAtLot(citizen(jwt), lotId, plate(body), key)) {
            case ParkingPayments.Start.Created created -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new Started(created.order().no().value(), created.amountFen()));
            case ParkingPayments.Start.Existing existing ->
                    ResponseEntity.ok(new Started(existing.order().no().value(), existing.amountFen()));
            case ParkingPayments.Start.Refused refused -> throw refused.problem() == ParkingPayments.Problem.UNKNOWN_SESSION
                    ? ApiProblem.notFound("parking.nothing-due-here", "This plate owes nothing at this lot.")
                    : new ApiProblem(HttpStatus.CONFLICT, "parking." + refused.problem().name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-'), "This stay cannot be paid now.", null);
        };
    }

    @GetMapping("/sessions")
    @Operation(summary = "The stays of my plates, newest first, with what is due now")
    List<StayView> stays(@AuthenticationPrincipal Jwt jwt) {
        return payments.stays(citizen(jwt), 50).stream().map(StayView::of).toList();
    }

    record Arrears(long totalFen, List<StayView> stays) {
    }

    @GetMapping("/arrears")
    @Operation(summary = "My arrears (欠费): on-street stays left unpaid; collected with my next payment")
    Arrears arrears(@AuthenticationPrincipal Jwt jwt) {
        List<ParkingPayments.Stay> owed = payments.arrears(citizen(jwt));
        return new Arrears(owed.stream().mapToLong(ParkingPayments.Stay::dueFen).sum(),
                owed.stream().map(StayView::of).toList());
    }

    @GetMapping("/sessions/{id}")
    StayView stay(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return payments.stay(citizen(jwt), uuid(id, "parking.unknown-session")).map(StayView::of)
                .orElseThrow(() -> ApiProblem.notFound("parking.unknown-session", "No such stay of yours."));
    }

    record Started(String orderNo, long amountFen) {
    }

    @PostMapping("/sessions/{id}/payments")
    @Operation(summary = "Pay for a stay: what is due now (the fee so far, before leaving)",
            description = "Then POST /orders/{orderNo}/pay with a channel. amountFen includes the plate's arrears, "
                    + "collected with it. A second request while one is awaited answers the same order (200).")
    ResponseEntity<Started> pay(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
                                @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return switch (payments.start(citizen(jwt), uuid(id, "parking.unknown-session"), key)) {
            case ParkingPayments.Start.Created created -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new Started(created.order().no().value(), created.amountFen()));
            case ParkingPayments.Start.Existing existing ->
                    ResponseEntity.ok(new Started(existing.order().no().value(), existing.amountFen()));
            case ParkingPayments.Start.Refused refused -> throw switch (refused.problem()) {
                case UNKNOWN_SESSION -> ApiProblem.notFound("parking.unknown-session", "No such stay of yours.");
                case NOTHING_DUE -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "parking.nothing-due",
                        "Nothing is due for this stay.", null);
                case PAYMENT_IN_PROGRESS -> new ApiProblem(HttpStatus.CONFLICT, "parking.payment-in-progress",
                        "A payment for this stay is in progress.", null);
                case KEY_REUSED -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "parking.bad-key",
                        "An Idempotency-Key is 1-64 visible ASCII characters.", "Idempotency-Key");
                case WITH_STAFF -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "parking.with-staff",
                        "This stay waits for the operator's staff; they will tell you what is due.", null);
            };
        };
    }

    /** A plate of the citizen's own, shown whole to them. */
    record PlateView(UUID id, String plate, String colour, String state, boolean seamless, long seamlessCapFen,
                     Instant boundAt) {
        static PlateView of(ParkingPlates.BoundPlate p) {
            return new PlateView(p.id(), p.plate().text(), p.plate().colour().name(), p.state(), p.seamless(),
                    p.seamlessCapFen(), p.boundAt());
        }
    }

    record StayView(UUID id, String lotId, String lotName, String plate, Instant entryAt, Instant exitAt, String state,
                    String anomaly, Long feeFen, long paidFen, long dueFen, boolean paymentInProgress) {
        static StayView of(ParkingPayments.Stay s) {
            ParkingSession session = s.session();
            return new StayView(session.id(), session.lotId(), s.lotName(), session.plate().text(), session.entryAt(),
                    session.exitAt(), session.state().name(), session.anomaly() == null ? null : session.anomaly().name(),
                    session.feeFen(), session.paidFen(), s.dueFen(), s.paymentInProgress());
        }
    }

    private static UUID uuid(String id, String code) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound(code, "No such item of yours.");
        }
    }

    private static CitizenId citizen(Jwt jwt) {
        return CitizenId.parse(jwt.getSubject()).orElseThrow(() -> ApiProblem.notFound("identity.unknown-citizen",
                "This account has no citizen data."));
    }
}
