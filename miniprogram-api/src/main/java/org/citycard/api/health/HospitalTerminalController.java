package org.citycard.api.health;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import org.citycard.api.ApiProblem;
import org.citycard.health.HealthCards;
import org.citycard.health.HealthProblem;
import org.citycard.health.HospitalDesk;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Hospitals' terminals (client credentials, scope {@code health.verify}, configured under
 * {@code citycard.health.hospitals.<client-id>}): verify a shown e-health card code and bind their patient id.
 */
@RestController
@RequestMapping(path = "/api/terminal/v1/health", produces = "application/json")
@Tag(name = "hospital-terminal", description = "E-health card codes at the hospital")
class HospitalTerminalController {

    private final HospitalDesk desk;
    private final org.citycard.health.HealthCharges charges;

    HospitalTerminalController(HospitalDesk desk, org.citycard.health.HealthCharges charges) {
        this.desk = desk;
        this.charges = charges;
    }

    /**
     * @param scene      REGISTRATION, CONSULTATION, PAYMENT, PHARMACY or EXAMINATION
     * @param channel    WINDOW, KIOSK, DOCTOR, OFFICIAL_ACCOUNT or MINI_PROGRAM
     * @param department optional, shown to the citizen in their visits
     */
    record Verify(String code, String scene, String channel, String department) {
    }

    /** What a hospital may know: the name, the masked ID number, sex, birth date and its own patient id. */
    record Verified(UUID visitId, String name, String idNumber, String sex, LocalDate birthDate, String patientId) {
    }

    @PostMapping(path = "/verify", consumes = "application/json")
    @Operation(summary = "Verify a shown e-health card code; a dynamic one is used up",
            description = "Each verification is kept as a visit the citizen sees; visitId binds a patient id within 24 hours")
    Verified verify(@AuthenticationPrincipal Jwt terminal, @RequestBody(required = false) Verify body) {
        HospitalDesk.Hospital hospital = hospital(terminal);
        if (body == null || body.code() == null || body.code().isBlank() || body.code().length() > 200) {
            throw ApiProblem.badParameter("code", "code is the text of the scanned e-health card QR code.");
        }
        HospitalDesk.Scene scene = value(HospitalDesk.Scene.class, "scene", body.scene());
        HospitalDesk.Channel channel = value(HospitalDesk.Channel.class, "channel", body.channel());
        // refused rather than dropped: a department the visit could not show is the terminal's mistake to hear of
        if (body.department() != null && !body.department().isBlank()
                && !HospitalDesk.DEPARTMENT.matcher(body.department().strip()).matches()) {
            throw ApiProblem.badParameter("department",
                    "department is 1 to 32 Chinese characters, letters, digits, spaces, ·, ( ) or -.");
        }
        return switch (desk.verify(hospital, body.code(), scene, channel, body.department())) {
            case HospitalDesk.Check.Accepted ok -> new Verified(ok.visitId(), ok.name(), ok.idNumberMasked(),
                    ok.sex().name(), ok.birthDate(), ok.patientId());
            case HospitalDesk.Check.Rejected rejected -> throw HealthProblems.of(rejected.problem());
        };
    }

    record Bind(String visitId, String patientId) {
    }

    record Bound(String patientId) {
    }

    @PostMapping(path = "/patients", consumes = "application/json")
    @Operation(summary = "Bind the hospital's patient id to the card seen in one of its visits (last 24 hours)")
    Bound bind(@AuthenticationPrincipal Jwt terminal, @RequestBody(required = false) Bind body) {
        HospitalDesk.Hospital hospital = hospital(terminal);
        if (body == null || body.visitId() == null) {
            throw ApiProblem.badParameter("visitId", "visitId is the id a verification answered.");
        }
        UUID visit;
        try {
            visit = UUID.fromString(body.visitId());
        } catch (IllegalArgumentException e) {
            throw HealthProblems.of(HealthProblem.UNKNOWN_VISIT);
        }
        return switch (desk.bindPatient(hospital, visit, body.patientId())) {
            case HealthCards.Result.Done done -> new Bound(body.patientId());
            case HealthCards.Result.Refused refused -> throw HealthProblems.of(refused.problem());
        };
    }

