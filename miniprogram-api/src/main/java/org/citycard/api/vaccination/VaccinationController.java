package org.citycard.api.vaccination;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.citycard.api.ApiProblem;
import org.citycard.card.CitizenId;
import org.citycard.health.vaccination.Booking;
import org.citycard.health.vaccination.Certificates;
import org.citycard.health.vaccination.Clinic;
import org.citycard.health.vaccination.Slot;
import org.citycard.health.vaccination.Vaccination;
import org.citycard.health.vaccination.VaccinationProblem;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Vaccination booking for the mini-programs: clinics, vaccines and slots (anyone); for whom the citizen may book
 * (the e-health cards they hold), holding a place, confirming (free vaccines) or paying (self-paid ones), cancelling,
 * their bookings and certificates (a signed-in citizen, their own only).
 */
@RestController
@RequestMapping(path = "/api/mp/v1/vaccination", produces = "application/json")
@Tag(name = "vaccination", description = "Clinics, slots and booking vaccinations")
class VaccinationController {

    private final Vaccination vaccination;
    private final Certificates certificates;
    private final org.citycard.health.vaccination.WaitingRoom room;

    VaccinationController(Vaccination vaccination, Certificates certificates,
                          org.citycard.health.vaccination.WaitingRoom room) {
        this.vaccination = vaccination;
        this.certificates = certificates;
        this.room = room;
    }

    /** A vaccine, and whether it is booked through the waiting room. */
    record VaccineView(String id, String name, String kind, long priceFen, int doses, int minAgeMonths, int maxAgeMonths,
                       List<Integer> intervalDays, boolean sameClinic, boolean waitingRoom) {
    }

    /** Where I stand; opensAt: when the booking this line is for opens (nobody is admitted before). */
    record Place(long number, long ahead, boolean admitted, long expectedWaitSeconds, long inLine, Instant opensAt) {
        static Place of(org.citycard.health.vaccination.WaitingRoom.Status s, Instant opening) {
            return new Place(s.number(), s.ahead(), s.admitted(), s.expectedWait().toSeconds(), s.inLine(), opening);
        }
    }

    @PostMapping("/queue/{vaccine}")
    @Operation(summary = "Join the waiting room of a crowded vaccine (again: the same number)",
            description = "A line per opening of the vaccine, open from 30 minutes before it; nobody is admitted before"
                    + " the opening. Ask GET every few seconds until admitted, then book; 422 vaccination.not-open-yet"
                    + " earlier, 429 when too many join from one address")
    Place join(@AuthenticationPrincipal Jwt jwt, @PathVariable String vaccine,
               jakarta.servlet.http.HttpServletRequest request) {
        if (vaccination.vaccine(vaccine).isEmpty() || !vaccination.waitingRoom(vaccine)) {
            throw ApiProblem.notFound("vaccination.no-waiting-room", "This vaccine has no waiting room: book directly.");
        }
        Instant opening = vaccination.opening(vaccine).orElseThrow(() -> problem(VaccinationProblem.NOT_OPEN_YET,
                "No booking of this vaccine is to open."));
        if (!org.citycard.health.vaccination.WaitingRoom.open(opening, Instant.now())) {
            throw problem(VaccinationProblem.NOT_OPEN_YET, "The line opens 30 minutes before the booking, which opens at "
                    + opening + ".");
        }
        CitizenId citizen = citizen(jwt);
        Place place = room.join(vaccine, opening, citizen, request.getRemoteAddr()).map(s -> Place.of(s, opening))
                .orElseThrow(() -> problem(VaccinationProblem.SLOW_DOWN, null));
        // the opening under way, while the next one's line fills: its slots are booked through its own line
        vaccination.openedLast(vaccine).filter(o -> !o.equals(opening))
                .ifPresent(o -> room.join(vaccine, o, citizen, request.getRemoteAddr()));
        return place;
    }

    @GetMapping("/queue/{vaccine}")
    @Operation(summary = "Where I stand in the waiting room (the line of the vaccine's opening)")
    Place place(@AuthenticationPrincipal Jwt jwt, @PathVariable String vaccine) {
        CitizenId citizen = citizen(jwt);
        return vaccination.opening(vaccine).flatMap(o -> room.status(vaccine, o, citizen).map(s -> Place.of(s, o)))
                .orElseThrow(() -> ApiProblem.notFound("vaccination.not-in-line", "You have not joined this line."));
    }

    @GetMapping("/clinics")
    @Operation(summary = "The clinics (public)")
    List<Clinic> clinics() {
        return vaccination.clinics();
    }

    @GetMapping("/vaccines")
    @Operation(summary = "The vaccines with their rules and prices, and whether they are booked through the waiting room (public)")
    List<VaccineView> vaccines() {
        return vaccination.vaccines().stream().map(v -> new VaccineView(v.id(), v.name(), v.kind().name(),
                v.dueFen(), v.doses(), v.minAgeMonths(), v.maxAgeMonths(), v.intervalDays(),
                v.sameClinic(), vaccination.waitingRoom(v.id()))).toList();
    }

