package org.citycard.api.bills;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.api.ApiProblem;
import org.citycard.bills.BillAccounts;
import org.citycard.bills.BillPayment;
import org.citycard.bills.BillPayments;
import org.citycard.bills.BillProblem;
import org.citycard.bills.Biller;
import org.citycard.bills.BoundAccount;
import org.citycard.bills.Statement;
import org.citycard.card.CitizenId;
import org.citycard.kernel.ChinaTime;
import org.citycard.kernel.Fen;
import org.citycard.payment.PaymentOrder;
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

/**
 * Bill payment for the mini-programs (role CITIZEN; an account or payment of anyone else answers 404): the billers,
 * binding an account (户号), what it owes now (asked of the biller), starting a payment (an {@code Idempotency-Key}
 * makes a repeated POST the same payment), which is then paid like any order with {@code POST /orders/{no}/pay},
 * and the payments with their write-off references.
 */
@RestController
@RequestMapping(path = "/api/mp/v1/bills", produces = "application/json")
class BillsController {

    private final BillAccounts accounts;
    private final BillPayments payments;
    private final org.citycard.bills.AutoPay autoPay;

    BillsController(BillAccounts accounts, BillPayments payments, org.citycard.bills.AutoPay autoPay) {
        this.accounts = accounts;
        this.payments = payments;
        this.autoPay = autoPay;
    }

    record AutoPaySign(Long monthlyCapFen) {
    }

    /** The account's auto-pay agreement (代扣), if any. */
    @GetMapping("/accounts/{id}/auto-pay")
    org.citycard.bills.AutoPay.Agreement autoPay(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return autoPay.of(citizen(jwt), accountId(id))
                .orElseThrow(() -> ApiProblem.notFound("bills.no-auto-pay", "This account has no auto-pay agreement."));
    }

    /** Signs an agreement: the wallet pays each bill on its due date, up to the monthly cap. */
    @org.springframework.web.bind.annotation.PutMapping("/accounts/{id}/auto-pay")
    ResponseEntity<org.citycard.bills.AutoPay.Agreement> signAutoPay(@AuthenticationPrincipal Jwt jwt,
                                                                     @PathVariable String id,
                                                                     @RequestBody(required = false) AutoPaySign body) {
        long cap = body == null || body.monthlyCapFen() == null ? 0 : body.monthlyCapFen();
        return switch (autoPay.sign(citizen(jwt), accountId(id), cap)) {
            case org.citycard.bills.AutoPay.Result.Signed signed ->
                    ResponseEntity.status(HttpStatus.CREATED).body(signed.agreement());
            case org.citycard.bills.AutoPay.Result.Refused refused -> throw problem(refused.problem(), null);
        };
    }

    @DeleteMapping("/accounts/{id}/auto-pay")
    ResponseEntity<Void> cancelAutoPay(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        if (!autoPay.cancel(citizen(jwt), accountId(id))) {
            throw ApiProblem.notFound("bills.no-auto-pay", "This account has no auto-pay agreement.");
        }
        return ResponseEntity.noContent().build();
    }

