package org.citycard.api.sandbox;

import java.util.List;

import org.citycard.payment.sandbox.SandboxCashier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox cashier as JSON, for mini-program developers and scripts: {@code GET /sandbox/payments} lists the
 * payments waiting, {@code POST /sandbox/payments/{token}/approve|decline|time-out} decides one. Public, and only
 * while the payment sandbox is on.
 */
@RestController
@ConditionalOnProperty(name = "citycard.payment.sandbox.enabled", havingValue = "true")
class PaymentSandboxApi {

    private final ObjectProvider<SandboxCashier> cashier;

    PaymentSandboxApi(ObjectProvider<SandboxCashier> cashier) {
        this.cashier = cashier;
    }

    @GetMapping("/sandbox/payments")
    List<SandboxCashier.Pending> pending() {
        return cashier.getObject().pending();
    }

    record Decision(SandboxCashier.Outcome outcome) {
    }

    @PostMapping("/sandbox/payments/{token}/{decision}")
    ResponseEntity<Decision> decide(@PathVariable String token, @PathVariable String decision) {
        SandboxCashier till = cashier.getObject();
        SandboxCashier.Outcome outcome = switch (decision) {
            case "approve" -> till.approve(token);
            case "decline" -> till.decline(token);
            case "time-out" -> till.timeOut(token);
            default -> null;
        };
        if (outcome == null || outcome == SandboxCashier.Outcome.NOT_PENDING) {
            throw org.citycard.api.ApiProblem.notFound("payment.not-pending", "No payment is waiting under that token.");
        }
        return ResponseEntity.ok(new Decision(outcome));
    }
}