    record PostCharge(String visitId, String hospitalRef, String kind, java.util.List<ItemView> items) {
    }

    record ItemView(String name, long amountFen) {
    }

    /** A charge as the hospital sees it: whether it is paid. */
    record ChargeView(String id, String hospitalRef, String kind, long amountFen, java.util.List<ItemView> items,
                      String state, java.time.Instant createdAt, java.time.Instant paidAt) {
        static ChargeView of(org.citycard.health.HealthCharges.Charge c) {
            return new ChargeView(c.id(), c.hospitalRef(), c.kind().name(), c.amountFen(),
                    c.items().stream().map(i -> new ItemView(i.name(), i.amountFen())).toList(), c.state().name(),
                    c.createdAt(), c.paidAt());
        }
    }

    @PostMapping(path = "/charges", consumes = "application/json")
    @Operation(summary = "Charge the card seen in one of the hospital's visits (last 24 hours), to be paid from the phone",
            description = "201 created; 200 the same hospitalRef posted before with the same items; 409 with other items")
    org.springframework.http.ResponseEntity<ChargeView> charge(@AuthenticationPrincipal Jwt terminal,
                                                               @RequestBody(required = false) PostCharge body) {
        HospitalDesk.Hospital hospital = hospital(terminal);
        if (body == null) {
            throw HealthProblems.of(HealthProblem.BAD_CHARGE);
        }
        UUID visit;
        try {
            visit = UUID.fromString(String.valueOf(body.visitId()));
        } catch (IllegalArgumentException e) {
            throw HealthProblems.of(HealthProblem.UNKNOWN_VISIT);
        }
        org.citycard.health.HealthCharges.Kind kind = value(org.citycard.health.HealthCharges.Kind.class, "kind", body.kind());
        java.util.List<org.citycard.health.HealthCharges.Item> items = body.items() == null ? java.util.List.of()
                : body.items().stream().map(i -> i == null ? null
                        : new org.citycard.health.HealthCharges.Item(i.name(), i.amountFen())).toList();
        return switch (charges.post(hospital, visit, body.hospitalRef(), kind, items)) {
            case org.citycard.health.HealthCharges.Posted.Created created ->
                    org.springframework.http.ResponseEntity.status(HttpStatus.CREATED).body(ChargeView.of(created.charge()));
            case org.citycard.health.HealthCharges.Posted.Existing existing ->
                    org.springframework.http.ResponseEntity.ok(ChargeView.of(existing.charge()));
            case org.citycard.health.HealthCharges.Posted.Refused refused -> throw HealthProblems.of(refused.problem());
        };
    }

    @org.springframework.web.bind.annotation.GetMapping("/charges/{id}")
    @Operation(summary = "One of the hospital's charges: is it paid?")
    ChargeView charge(@AuthenticationPrincipal Jwt terminal, @org.springframework.web.bind.annotation.PathVariable String id) {
        return charges.charge(hospital(terminal), id).map(ChargeView::of)
                .orElseThrow(() -> HealthProblems.of(HealthProblem.UNKNOWN_CHARGE));
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/charges/{id}")
    @Operation(summary = "Withdraw a charge not paid yet; a payment arriving afterwards is given back")
    org.springframework.http.ResponseEntity<Void> withdraw(@AuthenticationPrincipal Jwt terminal,
                                                           @org.springframework.web.bind.annotation.PathVariable String id) {
        charges.cancel(hospital(terminal), id).ifPresent(problem -> {
            throw HealthProblems.of(problem);
        });
        return org.springframework.http.ResponseEntity.noContent().build();
    }

    private HospitalDesk.Hospital hospital(Jwt terminal) {
        return desk.hospital(terminal.getSubject()).orElseThrow(() -> new ApiProblem(HttpStatus.FORBIDDEN,
                "health.not-a-hospital", "This terminal is not registered as a hospital.", null));
    }

    private static <E extends Enum<E>> E value(Class<E> type, String name, String text) {
        try {
            return Enum.valueOf(type, text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badParameter(name, name + " is one of " + java.util.Arrays.toString(type.getEnumConstants()) + ".");
        }
    }
}
