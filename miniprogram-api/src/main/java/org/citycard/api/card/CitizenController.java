package org.citycard.api.card;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.citycard.api.ApiProblem;
import org.citycard.card.Card;
import org.citycard.catalog.CatalogBrowsing;
import org.citycard.catalog.ServiceCode;
import org.citycard.card.CardProblem;
import org.citycard.card.CardResult;
import org.citycard.card.Cards;
import org.citycard.card.Citizen;
import org.citycard.card.CitizenId;
import org.citycard.card.DynamicCodes;
import org.citycard.card.Favourites;
import org.citycard.card.Identities;
import org.citycard.card.IdentityProblem;
import org.citycard.card.IdentityResult;
import org.citycard.card.LoginLinks;
import org.citycard.card.SmsPurpose;
import org.citycard.card.SmsRequester;
import org.citycard.card.Wallets;
import org.citycard.card.code.CodePurpose;
import org.citycard.card.ledger.StatementLine;
import org.springframework.http.HttpStatus;
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

/** The signed-in citizen's endpoints (role CITIZEN). Personal data only ever leaves masked. */
@RestController
@RequestMapping("/api/mp/v1")
class CitizenController {

    private final org.citycard.health.HealthCards healthCards;
    private final Identities identities;
    private final LoginLinks links;
    private final Cards cards;
    private final DynamicCodes codes;
    private final Wallets wallets;
    private final Favourites favourites;
    private final CatalogBrowsing catalog;

    CitizenController(Identities identities, LoginLinks links, Cards cards, DynamicCodes codes, Wallets wallets,
                      Favourites favourites, CatalogBrowsing catalog, org.citycard.health.HealthCards healthCards) {
        this.catalog = catalog;
        this.healthCards = healthCards;
        this.identities = identities;
        this.links = links;
        this.cards = cards;
        this.codes = codes;
        this.wallets = wallets;
        this.favourites = favourites;
    }

    record Me(String id, String level, String phone, String name, String idNumber, List<Map<String, String>> logins) {
    }

    record Phone(String phone) {
    }

    record RealName(String name, String idNumber, String phone, String smsCode) {
    }

    record Reason(String reason) {
    }

    record Address(String address) {
    }

    record SectorCards(String socialSecurityNo, String busCardNo, String healthCardId) {
    }

    record CardView(String id, String number, String status, Instant issuedAt, Instant statusChangedAt,
                    String socialSecurityNo, String busCardNo, String healthCardId) {
        static CardView of(Card card) {
            return new CardView(card.id().toString(), card.number().masked(), card.status().name(), card.issuedAt(),
                    card.statusChangedAt(), card.socialSecurityNo(), card.busCardNo(), card.healthCardId());
        }
    }

    record CodeView(String code, String purpose, Instant expiresAt) {
    }

    @GetMapping("/me")
    Me me(@AuthenticationPrincipal Jwt jwt) {
        Citizen citizen = identities.find(citizen(jwt)).orElseThrow(() -> ApiProblem.notFound("identity.unknown-citizen",
                "This account no longer exists."));
        return new Me(citizen.id().toString(), citizen.level().name(), citizen.phoneMasked(), citizen.nameMasked(),
                citizen.idNumberMasked(), links.logins(citizen.id()).stream()
                .map(l -> Map.of("platform", l.provider().name(), "userId", l.subjectMasked())).toList());
    }

