package org.citycard.sandbox.payment;

import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.citycard.kernel.ChinaTime;
import org.citycard.kernel.Fen;
import org.citycard.sandbox.Html;
import org.citycard.sandbox.payment.SandboxGateway.Request;
import org.citycard.sandbox.payment.SandboxGateway.Response;

import tools.jackson.databind.json.JsonMapper;

/**
 * The cashier plays the citizen's phone, on the sandbox's own pages: {@code /cashier} lists the payments waiting
 * (the one of {@code ?order=} or {@code ?pr=} first and highlighted), each to approve, decline or leave to time out,
 * after which its channel notifies the nodes as the real one would. For scripts and mini-program developers the same
 * as JSON: {@code GET /payments}, {@code POST /payments/{token}/approve|decline|time-out}.
 */
final class CashierPages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ChinaTime.ZONE);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<SandboxCashier.Channel, String> CHANNELS = Map.of(SandboxCashier.Channel.WECHAT_PAY,
            "微信支付", SandboxCashier.Channel.ALIPAY, "支付宝", SandboxCashier.Channel.UNIONPAY, "云闪付");

    private final SandboxCashier cashier;

    CashierPages(SandboxCashier cashier) {
        this.cashier = cashier;
    }

    SandboxGateway.Simulator page() {
        return SandboxGateway.Simulator.plain("/cashier", this::cashier);
    }

    SandboxGateway.Simulator api() {
        return SandboxGateway.Simulator.plain("/payments", this::payments);
    }

    private Response payments(Request request) {
        String[] parts = request.path().split("/");
        if (request.method().equals("GET") && parts.length == 2) {
            return Html.json(200, JSON.writeValueAsString(cashier.pending()));
        }
        if (request.method().equals("POST") && parts.length == 4) {
            SandboxCashier.Outcome outcome = decide(parts[2], parts[3]);
            return outcome == null || outcome == SandboxCashier.Outcome.NOT_PENDING
                    ? Html.json(404, "{\"code\":\"payment.not-pending\",\"detail\":\"No payment is waiting under that token.\"}")
                    : Html.json(200, "{\"outcome\":\"" + outcome + "\"}");
        }
        return Html.json(404, "{\"code\":\"not-found\"}");
    }

    private SandboxCashier.Outcome decide(String token, String decision) {
        return switch (decision) {
            case "approve" -> cashier.approve(token);
            case "decline" -> cashier.decline(token);
            case "time-out" -> cashier.timeOut(token);
            default -> null;
        };
    }

    private Response cashier(Request request) {
        String outcome = "";
        String highlighted = request.query().getOrDefault("pr", "");
        if (request.method().equals("POST")) {
            Map<String, String> form = SandboxGateway.query(request.body());
            String token = form.getOrDefault("token", "");
            SandboxCashier.Pending payment = cashier.find(token).orElse(null);
            SandboxCashier.Outcome decided = decide(token, form.getOrDefault("decision", ""));
            outcome = decided == null ? "" : outcome(decided, payment);
        } else if (request.query().containsKey("order")) {
            highlighted = cashier.forOrder(request.query().get("order")).map(SandboxCashier.Pending::token).orElse("");
        }
        StringBuilder list = new StringBuilder();
        var pending = cashier.pending();
        for (SandboxCashier.Pending payment : pending) {
            boolean mine = payment.token().equals(highlighted);
            String card = "<section class=\"payment" + (mine ? " highlighted" : "") + "\" id=\"cashier-" + payment.token()
                    + "\" aria-labelledby=\"amount-" + payment.token() + "\"><h2 id=\"amount-" + payment.token() + "\">"
                    + Fen.of(payment.amountFen()).display() + "</h2><p>" + CHANNELS.get(payment.channel()) + " · "
                    + Html.escape(payment.subject()) + " · " + payment.orderNo() + " · " + TIME.format(payment.createdAt())
                    + "</p><form method=\"post\" action=\"/cashier\"><input type=\"hidden\" name=\"token\" value=\""
                    + payment.token() + "\">"
                    + "<button class=\"approve cashier-approve\" name=\"decision\" value=\"approve\">确认支付 "
                    + "<span lang=\"en\">Pay</span></button>"
                    + "<button class=\"cashier-decline\" name=\"decision\" value=\"decline\">拒绝 <span lang=\"en\">Decline</span></button>"
                    + "<button class=\"cashier-time-out\" name=\"decision\" value=\"time-out\">不支付（超时）"
                    + "<span lang=\"en\">Let it time out</span></button></form></section>";
            if (mine) {
                list.insert(0, card);
            } else {
                list.append(card);
            }
        }
        return Html.page("沙箱收银台 Sandbox cashier", "<h1>沙箱收银台 <span lang=\"en\">Sandbox cashier</span></h1>"
                + "<p class=\"note\">开发环境专用：这里扮演市民的手机。扫码后的付款在此确认、拒绝或任其超时，支付渠道随后像真实渠道一样发送签名通知（含重试和重复通知）。"
                + "<span lang=\"en\">Development only: this plays the citizen's phone.</span></p>"
                + "<p class=\"note\">特殊金额：分位为 66 的付款总被拒绝；分位为 77 的付款成功但通知丢失（由对账任务查询补单）；"
                + "分位为 88 的付款下单即被拒绝；分位为 66 的退款会失败。</p>"
                + "<div id=\"cashier-payments\" aria-live=\"polite\">" + outcome
                + (pending.isEmpty() ? "<p id=\"cashier-none\">现在没有等待支付的订单。<span lang=\"en\">Nothing is waiting.</span></p>"
                : list.toString()) + "</div><p><a href=\"/cashier\" id=\"cashier-refresh\">刷新 <span lang=\"en\">Refresh</span></a></p>");
    }

    private static String outcome(SandboxCashier.Outcome outcome, SandboxCashier.Pending payment) {
        String amount = payment == null ? "" : Fen.of(payment.amountFen()).display();
        String order = payment == null ? "" : payment.orderNo();
        String text = switch (outcome) {
            case PAID -> "已支付 " + amount + "（订单 " + order + "），通知已发出。";
            case DECLINED -> "已拒绝 " + amount + "（订单 " + order + "）。";
            case TIMED_OUT -> "未支付 " + amount + "（订单 " + order + "），等它过期。";
            case NOT_PENDING -> "这笔付款已不在等待支付。";
        };
        return "<p class=\"outcome\" id=\"cashier-outcome\" role=\"status\">" + text + "</p>";
    }
}