    record SlotView(UUID id, String clinicId, String vaccineId, LocalDate day, LocalTime startsAt, LocalTime endsAt,
                    int capacity, int left, Instant opensAt) {
        static SlotView of(Slot s) {
            return new SlotView(s.id(), s.clinicId(), s.vaccineId(), s.day(), s.startsAt(), s.endsAt(), s.capacity(),
                    s.left(), s.opensAt());
        }
    }

    @GetMapping("/slots")
    @Operation(summary = "A vaccine's slots with the places left (public)",
            description = "vaccine: its id; clinic: optional; from, to: ISO dates, at most 62 days apart")
    List<SlotView> slots(@RequestParam String vaccine, @RequestParam(required = false) String clinic,
                         @RequestParam String from, @RequestParam String to) {
        LocalDate start = org.citycard.api.TimeParams.date("from", from);
        LocalDate end = org.citycard.api.TimeParams.date("to", to);
        if (end.isBefore(start) || java.time.temporal.ChronoUnit.DAYS.between(start, end) > 62) {
            throw ApiProblem.badParameter("to", "to must be on or after from, at most 62 days later.");
        }
        if (vaccination.vaccine(vaccine).isEmpty()) {
            throw problem(VaccinationProblem.UNKNOWN_SLOT, "No such vaccine.");
        }
        return vaccination.slots(vaccine, clinic, start, end).stream().map(SlotView::of).toList();
    }

    @GetMapping("/eligibility")
    @Operation(summary = "For each e-health card I hold: the next dose of the vaccine, from when and where, or why not")
    List<Vaccination.Eligibility> eligibility(@AuthenticationPrincipal Jwt jwt, @RequestParam String vaccine) {
        if (vaccination.vaccine(vaccine).isEmpty()) { // as /slots answers it
            throw problem(VaccinationProblem.UNKNOWN_SLOT, "No such vaccine.");
        }
        return vaccination.eligibility(citizen(jwt), vaccine);
    }

    record Hold(String cardId, String slotId) {
    }

