package org.citycard.api.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.citycard.api.ApiProblem;
import org.citycard.card.CitizenId;
import org.citycard.health.HealthCard;
import org.citycard.health.HealthCards;
import org.citycard.health.HospitalDesk;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A signed-in citizen's e-health cards (居民电子健康卡): their own, their children's and their parents'; a fresh
 * dynamic code to show at the hospital; the visits hospitals reported. Another citizen's card answers 404.
 */
@RestController
@RequestMapping(path = "/api/mp/v1/health-card", produces = "application/json")
@Tag(name = "health-card", description = "My e-health cards, their codes and visits")
class HealthCardController {

    private final HealthCards cards;
    private final HospitalDesk desk;
    private final org.citycard.health.HealthCharges charges;

    HealthCardController(HealthCards cards, HospitalDesk desk, org.citycard.health.HealthCharges charges) {
        this.cards = cards;
        this.desk = desk;
        this.charges = charges;
    }

    record ItemView(String name, long amountFen) {
    }

    record ChargeView(String id, UUID cardId, String card, String hospital, String kind, long amountFen,
                      List<ItemView> items, String state, boolean paymentInProgress, Instant createdAt, Instant paidAt) {
        static ChargeView of(org.citycard.health.HealthCharges.Charge c) {
            return new ChargeView(c.id(), c.cardId(), c.cardNameMasked(), c.hospitalName(), c.kind().name(),
                    c.amountFen(), c.items().stream().map(i -> new ItemView(i.name(), i.amountFen())).toList(),
                    c.state().name(), c.paymentInProgress(), c.createdAt(), c.paidAt());
        }
    }

    @GetMapping("/charges")
    @Operation(summary = "What hospitals charged on the cards I hold: due first")
    List<ChargeView> charges(@AuthenticationPrincipal Jwt jwt) {
        return charges.charges(citizen(jwt), 50).stream().map(ChargeView::of).toList();
    }

    record Started(String orderNo, long amountFen) {
    }

