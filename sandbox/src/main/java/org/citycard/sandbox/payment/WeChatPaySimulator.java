package org.citycard.sandbox.payment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.citycard.kernel.Fen;
import org.citycard.sandbox.payment.SandboxCashier.Channel;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * WeChat Pay API v3 as CityCard uses it: JSAPI and Native prepay, query, close, refund and refund query, and the
 * payment and refund notifications. Requests must carry a valid {@code WECHATPAY2-SHA256-RSA2048} signature from
 * the merchant key; answers are signed with the sandbox's "WeChat Pay public key"; notifications are signed and
 * their resource encrypted with AEAD_AES_256_GCM under the APIv3 key, exactly as the real service does.
 */
public final class WeChatPaySimulator implements SandboxGateway.Simulator, SandboxCashier.Till {

    static final String MCH_ID = "1900000109";
    static final String APP_ID = "wxsandbox0000001";
    static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000001092026112100000001";
    private static final Pattern AUTHORIZATION = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final KeyPair merchantKeys;
    final String merchantSerialNo;
    private final KeyPair platformKeys;
    final String apiV3Key;
    private final Clock clock;
    private final SandboxCashier cashier;
    private final NotificationCourier courier;
    private final Map<String, Trade> trades = new ConcurrentHashMap<>();
    private final Map<String, RefundRecord> refunds = new ConcurrentHashMap<>();
    private final Map<String, byte[]> bills = new ConcurrentHashMap<>();
    /** A test switch: sign answers with a key WeChat Pay does not have, as an impostor would. */
    volatile boolean forgeAnswers;

    private static final class Trade {
        final String outTradeNo;
        final String appId;
        final String tradeType;
        final String description;
        final long total;
        final String notifyUrl;
        final String openId;
        final String token;
        final Instant createdAt;
        String state = "NOTPAY";
        String transactionId;
        Instant successTime;
        long refunded;

        Trade(String outTradeNo, String appId, String tradeType, String description, long total, String notifyUrl,
              String openId, String token, Instant createdAt) {
            this.outTradeNo = outTradeNo;
            this.appId = appId;
            this.tradeType = tradeType;
            this.description = description;
            this.total = total;
            this.notifyUrl = notifyUrl;
            this.openId = openId;
            this.token = token;
            this.createdAt = createdAt;
        }
    }

    private record RefundRecord(String outRefundNo, String refundId, String outTradeNo, long amount, String status,
                                Instant createdAt, String notifyUrl) {
    }

    /** The platform certificate (the older key mode), over the same key pair as the public key. */
    final java.security.cert.X509Certificate platformCertificate;
    /** What answers name in Wechatpay-Serial: the public key's id, or the platform certificate's serial. */
    private final String signingSerial;

