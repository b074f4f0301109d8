package org.citycard.sandbox.payment;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.citycard.kernel.Fen;
import org.citycard.sandbox.payment.SandboxCashier.Channel;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Alipay's OpenAPI gateway as CityCard uses it: {@code alipay.trade.create} (mini-program), {@code
 * alipay.trade.precreate} (QR), query, close, refund and refund query, with the app's RSA2 signature checked over
 * the sorted parameters and every answer signed by the gateway's own key, always HTTP 200 as Alipay does. Paid and
 * closed trades are notified with a signed form POST ({@code trade_status_sync}) until the merchant answers
 * {@code success}.
 */
public final class AlipaySimulator implements SandboxGateway.Simulator, SandboxCashier.Till {

    static final String APP_ID = "2021000000000001";
    static final String SELLER_ID = "2088000000000001";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(org.citycard.kernel.ChinaTime.ZONE);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final KeyPair appKeys;
    private final KeyPair gatewayKeys;
    private final String gatewaySigningKey;
    private final Clock clock;
    private final SandboxCashier cashier;
    private final NotificationCourier courier;
    private final Map<String, Trade> trades = new ConcurrentHashMap<>();
    private final Map<String, Refund> refunds = new ConcurrentHashMap<>();
    private final Map<String, byte[]> bills = new ConcurrentHashMap<>();

    private record Refund(String requestNo, String outTradeNo, long amount, Instant at) {
    }
    /** A test switch: sign answers with a key Alipay does not have. */
    volatile boolean forgeAnswers;

    private static final class Trade {
        final String outTradeNo;
        final long total;
        final String subject;
        final String buyerId;
        final String notifyUrl;
        final String token;
        final Instant createdAt;
        String status = "WAIT_BUYER_PAY";
        /**
         * A QR code's trade exists at Alipay only once someone scans it: until then it can be neither asked about nor
         * closed, and still be paid until it expires. A mini-program trade (with its buyer) exists at once.
         */
        volatile boolean scanned;
        volatile Instant expiresAt;
        String tradeNo;
        Instant paidAt;
        long refunded;

        Trade(String outTradeNo, long total, String subject, String buyerId, String notifyUrl, String token,
              Instant createdAt) {
            this.outTradeNo = outTradeNo;
            this.total = total;
            this.subject = subject;
            this.buyerId = buyerId;
            this.notifyUrl = notifyUrl;
            this.token = token;
            this.createdAt = createdAt;
        }
    }

    AlipaySimulator(Clock clock, SandboxCashier cashier, NotificationCourier courier, SandboxKeys keys) {
        appKeys = keys.rsa("alipay-app");
        gatewayKeys = keys.rsa("alipay-gateway");
        gatewaySigningKey = base64(gatewayKeys.getPrivate().getEncoded());
        this.clock = clock;
        this.cashier = cashier;
        this.courier = courier;
    }

    String appPrivateKey() {
        return base64(appKeys.getPrivate().getEncoded());
    }

    String gatewayPublicKey() {
        return base64(gatewayKeys.getPublic().getEncoded());
    }

    @Override
    public String prefix() {
        return "/";
    }

    @Override
    public boolean overTls() {
        return false;
    }

