package org.citycard.api.orders;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.citycard.api.ApiProblem;
import org.citycard.kernel.Fen;
import org.citycard.card.CitizenId;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Refunds;
import org.citycard.payment.Scene;
import org.citycard.wallet.TopUps;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The citizen's orders (role CITIZEN): {@code POST /orders} creates a wallet top-up (an {@code Idempotency-Key}
 * makes a repeated POST return the first order) within the rules {@code GET /orders/top-up-rules} gives,
 * {@code POST /orders/{no}/pay} pays an order of any service with a channel, and the history. Anyone else's order
 * number answers 404.
 */
@RestController
@RequestMapping("/api/mp/v1/orders")
class OrderController {

    private static final java.util.regex.Pattern IDEMPOTENCY_KEY = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,64}");

    private final PaymentOrders orders;
    private final Refunds refunds;
    private final Checkout checkout;
    private final TopUps topUps;

    OrderController(PaymentOrders orders, Refunds refunds, Checkout checkout, TopUps topUps) {
        this.orders = orders;
        this.refunds = refunds;
        this.checkout = checkout;
        this.topUps = topUps;
    }

    record TopUp(Long amountFen) {
    }

    record Pay(String channel, String scene) {
    }

    record OrderView(String orderNo, String purpose, long amountFen, String subject, String state, String channel,
                     Instant createdAt, Instant expiresAt, Instant paidAt, long refundedFen) {
        static OrderView of(PaymentOrder o) {
            return new OrderView(o.no().value(), o.purpose().kind(), o.amountFen(), o.subject(), o.state().name(),
                    o.channel() == null ? null : o.channel().name(), o.createdAt(), o.expiresAt(), o.paidAt(),
                    o.refundedFen());
        }
    }

    /**
     * One order as its receipt: the order, the channel's transaction number, its refunds (not who asked for them),
     * and any second payment through a channel the order no longer used, going back automatically.
     */
    record Receipt(String orderNo, String purpose, long amountFen, String subject, String state, String channel,
                   Instant createdAt, Instant expiresAt, Instant paidAt, long refundedFen, String channelTradeNo,
                   List<RefundView> refunds, List<ReturnedView> returned) {
    }

    /**
     * {@code stillOwed}: the channel refused it and finance has not yet refunded it again or returned it otherwise;
     * {@code byHand}: finance returned it outside any channel (a bank transfer, cash), as its reason says.
     */
    record RefundView(String refundNo, long amountFen, String state, String reason, Instant requestedAt,
                      Instant decidedAt, boolean stillOwed, boolean byHand) {
    }

    record ReturnedView(String channel, long amountFen, String refundNo, String state) {
    }

    @PostMapping
    ResponseEntity<OrderView> topUp(@AuthenticationPrincipal Jwt jwt,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                    @RequestBody(required = false) TopUp body) {
        CitizenId citizen = citizen(jwt);
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ApiProblem.badParameter("Idempotency-Key",
                    "Idempotency-Key is 1 to 64 visible ASCII characters (a UUID, say).");
        }
        long fen = body == null || body.amountFen() == null ? 0 : body.amountFen();
        TopUps.Rules rules = topUps.rules();
        return switch (topUps.start(citizen, fen, key)) {
            case TopUps.Result.Created created -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(OrderView.of(created.order()));
            case TopUps.Result.Existing existing -> ResponseEntity.ok(OrderView.of(existing.order()));
            case TopUps.Result.Refused(TopUps.Problem problem) when problem == TopUps.Problem.AMOUNT_OUT_OF_RANGE ->
                    throw ApiProblem.badParameter("amountFen", "A top-up is between %s and %s yuan (%d to %d fen)."
                            .formatted(Fen.of(rules.minFen()).yuan(), Fen.of(rules.maxFen()).yuan(), rules.minFen(),
                                    rules.maxFen()));
            case TopUps.Result.Refused(TopUps.Problem problem) when problem == TopUps.Problem.NO_WALLET ->
                    throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "wallet.no-wallet",
                            "The wallet opens with the citizen card.", null);
            case TopUps.Result.Refused(TopUps.Problem problem) -> throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT,
                    "payment.key-reused", "This Idempotency-Key was used for another order.", "Idempotency-Key");
        };
    }

    /** What a top-up may be, and the amounts to offer with one tap (fen). */
    @GetMapping("/top-up-rules")
    TopUps.Rules topUpRules() {
        return topUps.rules();
    }

    @GetMapping
    List<OrderView> mine(@AuthenticationPrincipal Jwt jwt) {
        return orders.ofCitizen(citizen(jwt), 50).stream().map(OrderView::of).toList();
    }

    @GetMapping("/{no}")
    Receipt one(@AuthenticationPrincipal Jwt jwt, @PathVariable String no) {
        PaymentOrder o = own(jwt, no);
        return new Receipt(o.no().value(), o.purpose().kind(), o.amountFen(), o.subject(), o.state().name(),
                o.channel() == null ? null : o.channel().name(), o.createdAt(), o.expiresAt(), o.paidAt(),
                o.refundedFen(), o.channelTradeNo(),
                refunds.of(o.no()).stream().map(r -> new RefundView(r.refundNo(), r.amountFen(), r.state().name(),
                        r.reason(), r.requestedAt(), r.decidedAt(), r.state() == PaymentOrders.RefundState.FAILED
                        && r.refusedByChannel() && r.followUp() == null, r.byHand())).toList(),
                orders.returned(o.no()).stream().map(r -> new ReturnedView(r.channel().name(), r.amountFen(),
                        r.refundNo(), r.state().name())).toList());
    }

    /** Pays with a channel; the answer carries what the mini-program needs to let the citizen confirm. */
    @PostMapping("/{no}/pay")
    Map<String, Object> pay(@AuthenticationPrincipal Jwt jwt, @PathVariable String no,
                            @RequestBody(required = false) Pay body) {
        PaymentOrder order = own(jwt, no);
        ChannelId channel = parse(ChannelId.class, body == null ? null : body.channel(), "channel");
        Scene scene = body == null || body.scene() == null ? defaultScene(channel)
                : parse(Scene.class, body.scene(), "scene");
        return switch (checkout.pay(order.citizen(), order.no(), channel, scene)) {
            case Checkout.Result.Paid paid -> Map.of("order", OrderView.of(paid.order()));
            case Checkout.Result.Confirm confirm -> Map.of("order", OrderView.of(confirm.order()),
                    "clientParameters", confirm.clientParameters());
            case Checkout.Result.Refused refused -> throw refusal(refused.reason(), order);
        };
    }

    /** A refused payment: the order stays payable (another channel, or later) unless it was not payable at all. */
    private static ApiProblem refusal(Checkout.Reason reason, PaymentOrder order) {
        return switch (reason) {
            case CHANNEL_UNAVAILABLE -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, reason.code(),
                    "The payment channel cannot be reached just now: try again shortly, or pay another way.", "channel")
                    .retryAfter(java.time.Duration.ofMinutes(1));
            case PAYING_ELSEWHERE -> new ApiProblem(HttpStatus.CONFLICT, reason.code(),
                    "This order is waiting to be paid with " + order.channel() + ", which cannot withdraw it yet: finish"
                            + " paying there, or start again after the order runs out at " + order.expiresAt()
                            + ". Nothing is charged twice.", "channel")
                    .retryAfter(java.time.Duration.ofMinutes(1));
            case INSUFFICIENT_FUNDS -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, reason.code(),
                    "The wallet does not hold enough: top it up, or pay another way.", "channel");
            case CARD_FROZEN -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, reason.code(),
                    "The citizen card is frozen after a loss report, so its wallet cannot pay: pay another way.", "channel");
            case DAILY_LIMIT_EXCEEDED -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, reason.code(),
                    "This payment would pass the wallet's daily limit: pay another way, or tomorrow.", "channel");
            case CHANNEL_NOT_FOR_ORDER -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, reason.code(),
                    "This order cannot be paid that way (the wallet never tops itself up): pay another way.", "channel");
            case SCENE_NOT_SUPPORTED -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, reason.code(),
                    "This channel does not pay in that scene: choose another scene or channel.", "scene");
            case NOT_PAYABLE -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, reason.code(),
                    "This order can no longer be paid (paid, closed or run out).", null);
            default -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, reason.code(),
                    "The payment channel declined this payment: pay another way.", "channel");
        };
    }

    private static Scene defaultScene(ChannelId channel) {
        return switch (channel) {
            case WECHAT_PAY -> Scene.WECHAT_MINI_PROGRAM;
            case ALIPAY -> Scene.ALIPAY_MINI_PROGRAM;
            case UNIONPAY -> Scene.WEB_QR;
            case WALLET -> Scene.WALLET;
        };
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String parameter) {
        try {
            return Enum.valueOf(type, text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badParameter(parameter, "Unknown " + parameter + ".");
        }
    }

    private PaymentOrder own(Jwt jwt, String no) {
        CitizenId citizen = citizen(jwt);
        return OrderNo.parse(no).flatMap(n -> orders.find(citizen, n))
                .orElseThrow(() -> ApiProblem.notFound("payment.unknown-order", "No such order."));
    }

    private static CitizenId citizen(Jwt jwt) {
        return CitizenId.parse(jwt.getSubject()).orElseThrow(() -> ApiProblem.notFound("identity.unknown-citizen",
                "This account has no citizen data."));
    }
}