    @PostMapping(path = "/bookings", consumes = "application/json")
    @Operation(summary = "Hold a place for one of my cards",
            description = "201 held for five minutes: confirm it (free vaccines) or pay for it (self-paid ones). 409"
                    + " vaccination.full when no place is left: for a slot known to be full (whether a slot is full is"
                    + " public) that answer may come before the token is verified")
    @ApiResponse(responseCode = "201", description = "Held",
            content = @Content(schema = @Schema(implementation = Booking.class)))
    ResponseEntity<?> hold(@AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) Hold body) {
        if (body == null || body.slotId() == null) {
            throw ApiProblem.badParameter("slotId", "cardId and slotId are required.");
        }
        if (body.cardId() == null) {
            throw ApiProblem.badParameter("cardId", "cardId and slotId are required.");
        }
        // an opening answers "full" tens of thousands of times: returned, not thrown
        return switch (vaccination.hold(citizen(jwt), uuid(body.cardId(), VaccinationProblem.UNKNOWN_PERSON),
                uuid(body.slotId(), VaccinationProblem.UNKNOWN_SLOT))) {
            case Vaccination.Result.Done done -> ResponseEntity.status(HttpStatus.CREATED).body(done.booking());
            case Vaccination.Result.Refused refused -> problem(refused.problem(), null).answer();
        };
    }

    @PostMapping("/bookings/{id}/confirm")
    @Operation(summary = "Confirm a held booking of a free vaccine")
    Booking confirm(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return done(vaccination.confirm(citizen(jwt), uuid(id, VaccinationProblem.UNKNOWN_BOOKING)));
    }

    record Started(String orderNo, long amountFen) {
    }

    @PostMapping("/bookings/{id}/payments")
    @Operation(summary = "Pay for a held booking of a self-paid vaccine: an order, then POST /orders/{no}/pay")
    ResponseEntity<Started> pay(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
                                @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        if (key != null && !key.matches("[\\x21-\\x7e]{1,64}")) {
            throw ApiProblem.badParameter("Idempotency-Key", "Idempotency-Key is 1 to 64 visible ASCII characters.");
        }
        return switch (vaccination.pay(citizen(jwt), uuid(id, VaccinationProblem.UNKNOWN_BOOKING), key)) {
            case Vaccination.PayStart.Created created -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new Started(created.order().no().value(), created.order().amountFen()));
            case Vaccination.PayStart.Existing existing -> ResponseEntity.ok(
                    new Started(existing.order().no().value(), existing.order().amountFen()));
            case Vaccination.PayStart.Refused refused -> throw problem(refused.problem(), null);
        };
    }

    @DeleteMapping("/bookings/{id}")
    @Operation(summary = "Cancel a booking until the day before (a paid one is refunded)")
    Booking cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return done(vaccination.cancel(citizen(jwt), uuid(id, VaccinationProblem.UNKNOWN_BOOKING)));
    }

    @GetMapping("/bookings")
    @Operation(summary = "My bookings, latest day first")
    List<Booking> bookings(@AuthenticationPrincipal Jwt jwt) {
        return vaccination.bookings(citizen(jwt), 50);
    }

    @GetMapping("/bookings/{id}")
    @Operation(summary = "One of my bookings")
    Booking booking(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return vaccination.booking(citizen(jwt), uuid(id, VaccinationProblem.UNKNOWN_BOOKING))
                .orElseThrow(() -> problem(VaccinationProblem.UNKNOWN_BOOKING, null));
    }

    /** What anyone checking a certificate learns: genuine or not, and then the holder masked. */
    record CheckView(boolean genuine, String person, String vaccine, Integer dose, Integer doses, String day,
                     String clinic) {
    }

    @GetMapping("/certificates/check/{publicId}")
    @Operation(summary = "Check a vaccination certificate (public, limited per address)",
            description = "s: the signature the QR code carries; genuine false whatever the reason; 429 when one address checks too often")
    CheckView check(@PathVariable String publicId, @RequestParam(name = "s", required = false) String signature,
                    jakarta.servlet.http.HttpServletRequest request) {
        return switch (certificates.check(publicId, signature, request.getRemoteAddr())) {
            case Certificates.Checked.Genuine g -> new CheckView(true, g.certificate().personNameMasked(),
                    g.certificate().vaccineName(), g.certificate().dose(), g.certificate().doses(),
                    g.certificate().givenAt().atZone(org.citycard.kernel.ChinaTime.ZONE).toLocalDate().toString(),
                    g.certificate().clinicName());
            case Certificates.Checked.NotConfirmed n -> new CheckView(false, null, null, null, null, null, null);
            case Certificates.Checked.SlowDown s -> throw problem(VaccinationProblem.SLOW_DOWN, null);
        };
    }

    @GetMapping("/certificates")
    @Operation(summary = "E-vaccination certificates of every card I hold; qrText is what the QR code carries")
    List<Certificates.Certificate> certificates(@AuthenticationPrincipal Jwt jwt) {
        return certificates.of(citizen(jwt));
    }

    private static Booking done(Vaccination.Result result) {
        return switch (result) {
            case Vaccination.Result.Done done -> done.booking();
            case Vaccination.Result.Refused refused -> throw problem(refused.problem(), null);
        };
    }

    static ApiProblem problem(VaccinationProblem p, String detail) {
        HttpStatus status = switch (p) {
            case UNKNOWN_SLOT, UNKNOWN_PERSON, UNKNOWN_BOOKING, UNKNOWN_CERTIFICATE -> HttpStatus.NOT_FOUND;
            case FULL, ALREADY_BOOKED, WRONG_STATE -> HttpStatus.CONFLICT;
            case SLOW_DOWN -> HttpStatus.TOO_MANY_REQUESTS;
            case NOT_ADMITTED -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case PLATFORM_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case BAD_INPUT, BAD_DOSE, BAD_CODE, NO_REASON -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        return new ApiProblem(status, p.code(), detail != null ? detail : switch (p) {
            case UNKNOWN_SLOT -> "No such slot.";
            case NOT_OPEN_YET -> "The slot is not open for booking yet.";
            case TOO_LATE -> "The slot is over.";
            case FULL -> "No place left in the slot.";
            case UNKNOWN_PERSON -> "Not one of your active e-health cards.";
            case AGE -> "Outside the vaccine's age band on that day.";
            case SERIES_COMPLETE -> "The series is complete.";
            case TOO_SOON -> "Too soon after the previous dose.";
            case OTHER_CLINIC -> "Later doses of this vaccine are given at the clinic of the first.";
            case ALREADY_BOOKED -> "This person already has a booking for this vaccine.";
            case UNKNOWN_BOOKING -> "No such booking.";
            case WRONG_STATE -> "The booking cannot do that now.";
            case PAST_CUT_OFF -> "A booking can be cancelled until the day before.";
            case PAY_FIRST -> "A self-paid vaccine is confirmed by paying.";
            case SLOW_DOWN -> "Too many tries; wait a moment.";
            case NOT_ADMITTED -> "This vaccine is booked through the waiting room: POST /queue/{vaccine}, then book once admitted.";
            case FORBIDDEN -> "Not your clinic.";
            case NOT_BOOKED_HERE -> "No booking today at this clinic for the card shown.";
            case BAD_DOSE -> "A batch number of 1 to 32 letters and digits, and an injection site from the list.";
            case NO_REASON -> "A dose not given needs its reason, from the list.";
            case UNKNOWN_CERTIFICATE -> "No such certificate.";
            case BAD_CODE -> "The e-health card code is not valid (used, run out, or not a code).";
            case PLATFORM_UNAVAILABLE -> "The provincial health platform cannot be reached just now: try again shortly.";
            case BAD_INPUT -> "A field is out of range.";
        }, null);
    }

    private static UUID uuid(String text, VaccinationProblem unknown) {
        try {
            return UUID.fromString(String.valueOf(text));
        } catch (IllegalArgumentException e) {
            throw problem(unknown, null);
        }
    }

    private static CitizenId citizen(Jwt jwt) {
        return CitizenId.parse(jwt.getSubject()).orElseThrow(() -> ApiProblem.notFound("identity.unknown-citizen",
                "This account has no citizen data."));
    }
}