    @Override
    public SandboxGateway.Response handle(SandboxGateway.Request request) {
        if (request.path().equals("/billdownload")) {
            byte[] bill = bills.get(request.query().getOrDefault("token", ""));
            return bill == null ? new SandboxGateway.Response(404, Map.of(), "")
                    : new SandboxGateway.Response(200, Map.of("Content-Type", "application/zip"), null, bill);
        }
        if (!request.path().equals("/gateway.do")) {
            return new SandboxGateway.Response(404, Map.of(), "");
        }
        Map<String, String> parameters = new HashMap<>(request.query());
        parameters.putAll(SandboxGateway.query(request.body()));
        String method = parameters.getOrDefault("method", "");
        String root = method.replace('.', '_') + "_response";
        boolean signed;
        try {
            signed = AlipaySignature.rsaCheckV2(new HashMap<>(parameters), base64(appKeys.getPublic().getEncoded()),
                    "UTF-8", "RSA2");
        } catch (AlipayApiException e) {
            signed = false;
        }
        if (!signed || !APP_ID.equals(parameters.get("app_id"))) {
            return error("error_response", "40002", "isv.invalid-signature", "验签出错");
        }
        JsonNode biz = JSON.readTree(parameters.getOrDefault("biz_content", "{}"));
        return switch (method) {
            case "alipay.trade.create", "alipay.trade.precreate" -> prepay(root, method, biz, parameters.get("notify_url"));
            case "alipay.trade.query" -> query(root, biz.path("out_trade_no").asString(""));
            case "alipay.trade.close" -> close(root, biz.path("out_trade_no").asString(""));
            case "alipay.trade.refund" -> refund(root, biz);
            case "alipay.trade.fastpay.refund.query" -> refundQuery(root, biz);
            case "alipay.data.dataservice.bill.downloadurl.query" -> billUrl(root, biz, "http://" + request.header("host"));
            default -> error("error_response", "40004", "isv.invalid-method", "不存在的方法名");
        };
    }

