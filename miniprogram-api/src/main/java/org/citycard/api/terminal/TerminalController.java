package org.citycard.api.terminal;

import java.util.List;
import java.util.Map;

import org.citycard.api.ApiProblem;
import org.citycard.card.DynamicCodes;
import org.citycard.kernel.FreeText;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /codes/verify}: terminals with a client-credentials token (scope {@code terminal.verify}) check a
 * code online: signature, validity, card status and one-time use; the use is recorded for the citizen.
 * {@code GET /keys}: the public keys for offline verification, public.
 */
@RestController
@RequestMapping("/api/terminal/v1")
class TerminalController {

    private final DynamicCodes codes;

    TerminalController(DynamicCodes codes) {
        this.codes = codes;
    }

    record Verify(String code, String place) {
    }

    record Verified(boolean accepted, String purpose, String cardNumber, String holderName) {
    }

    @PostMapping("/codes/verify")
    Verified verify(@AuthenticationPrincipal Jwt terminal, @RequestBody(required = false) Verify body) {
        if (body == null || body.code() == null || body.code().isBlank() || body.code().length() > 200) {
            throw ApiProblem.badParameter("code", "'code' is the text of the scanned QR code.");
        }
        String place = FreeText.lineOrNull(body.place(), 64);
        if (place == null || place.isEmpty()) {
            throw ApiProblem.badParameter("place", "'place' (1-64 characters) says where the code was scanned, "
                    + "e.g. the bus line.");
        }
        return switch (codes.verify(body.code().strip(), terminal.getSubject(), place)) {
            case DynamicCodes.Check.Accepted ok -> new Verified(true, ok.purpose().name(), ok.cardNumberMasked(),
                    ok.holderNameMasked());
            case DynamicCodes.Check.Rejected rejected -> throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT,
                    rejected.reason().code(), "The code is rejected: " + rejected.reason().name() + ".", "code");
        };
    }

    @GetMapping("/keys")
    Map<String, List<Map<String, String>>> keys() {
        return Map.of("keys", codes.publicKeys());
    }
}