    @PostMapping("/me/real-name/sms-code")
    Map<String, Object> realNameCode(@AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) Phone body,
                                     jakarta.servlet.http.HttpServletRequest request) {
        // counted against this account and its address: one token cannot send codes to many phones
        SmsRequester requester = new SmsRequester(citizen(jwt), null, request.getRemoteAddr(), null);
        identities.sendSmsCode(body == null ? null : body.phone(), SmsPurpose.REAL_NAME, requester).ifPresent(problem -> {
            throw identityProblem(problem, "phone");
        });
        return Map.of("sent", true);
    }

    @PostMapping("/me/real-name")
    Me realName(@AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) RealName body) {
        if (body == null) {
            throw ApiProblem.badParameter("name", "name, idNumber, phone and smsCode are required.");
        }
        IdentityResult result = identities.verifyRealName(citizen(jwt), body.name(), body.idNumber(), body.phone(),
                body.smsCode());
        if (result instanceof IdentityResult.Refused refused) {
            throw identityProblem(refused.problem(), fieldOf(refused.problem()));
        }
        return me(jwt);
    }

    @GetMapping("/card")
    CardView card(@AuthenticationPrincipal Jwt jwt) {
        return cards.current(citizen(jwt)).map(CardView::of)
                .orElseThrow(() -> ApiProblem.notFound("card.no-card", "You have no citizen card yet."));
    }

    @PostMapping("/card")
    CardView apply(@AuthenticationPrincipal Jwt jwt) {
        return done(cards.apply(citizen(jwt)));
    }

    @PostMapping("/card/{cardId}/report-loss")
    CardView reportLoss(@AuthenticationPrincipal Jwt jwt, @PathVariable String cardId,
                        @RequestBody(required = false) Reason body) {
        return done(cards.reportLoss(own(jwt, cardId), Cards.CITIZEN, reason(body)));
    }

    /** Unfreezing needs a sign-in with the platform in the last minutes (the token's auth_time). */
    @PostMapping("/card/{cardId}/unfreeze")
    CardView unfreeze(@AuthenticationPrincipal Jwt jwt, @PathVariable String cardId,
                      @RequestBody(required = false) Reason body) {
        Object authTime = jwt.getClaims().get("auth_time");
        Instant signedInAt = authTime instanceof Number n ? Instant.ofEpochSecond(n.longValue())
                : authTime instanceof Instant i ? i : null;
        return done(cards.unfreeze(own(jwt, cardId), Cards.CITIZEN, reason(body), signedInAt));
    }

    @PostMapping("/card/{cardId}/replace")
    CardView replace(@AuthenticationPrincipal Jwt jwt, @PathVariable String cardId,
                     @RequestBody(required = false) Reason body) {
        return done(cards.replace(own(jwt, cardId), Cards.CITIZEN, reason(body)));
    }

    @PostMapping("/card/{cardId}/cancel")
    CardView cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String cardId,
                    @RequestBody(required = false) Reason body) {
        return done(cards.cancel(own(jwt, cardId), Cards.CITIZEN, reason(body)));
    }

    @PostMapping("/card/{cardId}/physical")
    CardView physical(@AuthenticationPrincipal Jwt jwt, @PathVariable String cardId,
                      @RequestBody(required = false) Address body) {
        return done(cards.requestPhysical(own(jwt, cardId), body == null ? null : body.address()));
    }

    /** The social-security, bus and e-health card numbers that belong with this card (empty to unlink one). */
    @PutMapping("/card/{cardId}/sector-cards")
    CardView sectorCards(@AuthenticationPrincipal Jwt jwt, @PathVariable String cardId,
                         @RequestBody(required = false) SectorCards body) {
        SectorCards numbers = body == null ? new SectorCards(null, null, null) : body;
        return done(cards.linkSectorCards(own(jwt, cardId), numbers.socialSecurityNo(), numbers.busCardNo(),
                numbers.healthCardId()));
    }

    @GetMapping("/card/history")
    Object history(@AuthenticationPrincipal Jwt jwt) {
        return Map.of("events", cards.history(citizen(jwt)), "physicalCards", cards.physicalRequests(citizen(jwt)));
    }

    @GetMapping("/card/codes/{purpose}")
    @io.swagger.v3.oas.annotations.Operation(summary = "A fresh dynamic code to show",
            description = "health: the e-health card's dynamic code once I hold my own card (hospitals and clinics take"
                    + " it), else the citizen card's")
    CodeView code(@AuthenticationPrincipal Jwt jwt, @PathVariable String purpose) {
        CodePurpose which;
        try {
            which = CodePurpose.valueOf(purpose.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badParameter("purpose", "purpose is ride, health or payment.");
        }
        CitizenId citizen = citizen(jwt);
        // one code at the hospital: the health code is the e-health card's, as in the portal
        var eHealth = which == CodePurpose.HEALTH ? healthCards.healthCode(citizen)
                : java.util.Optional.<org.citycard.health.HealthCards.HealthCode>empty();
        if (eHealth.isPresent()) {
            return switch (eHealth.get().code()) {
                case org.citycard.health.HealthCards.CodeResult.Issued issued ->
                        new CodeView(issued.text(), which.name(), issued.expiresAt());
                case org.citycard.health.HealthCards.CodeResult.Refused refused ->
                        throw org.citycard.api.health.HealthProblems.of(refused.problem());
            };
        }
        return switch (codes.issue(citizen, which)) {
            case DynamicCodes.Issue.Issued issued -> new CodeView(issued.text(), which.name(), issued.expiresAt());
            case DynamicCodes.Issue.Refused refused -> throw cardProblem(refused.problem());
        };
    }

    @GetMapping("/card/code-uses")
    List<DynamicCodes.CodeUse> codeUses(@AuthenticationPrincipal Jwt jwt) {
        return codes.uses(citizen(jwt), 20);
    }

    @GetMapping("/wallet")
    Map<String, Object> wallet(@AuthenticationPrincipal Jwt jwt) {
        long balance = wallets.balance(citizen(jwt)).orElseThrow(() -> ApiProblem.notFound("wallet.no-wallet",
                "The wallet opens with the card."));
        return Map.of("balanceFen", balance, "currency", "CNY");
    }

    @GetMapping("/wallet/entries")
    List<StatementLine> entries(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) Long before,
                                @RequestParam(defaultValue = "20") int size) {
        if (size < 1 || size > 100) {
            throw ApiProblem.badParameter("size", "size is between 1 and 100.");
        }
        if (before != null && before < 1) {
            throw ApiProblem.badParameter("before", "before is the id of an entry from an earlier page.");
        }
        return wallets.statement(citizen(jwt), before, size);
    }

    @GetMapping("/favourites")
    Map<String, List<String>> favourites(@AuthenticationPrincipal Jwt jwt) {
        CitizenId citizen = citizen(jwt);
        return Map.of("favourites", favourites.favourites(citizen), "recentlyViewed", favourites.recentlyViewed(citizen));
    }

    @PutMapping("/favourites/{serviceCode}")
    Map<String, List<String>> addFavourite(@AuthenticationPrincipal Jwt jwt, @PathVariable String serviceCode) {
        // only a service the catalog publishes: an unknown code is not kept
        if (ServiceCode.parse(serviceCode).flatMap(catalog::service).isEmpty()) {
            throw ApiProblem.notFound("catalog.service-not-found", "No published service has this code.");
        }
        if (!favourites.add(citizen(jwt), serviceCode)) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "favourites.full",
                    "At most " + Favourites.MAX_FAVOURITES + " favourites.", null);
        }
        return favourites(jwt);
    }

    @DeleteMapping("/favourites/{serviceCode}")
    Map<String, List<String>> removeFavourite(@AuthenticationPrincipal Jwt jwt, @PathVariable String serviceCode) {
        favourites.remove(citizen(jwt), serviceCode);
        return favourites(jwt);
    }

    /** The signed-in citizen; a token of anyone else (a staff account) has no citizen data here. */
    private static CitizenId citizen(Jwt jwt) {
        return CitizenId.parse(jwt.getSubject()).orElseThrow(() -> ApiProblem.notFound("identity.unknown-citizen",
                "This account has no citizen data."));
    }

    /** The citizen, if the card id is their live card's; any other id is simply not found. */
    private CitizenId own(Jwt jwt, String cardId) {
        CitizenId citizen = citizen(jwt);
        boolean theirs = cards.current(citizen).map(c -> c.id().toString().equals(cardId)).orElse(false);
        if (!theirs) {
            throw ApiProblem.notFound("card.not-found", "No such card.");
        }
        return citizen;
    }

    private static String reason(Reason body) {
        return body == null ? null : body.reason();
    }

    private static CardView done(CardResult result) {
        return switch (result) {
            case CardResult.Done done -> CardView.of(done.card());
            case CardResult.Refused refused -> throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT,
                    refused.problem().code(), detail(refused.problem()), refused.field());
        };
    }

    private static ApiProblem cardProblem(CardProblem problem) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, problem.code(), detail(problem), null);
    }

    /** What a refused card operation means, in words a mini-program can show (its code says the same for programs). */
    private static String detail(CardProblem problem) {
        return switch (problem) {
            case NOT_REAL_NAME -> "Verify your real name first.";
            case ALREADY_HAS_CARD -> "You hold a card already.";
            case NO_CARD -> "You hold no card yet.";
            case NOT_ACTIVE -> "The card is not active (frozen after a loss report, or closed): its codes and wallet"
                    + " do not work until it is unfrozen.";
            case NOT_FROZEN -> "The card is not frozen.";
            case RECENT_SIGN_IN_REQUIRED -> "Sign in again first: this needs a recent sign-in.";
            case BALANCE_NOT_ZERO -> "The wallet still holds money: spend it or have it refunded first.";
            case REASON_REQUIRED -> "Please give a reason.";
            case REASON_TOO_LONG -> "The reason is too long.";
            case BAD_LINKED_NUMBER -> "That number cannot be linked to the card.";
            case ADDRESS_REQUIRED -> "Please give a delivery address.";
            case ADDRESS_TOO_LONG -> "The address is too long.";
            case TEXT_UNREADABLE -> "The text holds characters that cannot be shown (control or broken characters).";
            case PHYSICAL_ALREADY_REQUESTED -> "A physical card has been requested already.";
            case UNKNOWN_REQUEST -> "No such request.";
            case BAD_TRANSITION, STALE -> "The card changed meanwhile: reload it and try again.";
        };
    }

    /** The request field a real-name refusal is about, so a mini-program can mark it. */
    private static String fieldOf(IdentityProblem problem) {
        return switch (problem) {
            case BAD_NAME -> "name";
            case BAD_PHONE, PHONE_TAKEN, PHONE_MISMATCH -> "phone";
            case ID_NUMBER_FORMAT, ID_NUMBER_REGION, ID_NUMBER_BIRTH_DATE, ID_NUMBER_CHECKSUM, ID_NUMBER_TAKEN -> "idNumber";
            case BAD_CODE, CODE_EXPIRED, TOO_MANY_ATTEMPTS -> "smsCode";
            default -> null;
        };
    }

    private static ApiProblem identityProblem(IdentityProblem problem, String parameter) {
        HttpStatus status = problem == IdentityProblem.SMS_TOO_SOON || problem == IdentityProblem.SMS_DAILY_LIMIT
                || problem == IdentityProblem.SMS_TOO_MANY
                ? HttpStatus.TOO_MANY_REQUESTS
                : problem == IdentityProblem.SMS_UNAVAILABLE ? HttpStatus.SERVICE_UNAVAILABLE
                : HttpStatus.UNPROCESSABLE_CONTENT;
        ApiProblem answer = new ApiProblem(status, problem.code(), org.citycard.api.IdentityProblems.detail(problem),
                parameter);
        return switch (problem) {
            case SMS_DAILY_LIMIT -> answer.retryTomorrow();
            case SMS_TOO_MANY -> answer.retryAfter(java.time.Duration.ofHours(1)); // counted over the last hour
            default -> answer;
        };
    }
}