    private SandboxGateway.Response prepay(String root, String method, JsonNode biz, String notifyUrl) {
        String outTradeNo = biz.path("out_trade_no").asString("");
        long total = Fen.parseYuan(biz.path("total_amount").asString("0")).map(Fen::value).orElse(-1L);
        String buyerId = biz.path("buyer_id").asString("");
        if (outTradeNo.isBlank() || total <= 0 || notifyUrl == null || notifyUrl.isBlank()) {
            return error(root, "40004", "ACQ.INVALID_PARAMETER", "参数无效");
        }
        if (method.equals("alipay.trade.create") && buyerId.isBlank()) {
            return error(root, "40004", "ACQ.BUYER_NOT_EXIST", "买家不存在");
        }
        if (SandboxCashier.magic(total, SandboxCashier.REFUSED)) {
            return error(root, "40004", "ACQ.ACCESS_FORBIDDEN", "无权限使用接口 (sandbox: amounts ending in .88)");
        }
        Trade trade = trades.computeIfAbsent(outTradeNo, no -> new Trade(no, total, biz.path("subject").asString(""),
                buyerId, notifyUrl, SandboxIds.token(12), clock.instant()));
        if (method.equals("alipay.trade.create")) {
            trade.scanned = true;
        }
        if (!biz.path("time_expire").asString("").isBlank()) {
            trade.expiresAt = java.time.LocalDateTime.parse(biz.path("time_expire").asString(), TIME)
                    .atZone(org.citycard.kernel.ChinaTime.ZONE).toInstant();
        }
        if (trade.total != total) {
            return error(root, "40004", "ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改");
        }
        if (!trade.status.equals("WAIT_BUYER_PAY")) {
            return error(root, "40004", "ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
        }
        if (trade.tradeNo == null) {
            trade.tradeNo = TIME.format(clock.instant()).replaceAll("\\D", "").substring(0, 8) + "2200" + SandboxIds.digits(16);
        }
        cashier.waiting(new SandboxCashier.Pending(trade.token, Channel.ALIPAY, outTradeNo, total, trade.subject,
                trade.createdAt), this);
        ObjectNode node = success();
        node.put("out_trade_no", outTradeNo);
        if (method.equals("alipay.trade.create")) {
            node.put("trade_no", trade.tradeNo);
        } else {
            node.put("qr_code", "https://qr.alipay.com/bax0" + trade.token);
        }
        return answer(root, node);
    }

    private SandboxGateway.Response query(String root, String outTradeNo) {
        Trade trade = trades.get(outTradeNo);
        if (trade == null || !trade.scanned) {
            return error(root, "40004", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        ObjectNode node = success();
        node.put("trade_no", trade.tradeNo).put("out_trade_no", outTradeNo).put("trade_status", trade.status)
                .put("total_amount", Fen.of(trade.total).yuan()).put("buyer_user_id", trade.buyerId);
        if (trade.paidAt != null) {
            node.put("send_pay_date", TIME.format(trade.paidAt));
        }
        return answer(root, node);
    }

    private SandboxGateway.Response close(String root, String outTradeNo) {
        Trade trade = trades.get(outTradeNo);
        if (trade == null || !trade.scanned) {
            // nobody scanned it: there is nothing to close, and the code stays payable until it expires
            return error(root, "40004", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        synchronized (trade) {
            if (!trade.status.equals("WAIT_BUYER_PAY") && !trade.status.equals("TRADE_CLOSED")) {
                return error(root, "40004", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
            }
            trade.status = "TRADE_CLOSED";
        }
        cashier.gone(trade.token);
        ObjectNode node = success();
        node.put("trade_no", trade.tradeNo).put("out_trade_no", outTradeNo);
        return answer(root, node);
    }

    private SandboxGateway.Response refund(String root, JsonNode biz) {
        Trade trade = trades.get(biz.path("out_trade_no").asString(""));
        String requestNo = biz.path("out_request_no").asString("");
        long amount = Fen.parseYuan(biz.path("refund_amount").asString("0")).map(Fen::value).orElse(-1L);
        if (trade == null) {
            return error(root, "40004", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }
        synchronized (trade) {
            Refund earlier = refunds.get(requestNo);
            if (earlier == null) {
                if (!trade.status.equals("TRADE_SUCCESS")) {
                    return error(root, "40004", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
                }
                if (SandboxCashier.magic(amount, SandboxCashier.DECLINED)) {
                    return error(root, "40004", "ACQ.REFUND_FEE_ERROR", "退款金额无效 (sandbox: .66)");
                }
                if (amount <= 0 || trade.refunded + amount > trade.total) {
                    return error(root, "40004", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限");
                }
                trade.refunded += amount;
                refunds.put(requestNo, new Refund(requestNo, trade.outTradeNo, amount, clock.instant()));
            }
        }
        ObjectNode node = success();
        node.put("trade_no", trade.tradeNo).put("out_trade_no", trade.outTradeNo).put("fund_change", "Y")
                .put("refund_fee", Fen.of(trade.refunded).yuan()).put("buyer_user_id", trade.buyerId);
        notify(trade, Map.of("out_biz_no", requestNo, "refund_fee", Fen.of(trade.refunded).yuan(),
                "gmt_refund", TIME.format(clock.instant())));
        return answer(root, node);
    }

    private SandboxGateway.Response refundQuery(String root, JsonNode biz) {
        Refund refund = refunds.get(biz.path("out_request_no").asString(""));
        Long amount = refund == null ? null : refund.amount();
        ObjectNode node = success();
        node.put("out_trade_no", biz.path("out_trade_no").asString("")).put("out_request_no",
                biz.path("out_request_no").asString(""));
        if (amount != null) {
            node.put("refund_status", "REFUND_SUCCESS").put("refund_amount", Fen.of(amount).yuan());
        }
        return answer(root, node);
    }

    /**
     * The day's business statement (China time) as Alipay hands it out: a zip holding a GBK CSV of the business
     * lines ("业务明细") with #-comment header and footer; the service fee is 0.6%, shown as a deduction.
     */
    private SandboxGateway.Response billUrl(String root, JsonNode biz, String billBase) {
        java.time.LocalDate day;
        try {
            day = java.time.LocalDate.parse(biz.path("bill_date").asString(""));
        } catch (java.time.format.DateTimeParseException e) {
            return error(root, "40004", "isp.bill_not_exist", "账单不存在");
        }
        StringBuilder csv = new StringBuilder("#支付宝业务明细查询\r\n#账号：[" + SELLER_ID + "0156]\r\n"
                + "#起始日期：[" + day + " 00:00:00]   终止日期：[" + day.plusDays(1) + " 00:00:00]\r\n"
                + "#-----------------------------------------业务明细列表----------------------------------------\r\n"
                + "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,"
                + "商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,"
                + "卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\r\n");
        int trades = 0;
        int refundCount = 0;
        for (Trade trade : this.trades.values()) {
            if (trade.paidAt != null && onDay(trade.paidAt, day)) {
                csv.append(String.join(",", trade.tradeNo, trade.outTradeNo, "交易", trade.subject,
                        TIME.format(trade.createdAt), TIME.format(trade.paidAt), "", "", "", "", "2088****9999",
                        Fen.of(trade.total).yuan(), Fen.of(trade.total).yuan(), "0.00", "0.00", "0.00", "0.00", "0.00", "", "0.00",
                        "0.00", "", Fen.of(-Math.round(trade.total * 0.006)).yuan(), "0.00", "")).append("\r\n");
                trades++;
            }
        }
        for (Refund refund : refunds.values()) {
            Trade trade = this.trades.get(refund.outTradeNo());
            if (onDay(refund.at(), day)) {
                csv.append(String.join(",", trade.tradeNo, trade.outTradeNo, "退款", trade.subject,
                        TIME.format(trade.createdAt), TIME.format(refund.at()), "", "", "", "", "2088****9999",
                        Fen.of(-refund.amount()).yuan(), Fen.of(-refund.amount()).yuan(), "0.00", "0.00", "0.00", "0.00", "0.00", "",
                        "0.00", "0.00", refund.requestNo(), Fen.of(Math.round(refund.amount() * 0.006)).yuan(), "0.00", ""))
                        .append("\r\n");
                refundCount++;
            }
        }
        csv.append("#-----------------------------------------业务明细列表结束------------------------------------\r\n")
                .append("#交易合计：").append(trades).append("笔\r\n#退款合计：").append(refundCount).append("笔\r\n");
        try {
            var zipped = new java.io.ByteArrayOutputStream();
            try (var zip = new java.util.zip.ZipOutputStream(zipped, java.nio.charset.Charset.forName("GBK"))) {
                String base = SELLER_ID + "0156_" + day.toString().replace("-", "");
                zip.putNextEntry(new java.util.zip.ZipEntry(base + "_业务明细.csv"));
                zip.write(csv.toString().getBytes(java.nio.charset.Charset.forName("GBK")));
                zip.closeEntry();
                zip.putNextEntry(new java.util.zip.ZipEntry(base + "_业务明细(汇总).csv"));
                zip.write(("#交易合计：" + trades + "笔\r\n").getBytes(java.nio.charset.Charset.forName("GBK")));
                zip.closeEntry();
            }
            String token = SandboxIds.token(24);
            bills.put(token, zipped.toByteArray());
            ObjectNode node = success();
            node.put("bill_download_url", billBase + "/billdownload?token=" + token);
            return answer(root, node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean onDay(Instant instant, java.time.LocalDate day) {
        return instant.atZone(org.citycard.kernel.ChinaTime.ZONE).toLocalDate().equals(day);
    }

    @Override
    public SandboxCashier.Outcome decide(String token, SandboxCashier.Outcome wanted) {
        Trade trade = trades.values().stream().filter(t -> t.token.equals(token)).findFirst().orElse(null);
        if (trade == null) {
            return SandboxCashier.Outcome.NOT_PENDING;
        }
        synchronized (trade) {
            if (!trade.status.equals("WAIT_BUYER_PAY")
                    || trade.expiresAt != null && !clock.instant().isBefore(trade.expiresAt)) {
                return SandboxCashier.Outcome.NOT_PENDING;
            }
            SandboxCashier.Outcome outcome = SandboxCashier.effective(wanted, trade.total);
            if (outcome != SandboxCashier.Outcome.TIMED_OUT) {
                trade.scanned = true;
            }
            if (outcome == SandboxCashier.Outcome.TIMED_OUT) {
                return outcome;
            }
            if (outcome == SandboxCashier.Outcome.DECLINED) {
                // Alipay closes a trade the buyer could not pay, and says so
                trade.status = "TRADE_CLOSED";
            } else {
                trade.status = "TRADE_SUCCESS";
                trade.paidAt = clock.instant();
            }
        }
        if (trade.status.equals("TRADE_CLOSED")) {
            notify(trade, Map.of("gmt_close", TIME.format(clock.instant())));
            return SandboxCashier.Outcome.DECLINED;
        }
        if (!SandboxCashier.magic(trade.total, SandboxCashier.NOTIFICATION_LOST)) {
            notify(trade, Map.of("gmt_payment", TIME.format(trade.paidAt)));
        }
        return SandboxCashier.Outcome.PAID;
    }

    /** For tests and the benchmark: the signed form of a notification about a trade as it stands. */
    String notification(String outTradeNo, String status, long total) {
        Trade trade = trades.get(outTradeNo);
        Map<String, String> form = form(trade, Map.of());
        form.put("trade_status", status);
        form.put("total_amount", Fen.of(total).yuan());
        return sign(form);
    }

    private void notify(Trade trade, Map<String, String> extra) {
        courier.send(new NotificationCourier.Letter(trade.notifyUrl, "application/x-www-form-urlencoded; charset=utf-8",
                () -> Map.of("", sign(form(trade, extra))), response -> response.body().strip().equals("success")));
    }

    private Map<String, String> form(Trade trade, Map<String, String> extra) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("notify_time", TIME.format(clock.instant()));
        form.put("notify_type", "trade_status_sync");
        form.put("notify_id", SandboxIds.token(32));
        form.put("app_id", APP_ID);
        form.put("charset", "utf-8");
        form.put("version", "1.0");
        form.put("trade_no", trade.tradeNo);
        form.put("out_trade_no", trade.outTradeNo);
        form.put("buyer_id", trade.buyerId.isBlank() ? "2088000000009999" : trade.buyerId);
        form.put("seller_id", SELLER_ID);
        form.put("trade_status", trade.status);
        form.put("total_amount", Fen.of(trade.total).yuan());
        form.put("subject", trade.subject);
        form.put("gmt_create", TIME.format(trade.createdAt));
        form.putAll(extra);
        return form;
    }

    /** Signs the sorted parameters (without {@code sign} and {@code sign_type}) with RSA2, and encodes the form. */
    private String sign(Map<String, String> form) {
        try {
            String signature = AlipaySignature.rsa256Sign(AlipaySignature.getSignCheckContentV1(form),
                    forgeAnswers ? base64(SandboxCertificates.impostor().getPrivate().getEncoded()) : gatewaySigningKey, "UTF-8");
            Map<String, String> signed = new LinkedHashMap<>(form);
            signed.put("sign_type", "RSA2");
            signed.put("sign", signature);
            return org.citycard.kernel.FormFields.encode(signed);
        } catch (AlipayApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode success() {
        ObjectNode node = JSON.createObjectNode();
        node.put("code", "10000").put("msg", "Success");
        return node;
    }

    private SandboxGateway.Response error(String root, String code, String subCode, String subMessage) {
        ObjectNode node = JSON.createObjectNode();
        node.put("code", code).put("msg", code.equals("40002") ? "Invalid Arguments" : "Business Failed")
                .put("sub_code", subCode).put("sub_msg", subMessage);
        return answer(root, node);
    }

    private SandboxGateway.Response answer(String root, ObjectNode node) {
        String content = node.toString();
        try {
            String sign = AlipaySignature.rsa256Sign(content,
                    forgeAnswers ? base64(SandboxCertificates.impostor().getPrivate().getEncoded()) : gatewaySigningKey, "UTF-8");
            return new SandboxGateway.Response(200, Map.of("Content-Type", "text/html;charset=utf-8"),
                    "{\"" + root + "\":" + content + ",\"sign\":\"" + sign + "\"}");
        } catch (AlipayApiException e) {
            throw new IllegalStateException(e);
        }
    }



    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