    WeChatPaySimulator(Clock clock, SandboxCashier cashier, NotificationCourier courier, boolean platformCertificates,
                       SandboxKeys keys) {
        this.clock = clock;
        this.cashier = cashier;
        this.courier = courier;
        merchantKeys = keys.rsa("wechatpay-merchant");
        merchantSerialNo = keys.secret("wechatpay-merchant-serial",
                () -> HexFormat.of().withUpperCase().formatHex(SandboxIds.bytes(20)));
        platformKeys = keys.rsa("wechatpay-platform");
        apiV3Key = keys.secret("wechatpay-api-v3-key", () -> SandboxIds.token(32));
        org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name(
                "CN=Tenpay.com Root CA sandbox platform certificate");
        platformCertificate = keys.certificate("wechatpay-platform", () -> SandboxCertificates.certificate(name,
                platformKeys, name, platformKeys, false, java.util.List.of("api.mch.weixin.qq.com")));
        signingSerial = platformCertificates
                ? platformCertificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT) : PUBLIC_KEY_ID;
    }

    PublicKey platformPublicKey() {
        return platformKeys.getPublic();
    }

    @Override
    public String prefix() {
        return "/v3/";
    }

    @Override
    public SandboxGateway.Response handle(SandboxGateway.Request request) {
        String refusal = checkSignature(request);
        if (refusal != null) {
            return error(401, "SIGN_ERROR", refusal);
        }
        String path = request.path();
        JsonNode body = request.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(request.body());
        if (request.method().equals("POST") && path.equals("/v3/pay/transactions/jsapi")) {
            return prepay(body, "JSAPI");
        }
        if (request.method().equals("POST") && path.equals("/v3/pay/transactions/native")) {
            return prepay(body, "NATIVE");
        }
        if (request.method().equals("GET") && path.startsWith("/v3/pay/transactions/out-trade-no/")) {
            Trade trade = trades.get(path.substring("/v3/pay/transactions/out-trade-no/".length()));
            return trade == null ? error(404, "ORDER_NOT_EXIST", "订单不存在") : answer(200, transaction(trade));
        }
        if (request.method().equals("POST") && path.startsWith("/v3/pay/transactions/out-trade-no/")
                && path.endsWith("/close")) {
            return close(path.substring("/v3/pay/transactions/out-trade-no/".length(), path.length() - "/close".length()));
        }
        if (request.method().equals("POST") && path.equals("/v3/refund/domestic/refunds")) {
            return refund(body);
        }
        if (request.method().equals("GET") && path.startsWith("/v3/refund/domestic/refunds/")) {
            RefundRecord refund = refunds.get(path.substring("/v3/refund/domestic/refunds/".length()));
            return refund == null ? error(404, "RESOURCE_NOT_EXISTS", "退款单不存在") : answer(200, refundJson(refund));
        }
        if (request.method().equals("GET") && path.equals("/v3/certificates")) {
            return certificates();
        }
        if (request.method().equals("GET") && path.equals("/v3/bill/tradebill")) {
            return tradeBill(request);
        }
        if (request.method().equals("GET") && path.equals("/v3/billdownload/file")) {
            byte[] bill = bills.get(request.query().getOrDefault("token", ""));
            return bill == null ? error(404, "NO_STATEMENT_EXIST", "账单文件不存在")
                    : new SandboxGateway.Response(200, Map.of("Content-Type", "application/octet-stream"), null, bill);
        }
        return error(404, "NOT_FOUND", "no such API in the sandbox: " + path);
    }

    /**
     * The day's trade bill (China time), as WeChat Pay writes it: a header, one CSV line per payment and refund with
     * every value behind a back-tick, then a summary; the fee is 0.6%, in yuan to five places.
     */
    private SandboxGateway.Response tradeBill(SandboxGateway.Request request) {
        java.time.LocalDate day;
        try {
            day = java.time.LocalDate.parse(request.query().getOrDefault("bill_date", ""));
        } catch (java.time.format.DateTimeParseException e) {
            return error(400, "PARAM_ERROR", "bill_date 格式错误");
        }
        StringBuilder csv = new StringBuilder("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
                + "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
                + "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n");
        long count = 0;
        long paid = 0;
        long refunded = 0;
        java.math.BigDecimal fees = java.math.BigDecimal.ZERO;
        for (Trade trade : trades.values()) {
            if (trade.successTime != null && onDay(trade.successTime, day)) {
                java.math.BigDecimal fee = fee(trade.total);
                csv.append(line(time(trade.successTime).replace('T', ' ').substring(0, 19), trade.appId, MCH_ID, "0", "",
                        trade.transactionId, trade.outTradeNo, trade.openId, trade.tradeType, "SUCCESS", "OTHERS",
                        "CNY", Fen.of(trade.total).yuan(), "0.00", "0", "0", "0.00", "0.00", "", "", trade.description, "",
                        fee.toPlainString(), "0.60%", Fen.of(trade.total).yuan(), "0.00", ""));
                count++;
                paid += trade.total;
                fees = fees.add(fee);
            }
        }
        for (RefundRecord refund : refunds.values()) {
            Trade trade = trades.get(refund.outTradeNo());
            if (refund.status().equals("SUCCESS") && onDay(refund.createdAt(), day)) {
                java.math.BigDecimal fee = fee(refund.amount()).negate();
                csv.append(line(time(refund.createdAt()).replace('T', ' ').substring(0, 19), trade.appId, MCH_ID, "0", "",
                        trade.transactionId, trade.outTradeNo, trade.openId, trade.tradeType, "REFUND", "OTHERS",
                        "CNY", "0.00", "0.00", refund.refundId(), refund.outRefundNo(), Fen.of(refund.amount()).yuan(), "0.00",
                        "ORIGINAL", "SUCCESS", trade.description, "", fee.toPlainString(), "0.60%", "0.00",
                        Fen.of(refund.amount()).yuan(), ""));
                count++;
                refunded += refund.amount();
                fees = fees.add(fee);
            }
        }
        csv.append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n");
        csv.append(line(Long.toString(count), Fen.of(paid).yuan(), Fen.of(refunded).yuan(), "0.00", fees.toPlainString(), Fen.of(paid).yuan(),
                Fen.of(refunded).yuan()));
        byte[] bill = csv.toString().getBytes(StandardCharsets.UTF_8);
        String token = SandboxIds.token(24);
        bills.put(token, bill);
        ObjectNode answer = JSON.createObjectNode();
        try {
            answer.put("hash_type", "SHA1").put("hash_value", java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-1").digest(bill)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        answer.put("download_url", "https://" + request.header("host") + "/v3/billdownload/file?token=" + token);
        return answer(200, answer);
    }

    /** The platform certificates, each encrypted under the APIv3 key, as {@code GET /v3/certificates} returns them. */
    private SandboxGateway.Response certificates() {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(platformCertificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
            String nonce = SandboxIds.token(12);
            ObjectNode answer = JSON.createObjectNode();
            ObjectNode item = answer.putArray("data").addObject();
            item.put("serial_no", platformCertificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT))
                    .put("effective_time", time(platformCertificate.getNotBefore().toInstant()))
                    .put("expire_time", time(platformCertificate.getNotAfter().toInstant()));
            item.putObject("encrypt_certificate").put("algorithm", "AEAD_AES_256_GCM").put("nonce", nonce)
                    .put("associated_data", "certificate").put("ciphertext", encrypt(pem, "certificate", nonce));
            return answer(200, answer);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean onDay(Instant instant, java.time.LocalDate day) {
        return instant.atZone(CHINA).toLocalDate().equals(day);
    }

    private static java.math.BigDecimal fee(long fen) {
        return java.math.BigDecimal.valueOf(fen * 6, 5).setScale(5, java.math.RoundingMode.HALF_UP);
    }

    private static String line(String... values) {
        return java.util.Arrays.stream(values).map(v -> "`" + v).collect(java.util.stream.Collectors.joining(","))
                + "\r\n";
    }

    /** The merchant's request signature: message {@code METHOD\nURL\ntimestamp\nnonce\nbody\n}. */
    private String checkSignature(SandboxGateway.Request request) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.startsWith("WECHATPAY2-SHA256-RSA2048 ")) {
            return "missing or unknown Authorization scheme";
        }
        Map<String, String> parts = new LinkedHashMap<>();
        Matcher matcher = AUTHORIZATION.matcher(authorization);
        while (matcher.find()) {
            parts.put(matcher.group(1), matcher.group(2));
        }
        if (!MCH_ID.equals(parts.get("mchid")) || !merchantSerialNo.equals(parts.get("serial_no"))) {
            return "unknown merchant or certificate serial";
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(parts.getOrDefault("timestamp", ""));
        } catch (NumberFormatException e) {
            return "bad timestamp";
        }
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > 300) {
            return "timestamp too far from now";
        }
        String message = request.method() + "\n" + request.pathAndQuery() + "\n" + timestamp + "\n"
                + parts.get("nonce_str") + "\n" + request.body() + "\n";
        return verify(merchantKeys.getPublic(), message, parts.getOrDefault("signature", "")) ? null
                : "signature does not verify";
    }

    private SandboxGateway.Response prepay(JsonNode body, String tradeType) {
        String outTradeNo = body.path("out_trade_no").asString("");
        long total = body.path("amount").path("total").asLong(0);
        String notifyUrl = body.path("notify_url").asString("");
        if (!MCH_ID.equals(body.path("mchid").asString("")) || !APP_ID.equals(body.path("appid").asString(""))) {
            return error(400, "PARAM_ERROR", "appid 和 mch_id 不匹配");
        }
        if (outTradeNo.isBlank() || total <= 0 || notifyUrl.isBlank()) {
            return error(400, "PARAM_ERROR", "out_trade_no, amount.total and notify_url are required");
        }
        String openId = body.path("payer").path("openid").asString("");
        if (tradeType.equals("JSAPI") && openId.isBlank()) {
            return error(400, "PARAM_ERROR", "JSAPI 支付必须传 openid");
        }
        if (SandboxCashier.magic(total, SandboxCashier.REFUSED)) {
            return error(403, "NO_AUTH", "商户无权限 (sandbox: amounts ending in .88 are always refused)");
        }
        Trade trade = trades.computeIfAbsent(outTradeNo, no -> new Trade(no, APP_ID, tradeType,
                body.path("description").asString(""), total, notifyUrl, openId, SandboxIds.token(12), clock.instant()));
        if (trade.total != total || !trade.tradeType.equals(tradeType)) {
            return error(400, "INVALID_REQUEST", "201 商户订单号重复");
        }
        if (!trade.state.equals("NOTPAY")) {
            return error(400, trade.state.equals("SUCCESS") ? "ORDERPAID" : "ORDER_CLOSED", "订单状态不允许: " + trade.state);
        }
        cashier.waiting(new SandboxCashier.Pending(trade.token, Channel.WECHAT_PAY, outTradeNo, total,
                trade.description, trade.createdAt), this);
        ObjectNode answer = JSON.createObjectNode();
        if (tradeType.equals("JSAPI")) {
            answer.put("prepay_id", "wx" + trade.token);
        } else {
            answer.put("code_url", "weixin://wxpay/bizpayurl?pr=" + trade.token);
        }
        return answer(200, answer);
    }

    private SandboxGateway.Response close(String outTradeNo) {
        Trade trade = trades.get(outTradeNo);
        if (trade == null) {
            return error(404, "ORDER_NOT_EXIST", "订单不存在");
        }
        synchronized (trade) {
            if (trade.state.equals("SUCCESS") || trade.state.equals("REFUND")) {
                return error(400, "ORDERPAID", "订单已支付");
            }
            trade.state = "CLOSED";
        }
        cashier.gone(trade.token);
        return answer(204, null);
    }

    @Override
    public SandboxCashier.Outcome decide(String token, SandboxCashier.Outcome wanted) {
        Trade trade = trades.values().stream().filter(t -> t.token.equals(token)).findFirst().orElse(null);
        if (trade == null) {
            return SandboxCashier.Outcome.NOT_PENDING;
        }
        synchronized (trade) {
            if (!trade.state.equals("NOTPAY")) {
                return SandboxCashier.Outcome.NOT_PENDING;
            }
            SandboxCashier.Outcome outcome = SandboxCashier.effective(wanted, trade.total);
            if (outcome != SandboxCashier.Outcome.PAID) {
                trade.state = outcome == SandboxCashier.Outcome.DECLINED ? "PAYERROR" : trade.state;
                return outcome;
            }
            trade.state = "SUCCESS";
            trade.transactionId = "42000" + SandboxIds.digits(23);
            trade.successTime = clock.instant();
        }
        if (!SandboxCashier.magic(trade.total, SandboxCashier.NOTIFICATION_LOST)) {
            notify(trade.notifyUrl, "TRANSACTION.SUCCESS", "支付成功", "transaction", () -> transaction(trade));
        }
        return SandboxCashier.Outcome.PAID;
    }

    private SandboxGateway.Response refund(JsonNode body) {
        String outTradeNo = body.path("out_trade_no").asString("");
        String outRefundNo = body.path("out_refund_no").asString("");
        long amount = body.path("amount").path("refund").asLong(0);
        Trade trade = trades.get(outTradeNo);
        if (trade == null) {
            return error(404, "RESOURCE_NOT_EXISTS", "订单不存在");
        }
        RefundRecord existing = refunds.get(outRefundNo);
        if (existing != null) {
            return existing.amount() == amount ? answer(200, refundJson(existing))
                    : error(400, "INVALID_REQUEST", "退款单号重复但金额不同");
        }
        if (body.path("amount").path("total").asLong(0) != trade.total) {
            return error(400, "PARAM_ERROR", "订单金额不一致");
        }
        RefundRecord record;
        synchronized (trade) {
            if (!trade.state.equals("SUCCESS") && !trade.state.equals("REFUND")) {
                return error(403, "NOT_ENOUGH", "订单未支付");
            }
            if (amount <= 0 || trade.refunded + amount > trade.total) {
                return error(400, "INVALID_REQUEST", "退款金额超过可退金额");
            }
            boolean fails = SandboxCashier.magic(amount, SandboxCashier.DECLINED);
            trade.refunded += fails ? 0 : amount;
            trade.state = fails ? trade.state : "REFUND";
            record = new RefundRecord(outRefundNo, "50300" + SandboxIds.digits(24), outTradeNo, amount,
                    fails ? "CLOSED" : "SUCCESS", clock.instant(), body.path("notify_url").asString(trade.notifyUrl));
            refunds.put(outRefundNo, record);
        }
        notify(record.notifyUrl(), "REFUND." + record.status(), "退款" + (record.status().equals("SUCCESS") ? "成功" : "异常"),
                "refund", () -> refundNotice(record));
        // the refund is accepted now and settled by the notification, as WeChat Pay does
        ObjectNode processing = refundJson(record);
        processing.put("status", "PROCESSING");
        return answer(200, processing);
    }

    private ObjectNode transaction(Trade trade) {
        ObjectNode json = JSON.createObjectNode();
        json.put("appid", trade.appId).put("mchid", MCH_ID).put("out_trade_no", trade.outTradeNo)
                .put("trade_type", trade.tradeType).put("trade_state", trade.state)
                .put("trade_state_desc", switch (trade.state) {
                    case "SUCCESS" -> "支付成功";
                    case "REFUND" -> "转入退款";
                    case "CLOSED" -> "已关闭";
                    case "PAYERROR" -> "支付失败";
                    default -> "未支付";
                }).put("attach", "");
        if (trade.transactionId != null) {
            json.put("transaction_id", trade.transactionId).put("bank_type", "OTHERS")
                    .put("success_time", time(trade.successTime));
            json.putObject("payer").put("openid", trade.openId.isBlank() ? "o-sandbox-scanner" : trade.openId);
        }
        json.putObject("amount").put("total", trade.total).put("payer_total", trade.transactionId == null ? 0 : trade.total)
                .put("currency", "CNY").put("payer_currency", "CNY");
        return json;
    }

    private ObjectNode refundJson(RefundRecord refund) {
        Trade trade = trades.get(refund.outTradeNo());
        ObjectNode json = JSON.createObjectNode();
        json.put("refund_id", refund.refundId()).put("out_refund_no", refund.outRefundNo())
                .put("transaction_id", trade.transactionId).put("out_trade_no", refund.outTradeNo())
                .put("channel", "ORIGINAL").put("user_received_account", "支付用户零钱")
                .put("create_time", time(refund.createdAt())).put("status", refund.status());
        if (refund.status().equals("SUCCESS")) {
            json.put("success_time", time(refund.createdAt()));
        }
        json.putObject("amount").put("total", trade.total).put("refund", refund.amount())
                .put("payer_total", trade.total).put("payer_refund", refund.amount()).put("currency", "CNY");
        return json;
    }

    private ObjectNode refundNotice(RefundRecord refund) {
        Trade trade = trades.get(refund.outTradeNo());
        ObjectNode json = JSON.createObjectNode();
        json.put("mchid", MCH_ID).put("out_trade_no", refund.outTradeNo()).put("transaction_id", trade.transactionId)
                .put("out_refund_no", refund.outRefundNo()).put("refund_id", refund.refundId())
                .put("refund_status", refund.status()).put("user_received_account", "支付用户零钱");
        if (refund.status().equals("SUCCESS")) {
            json.put("success_time", time(refund.createdAt()));
        }
        json.putObject("amount").put("total", trade.total).put("refund", refund.amount())
                .put("payer_total", trade.total).put("payer_refund", refund.amount());
        return json;
    }

    /** A notification: the plain resource encrypted under the APIv3 key, the whole signed by WeChat Pay. */
    private void notify(String url, String eventType, String summary, String originalType,
                        java.util.function.Supplier<ObjectNode> resource) {
        courier.send(new NotificationCourier.Letter(url, "application/json",
                () -> event(eventType, summary, originalType, resource.get()), response -> response.statusCode() / 100 == 2));
    }

    /**
     * For tests and the benchmark: a payment notification for a trade, built and signed afresh; {@code total}
     * other than the trade's makes a genuine but mismatching one.
     */
    public Map<String, String> paymentNotification(String outTradeNo, long total) {
        Trade trade = trades.get(outTradeNo);
        ObjectNode resource = transaction(trade);
        if (trade.transactionId == null) {
            resource.put("trade_state", "SUCCESS").put("trade_state_desc", "支付成功")
                    .put("transaction_id", "42000" + SandboxIds.digits(23)).put("success_time", time(clock.instant()));
            resource.putObject("payer").put("openid", "o-sandbox-scanner");
        }
        resource.putObject("amount").put("total", total).put("payer_total", total).put("currency", "CNY")
                .put("payer_currency", "CNY");
        return event("TRANSACTION.SUCCESS", "支付成功", "transaction", resource);
    }

    /** For tests: a refund notification the merchant never asked for (or has not heard of yet). */
    Map<String, String> refundNotification(String outTradeNo, String outRefundNo, long amount) {
        ObjectNode json = JSON.createObjectNode();
        json.put("mchid", MCH_ID).put("out_trade_no", outTradeNo).put("transaction_id", "42000" + SandboxIds.digits(23))
                .put("out_refund_no", outRefundNo).put("refund_id", "50300" + SandboxIds.digits(24)).put("refund_status", "SUCCESS")
                .put("user_received_account", "支付用户零钱").put("success_time", time(clock.instant()));
        json.putObject("amount").put("total", amount).put("refund", amount).put("payer_total", amount)
                .put("payer_refund", amount);
        return event("REFUND.SUCCESS", "退款成功", "refund", json);
    }

    private Map<String, String> event(String eventType, String summary, String originalType, ObjectNode resource) {
        String nonce = SandboxIds.token(12);
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "EV-" + SandboxIds.digits(20)).put("create_time", time(clock.instant())).put("resource_type", "encrypt-resource")
                .put("event_type", eventType).put("summary", summary);
        event.putObject("resource").put("original_type", originalType).put("algorithm", "AEAD_AES_256_GCM")
                .put("ciphertext", encrypt(resource.toString(), originalType, nonce))
                .put("associated_data", originalType).put("nonce", nonce);
        String body = event.toString();
        Map<String, String> parts = new LinkedHashMap<>(signatureHeaders(body));
        parts.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        parts.put("", body);
        return parts;
    }

    private String encrypt(String plain, String associatedData, String nonce) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private SandboxGateway.Response answer(int status, ObjectNode json) {
        String body = json == null ? "" : json.toString();
        Map<String, String> headers = new LinkedHashMap<>(signatureHeaders(body));
        headers.put("Request-ID", SandboxIds.token(24));
        if (json != null) {
            headers.put("Content-Type", "application/json; charset=utf-8");
        }
        return new SandboxGateway.Response(status, headers, body);
    }

    private SandboxGateway.Response error(int status, String code, String message) {
        ObjectNode json = JSON.createObjectNode();
        json.put("code", code).put("message", message);
        return answer(status, json);
    }

    private Map<String, String> signatureHeaders(String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = SandboxIds.token(32);
        String signature = sign(forgeAnswers ? SandboxCertificates.impostor().getPrivate() : platformKeys.getPrivate(),
                timestamp + "\n" + nonce + "\n" + body + "\n");
        return Map.of("Wechatpay-Timestamp", timestamp, "Wechatpay-Nonce", nonce, "Wechatpay-Serial", signingSerial,
                "Wechatpay-Signature", signature);
    }

    static String sign(PrivateKey key, String message) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verify(PublicKey key, String message, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String time(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), CHINA).format(RFC3339);
    }
}