    @PostMapping("/charges/{id}/payments")
    @Operation(summary = "Pay a due charge: an order, then the usual POST /orders/{no}/pay",
            description = "201 a new order; 200 the order already under way for it")
    ResponseEntity<Started> pay(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
                                @org.springframework.web.bind.annotation.RequestHeader(name = "Idempotency-Key",
                                        required = false) String key) {
        if (key != null && !key.matches("[\\x21-\\x7e]{1,64}")) {
            throw ApiProblem.badParameter("Idempotency-Key", "Idempotency-Key is 1 to 64 visible ASCII characters.");
        }
        return switch (charges.start(citizen(jwt), id, key)) {
            case org.citycard.health.HealthCharges.Start.Created created -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new Started(created.order().no().value(), created.order().amountFen()));
            case org.citycard.health.HealthCharges.Start.Existing existing -> ResponseEntity.ok(
                    new Started(existing.order().no().value(), existing.order().amountFen()));
            case org.citycard.health.HealthCharges.Start.Refused refused -> throw HealthProblems.of(refused.problem());
        };
    }

    /**
     * @param staticCode       the printable code, while it is switched on (an active card only; hospitals refuse it
     *                         while it is off)
     * @param staticCodeOn     whether the printable code is switched on
     * @param counterReference what the parent shows at a service counter, while the card waits for it
     */
    record CardView(UUID id, String relation, String name, String idNumber, String sex, LocalDate birthDate,
                    String state, String ehcId, String staticCode, boolean staticCodeOn, String counterReference,
                    Instant issuedAt) {
        static CardView of(HealthCard c) {
            return new CardView(c.id(), c.relation().name(), c.nameMasked(), c.idNumberMasked(), c.sex().name(),
                    c.birthDate(), c.state().name(), c.ehcId(), c.staticCode(), c.staticCode() != null,
                    c.counterReference(), c.issuedAt());
        }
    }

    @GetMapping("/cards")
    @Operation(summary = "My cards: my own first, then family members'")
    List<CardView> cards(@AuthenticationPrincipal Jwt jwt) {
        return cards.cards(citizen(jwt)).stream().map(CardView::of).toList();
    }

    /**
     * @param relation SELF (no other field), CHILD (name, idNumber, birthCertificateNo) or PARENT (name, idNumber)
     */
    record Apply(String relation, String name, String idNumber, String birthCertificateNo) {
        @Override
        public String toString() {
            return "Apply[" + relation + "]";
        }
    }

    @PostMapping(path = "/cards", consumes = "application/json")
    @Operation(summary = "Apply for a card",
            description = "SELF: from my real name (asking again answers the same card). CHILD: the child's name, ID "
                    + "number and birth certificate number, checked by the provincial platform. PARENT (60 or older, "
                    + "without a phone): the card waits until the parent shows their ID card at a service counter with "
                    + "the counterReference answered (202).")
    ResponseEntity<CardView> apply(@AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) Apply body) {
        if (body == null || body.relation() == null) {
            throw ApiProblem.badParameter("relation", "relation is SELF, CHILD or PARENT.");
        }
        CitizenId citizen = citizen(jwt);
        HealthCards.Result result = switch (body.relation()) {
            case "SELF" -> cards.issueOwn(citizen);
            case "CHILD" -> cards.addChild(citizen, body.name(), body.idNumber(), body.birthCertificateNo());
            case "PARENT" -> cards.requestForParent(citizen, body.name(), body.idNumber());
            default -> throw ApiProblem.badParameter("relation", "relation is SELF, CHILD or PARENT.");
        };
        return switch (result) {
            case HealthCards.Result.Done done -> ResponseEntity.status(
                    done.card().state() == HealthCard.State.ACTIVE ? HttpStatus.CREATED : HttpStatus.ACCEPTED)
                    .body(CardView.of(done.card()));
            case HealthCards.Result.Refused refused -> throw HealthProblems.of(refused.problem());
        };
    }

    @GetMapping("/cards/{id}")
    @Operation(summary = "One of my cards")
    CardView card(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return cards.card(citizen(jwt), uuid(id)).filter(c -> c.state() != HealthCard.State.CLOSED).map(CardView::of)
                .orElseThrow(() -> HealthProblems.of(org.citycard.health.HealthProblem.UNKNOWN_CARD));
    }

    @DeleteMapping("/cards/{id}")
    @Operation(summary = "Close one of my cards (at the provincial platform too)")
    ResponseEntity<Void> close(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return switch (cards.close(citizen(jwt), uuid(id))) {
            case HealthCards.Result.Done done -> ResponseEntity.noContent().build();
            case HealthCards.Result.Refused refused -> throw HealthProblems.of(refused.problem());
        };
    }

    record StaticCode(Boolean on) {
    }

    @PutMapping(path = "/cards/{id}/static-code", consumes = "application/json")
    @Operation(summary = "Switch the printable (static) code on or off",
            description = "on: true to print it (hospitals accept it from then on), false when a printout is lost or "
                    + "not needed (hospitals refuse it); the card as it is now")
    CardView staticCode(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
                        @RequestBody(required = false) StaticCode body) {
        if (body == null || body.on() == null) {
            throw ApiProblem.badParameter("on", "on is true or false.");
        }
        return switch (cards.staticCode(citizen(jwt), uuid(id), body.on())) {
            case HealthCards.Result.Done done -> CardView.of(done.card());
            case HealthCards.Result.Refused refused -> throw HealthProblems.of(refused.problem());
        };
    }

    record CodeView(String code, Instant expiresAt) {
    }

    @PostMapping("/cards/{id}/codes")
    @Operation(summary = "A fresh dynamic code to show at the hospital",
            description = "<ehcId>:0:<32 hex>, good once until expiresAt (two minutes); show it as a QR code and ask "
                    + "for a new one each minute or after it was scanned")
    CodeView code(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return switch (cards.dynamicCode(citizen(jwt), uuid(id))) {
            case HealthCards.CodeResult.Issued issued -> new CodeView(issued.text(), issued.expiresAt());
            case HealthCards.CodeResult.Refused refused -> throw HealthProblems.of(refused.problem());
        };
    }

    record VisitView(UUID id, String hospital, String scene, String channel, String department, Instant at) {
    }

    @GetMapping("/cards/{id}/visits")
    @Operation(summary = "Where the card was used, newest first", description = "limit: 1 to 100")
    List<VisitView> visits(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
                           @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 100) {
            throw ApiProblem.badParameter("limit", "limit must be 1 to 100.");
        }
        CitizenId citizen = citizen(jwt);
        UUID cardId = uuid(id);
        // a closed card is gone, as GET /cards/{id} says
        if (cards.card(citizen, cardId).filter(c -> c.state() != HealthCard.State.CLOSED).isEmpty()) {
            throw HealthProblems.of(org.citycard.health.HealthProblem.UNKNOWN_CARD);
        }
        return desk.visits(citizen, cardId, limit).stream().map(v -> new VisitView(v.id(), v.hospitalName(),
                v.scene().name(), v.channel().name(), v.department(), v.at())).toList();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw HealthProblems.of(org.citycard.health.HealthProblem.UNKNOWN_CARD);
        }
    }

    private static CitizenId citizen(Jwt jwt) {
        return CitizenId.parse(jwt.getSubject()).orElseThrow(() -> ApiProblem.notFound("identity.unknown-citizen",
                "This account has no citizen data."));
    }
}