    /** A stopped agreement (three failed days) goes on. */
    @PostMapping("/accounts/{id}/auto-pay/resume")
    ResponseEntity<Void> resumeAutoPay(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        if (!autoPay.resume(citizen(jwt), accountId(id))) {
            throw ApiProblem.notFound("bills.no-stopped-auto-pay", "This account has no stopped auto-pay agreement.");
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * @param suspended true while billing staff have suspended the biller: nothing can be bound, asked or paid
     * @param notice    what staff say about a suspension (empty otherwise)
     */
    record BillerView(String id, String name, String kind, String chargeMode, String accountHint, boolean openNow,
                      boolean suspended, String notice) {
        static BillerView of(Biller b) {
            return new BillerView(b.id(), b.name(), b.kind().name(), b.chargeMode().name(), b.accountHint(),
                    b.enabled() && b.openAt(LocalTime.now(ChinaTime.ZONE)), !b.enabled(), b.enabled() ? "" : b.notice());
        }
    }

    record AccountView(UUID id, BillerView biller, String accountNoMasked, String nickname, String holderMasked,
                       String addressMasked, Instant boundAt) {
        static AccountView of(BoundAccount a) {
            return new AccountView(a.id(), BillerView.of(a.biller()), a.accountNoMasked(), a.nickname(),
                    a.holderMasked(), a.addressMasked(), a.boundAt());
        }
    }

    record BillView(String billId, String period, long amountFen, long lateFeeFen, long totalFen, LocalDate dueDate,
                    boolean overdue) {
    }

    record StatementView(AccountView account, long arrearsFen, long balanceFen, List<BillView> bills,
                         Instant queriedAt, PaymentView inFlight) {
    }

    record PaymentView(String id, UUID accountId, String billerId, String billerName, String accountNoMasked,
                       long amountFen, String billId, String orderNo, String state, String writeOffRef, String problem,
                       Instant createdAt, Instant paidAt, Instant writtenOffAt) {
        static PaymentView of(BillPayment p) {
            return new PaymentView(p.id(), p.accountId(), p.billerId(), p.billerName(), p.accountNoMasked(),
                    p.amountFen(), p.billId(), p.orderNo(), p.state().name(), p.writeOffRef(), p.problem(),
                    p.createdAt(), p.paidAt(), p.writtenOffAt());
        }
    }

    record Started(PaymentView payment, String orderNo, long amountFen, Instant expiresAt) {
        static Started of(BillPayment payment, PaymentOrder order) {
            return new Started(PaymentView.of(payment), order.no().value(), order.amountFen(), order.expiresAt());
        }
    }

    record Bind(String billerId, String accountNo, String nickname) {
    }

    record Pay(Long amountFen, String billId) {
    }

    @GetMapping("/billers")
    List<BillerView> billers() {
        return accounts.billers().stream().map(BillerView::of).toList();
    }

    @GetMapping("/accounts")
    List<AccountView> accounts(@AuthenticationPrincipal Jwt jwt) {
        return accounts.accounts(citizen(jwt)).stream().map(AccountView::of).toList();
    }

    @PostMapping("/accounts")
    ResponseEntity<AccountView> bind(@AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) Bind body) {
        if (body == null || body.billerId() == null) {
            throw ApiProblem.badParameter("billerId", "Name the biller (GET /bills/billers lists them).");
        }
        return switch (accounts.bind(citizen(jwt), body.billerId(), body.accountNo(), body.nickname())) {
            case BillAccounts.Result.Done<BoundAccount> done ->
                    ResponseEntity.status(HttpStatus.CREATED).body(AccountView.of(done.value()));
            case BillAccounts.Result.Refused<BoundAccount> refused -> throw problem(refused.problem(), null);
        };
    }

    @DeleteMapping("/accounts/{id}")
    ResponseEntity<Void> unbind(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        if (!accounts.unbind(citizen(jwt), accountId(id))) {
            throw problem(BillProblem.UNKNOWN_ACCOUNT, null);
        }
        return ResponseEntity.noContent().build();
    }

    /** What the account owes, asked of the biller now, and a payment of it still in flight. */
    @GetMapping("/accounts/{id}")
    StatementView statement(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        CitizenId citizen = citizen(jwt);
        UUID account = accountId(id);
        return switch (accounts.statement(citizen, account)) {
            case BillAccounts.Result.Done<Statement> done -> {
                Statement s = done.value();
                LocalDate today = LocalDate.now(ChinaTime.ZONE);
                Optional<BillPayment> inFlight = payments.ofAccount(citizen, account, 5).stream()
                        .filter(p -> p.state().inFlight()).findFirst();
                yield new StatementView(AccountView.of(s.account()), s.arrearsFen(), s.balanceFen(),
                        s.bills().stream().map(b -> new BillView(b.billId(), b.period(), b.amountFen(), b.lateFeeFen(),
                                b.totalFen(), b.dueDate(), b.overdue(today))).toList(),
                        s.queriedAt(), inFlight.map(PaymentView::of).orElse(null));
            }
            case BillAccounts.Result.Refused<Statement> refused -> throw problem(refused.problem(), null);
        };
    }

    @PostMapping("/accounts/{id}/payments")
    ResponseEntity<Started> pay(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
                                @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                @RequestBody(required = false) Pay body) {
        Long amount = body == null ? null : body.amountFen();
        String billId = body == null ? null : body.billId();
        if (key != null && !key.matches("[\\x21-\\x7e]{1,64}")) { // as every other payment start answers it
            throw ApiProblem.badParameter("Idempotency-Key", "Idempotency-Key is 1 to 64 visible ASCII characters.");
        }
        return switch (payments.start(citizen(jwt), accountId(id), amount, billId, key)) {
            case BillPayments.Start.Created created ->
                    ResponseEntity.status(HttpStatus.CREATED).body(Started.of(created.payment(), created.order()));
            case BillPayments.Start.Existing existing ->
                    ResponseEntity.ok(Started.of(existing.payment(), existing.order()));
            case BillPayments.Start.Refused refused -> throw problem(refused.problem(), refused.dueFen());
        };
    }

    @GetMapping("/accounts/{id}/payments")
    List<PaymentView> history(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        CitizenId citizen = citizen(jwt);
        UUID account = accountId(id);
        if (accounts.account(citizen, account).isEmpty()) {
            throw problem(BillProblem.UNKNOWN_ACCOUNT, null);
        }
        return payments.ofAccount(citizen, account, 100).stream().map(PaymentView::of).toList();
    }

    @GetMapping("/payments")
    List<PaymentView> payments(@AuthenticationPrincipal Jwt jwt) {
        return payments.ofCitizen(citizen(jwt), 100).stream().map(PaymentView::of).toList();
    }

    /** One payment as its receipt: with the biller's write-off reference once written off. */
    @GetMapping("/payments/{id}")
    PaymentView payment(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return payments.find(citizen(jwt), id).map(PaymentView::of)
                .orElseThrow(() -> ApiProblem.notFound("bills.unknown-payment", "No such payment of yours."));
    }

    private static UUID accountId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw problem(BillProblem.UNKNOWN_ACCOUNT, null);
        }
    }

    static ApiProblem problem(BillProblem problem, Long dueFen) {
        return switch (problem) {
            case UNKNOWN_ACCOUNT -> ApiProblem.notFound(problem.code(), "No such account of yours.");
            case UNKNOWN_BILLER -> new ApiProblem(HttpStatus.BAD_REQUEST, problem.code(),
                    "No such biller (GET /bills/billers lists them).", "billerId");
            case BAD_ACCOUNT_NUMBER -> new ApiProblem(HttpStatus.BAD_REQUEST, problem.code(),
                    "That is not an account number of this biller (see its accountHint).", "accountNo");
            case BAD_NICKNAME -> new ApiProblem(HttpStatus.BAD_REQUEST, problem.code(),
                    "A nickname is up to " + BillAccounts.NICKNAME_MAX + " characters of plain text.", "nickname");
            case BILLER_UNAVAILABLE -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, problem.code(),
                    "The biller is not answering just now; try again in a few minutes.", null);
            case PAYMENT_IN_PROGRESS -> new ApiProblem(HttpStatus.CONFLICT, problem.code(),
                    "A payment for this account is already in progress; see its state before paying again.", null);
            case KEY_REUSED -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, problem.code(),
                    "This Idempotency-Key was used for another payment.",
                    "Idempotency-Key");
            case AMOUNT_MISMATCH -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, problem.code(),
                    "This biller takes exactly what is owed: " + (dueFen == null ? "?" : Fen.of(dueFen).display())
                            + " (" + dueFen + " fen).", "amountFen");
            case AMOUNT_OUT_OF_RANGE -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, problem.code(),
                    "An amount is 1 fen to " + Fen.of(BillPayments.MAX_FEN).display() + ".", "amountFen");
            case BILL_REQUIRED -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, problem.code(),
                    "This biller takes one bill at a time: name it with billId.", "billId");
            case UNKNOWN_BILL -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, problem.code(),
                    "No such unpaid bill on this account.", "billId");
            case NOTHING_DUE -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, problem.code(),
                    "Nothing is owed on this account.", null);
            case BILLER_CLOSED -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, problem.code(),
                    "The biller takes payments only during its service hours.", null);
            case BILLER_SUSPENDED -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, problem.code(),
                    "This biller's service is suspended for now (see its notice in GET /bills/billers).", null);
            case TOO_MANY_ATTEMPTS -> new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, problem.code(),
                    "At most " + BillAccounts.BIND_TRIES_PER_DAY + " account numbers a day may be tried; try again tomorrow.",
                    null).retryTomorrow();
            case ACCOUNT_NOT_FOUND -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, problem.code(),
                    "The biller knows no such account.", "accountNo");
            case ACCOUNT_CLOSED -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, problem.code(),
                    "The biller has closed this account.", null);
            case ALREADY_BOUND -> new ApiProblem(HttpStatus.CONFLICT, problem.code(),
                    "You have bound this account already.", "accountNo");
            case CAP_OUT_OF_RANGE -> new ApiProblem(HttpStatus.BAD_REQUEST, problem.code(),
                    "A monthly cap is 1 fen to " + Fen.of(org.citycard.bills.AutoPay.MAX_CAP_FEN).display() + ".",
                    "monthlyCapFen");
            case AUTO_PAY_EXISTS -> new ApiProblem(HttpStatus.CONFLICT, problem.code(),
                    "This account has an auto-pay agreement already; cancel it to sign another.", null);
            case TOO_MANY_ACCOUNTS -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, problem.code(),
                    "At most " + BillAccounts.MAX_ACCOUNTS + " accounts; unbind one first.", null);
        };
    }

    private static CitizenId citizen(Jwt jwt) {
        return CitizenId.parse(jwt.getSubject()).orElseThrow(() -> ApiProblem.notFound("identity.unknown-citizen",
                "This account has no citizen data."));
    }
}
