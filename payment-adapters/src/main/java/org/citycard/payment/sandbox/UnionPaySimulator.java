package org.citycard.payment.sandbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.x500.X500Name;
import org.citycard.payment.ChannelId;
import org.citycard.payment.unionpay.AcpSignature;

/**
 * UnionPay's ACP 5.1.0 back-end gateway as CityCard uses it: apply for a QR code (consume, txnSubType 07), query,
 * refund, and the payment and refund notifications. Requests must be signed by the merchant's certificate named by
 * {@code certId}; answers and notifications carry the sandbox's "UnionPay" signing certificate, which chains
 * through a middle certificate to the sandbox's UnionPay root, as the real ones do. Answers are {@code k=v&…}
 * without URL encoding, as UnionPay writes them.
 */
final class UnionPaySimulator implements SandboxGateway.Simulator, SandboxCashier.Till {

    static final String MER_ID = "777290058110048";
    static final String SIGNER = "中国银联股份有限公司";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final KeyPair rootKeys = SandboxCertificates.rsa();
    final X509Certificate root;
    private final KeyPair middleKeys = SandboxCertificates.rsa();
    final X509Certificate middle;
    private final KeyPair signerKeys = SandboxCertificates.rsa();
    private final String signerPem;
    private final KeyPair impostorKeys = SandboxCertificates.rsa();
    private final String impostorPem;
    final KeyPair merchantKeys = SandboxCertificates.rsa();
    final X509Certificate merchant;
    private final Clock clock;
    private final SandboxCashier cashier;
    private final NotificationCourier courier;
    private final Map<String, Trade> trades = new ConcurrentHashMap<>();
    private final Map<String, Refund> refunds = new ConcurrentHashMap<>();
    /** A test switch: sign with a certificate that looks like UnionPay's but is not issued by its CA. */
    volatile boolean forgeAnswers;

    private static final class Trade {
        final String orderId;
        final long amount;
        final String backUrl;
        final String token;
        final Instant createdAt;
        final String queryId;
        String origRespCode = "05";

        Trade(String orderId, long amount, String backUrl, String token, Instant createdAt, String queryId) {
            this.orderId = orderId;
            this.amount = amount;
            this.backUrl = backUrl;
            this.token = token;
            this.createdAt = createdAt;
            this.queryId = queryId;
        }
    }

    private record Refund(String orderId, String origOrderId, long amount, String respCode, String queryId,
                          String reqReserved) {
    }

    UnionPaySimulator(Clock clock, SandboxCashier cashier, NotificationCourier courier) {
        this.clock = clock;
        this.cashier = cashier;
        this.courier = courier;
        try {
            X500Name rootName = new X500Name("CN=CityCard sandbox UnionPay Root CA");
            X500Name middleName = new X500Name("CN=CityCard sandbox UnionPay Middle CA");
            root = SandboxCertificates.certificate(rootName, rootKeys, rootName, rootKeys, true, List.of());
            middle = SandboxCertificates.certificate(middleName, middleKeys, rootName, rootKeys, true, List.of());
            signerPem = pem(SandboxCertificates.certificate(new X500Name("CN=" + SIGNER + ",OU=00040000:SIGN,O=UnionPay"),
                    signerKeys, middleName, middleKeys, false, List.of("sandbox.95516.com")));
            impostorPem = pem(SandboxCertificates.certificate(new X500Name("CN=" + SIGNER + ",OU=00040000:SIGN"),
                    impostorKeys, new X500Name("CN=Someone else"), impostorKeys, false, List.of("sandbox.95516.com")));
            X500Name merchantName = new X500Name("CN=" + MER_ID + ",O=CityCard sandbox merchant");
            merchant = SandboxCertificates.certificate(merchantName, merchantKeys, merchantName, merchantKeys, false,
                    List.of("merchant.invalid"));
        } catch (Exception e) {
            throw new IllegalStateException("could not create the UnionPay sandbox certificates", e);
        }
    }

    /** The merchant's signing certificate and key as UnionPay hands them out: a PKCS#12 store. */
    KeyStore merchantStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("sign", merchantKeys.getPrivate(), password, new X509Certificate[] {merchant});
            return store;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String prefix() {
        return "/gateway/api/";
    }

    @Override
    public SandboxGateway.Response handle(SandboxGateway.Request request) {
        Map<String, String> fields = SandboxGateway.query(request.body());
        if (!merchant.getSerialNumber().toString().equals(fields.get("certId"))
                || !AcpSignature.verify(fields, merchant.getPublicKey())) {
            return answer(echo(fields, "11", "验证签名失败"));
        }
        if (!MER_ID.equals(fields.get("merId"))) {
            return answer(echo(fields, "10", "商户号不存在"));
        }
        return switch (request.path()) {
            case "/gateway/api/backTransReq.do" -> switch (String.valueOf(fields.get("txnType"))) {
                case "01" -> applyQr(fields);
                case "04" -> refund(fields);
                default -> answer(echo(fields, "40", "交易类型不支持"));
            };
            case "/gateway/api/queryTrans.do" -> query(fields);
            default -> new SandboxGateway.Response(404, Map.of(), "");
        };
    }

    private SandboxGateway.Response applyQr(Map<String, String> fields) {
        long amount = parse(fields.get("txnAmt"));
        String orderId = fields.getOrDefault("orderId", "");
        if (amount <= 0 || orderId.isBlank() || fields.get("backUrl") == null) {
            return answer(echo(fields, "30", "报文格式错误"));
        }
        if (SandboxCashier.magic(amount, SandboxCashier.REFUSED)) {
            return answer(echo(fields, "01", "交易失败 (sandbox: amounts ending in .88)"));
        }
        Trade trade = trades.computeIfAbsent(orderId, no -> new Trade(no, amount, fields.get("backUrl"),
                SandboxIds.token(12), clock.instant(), TIME.format(clock.instant()) + SandboxIds.digits(7)));
        if (trade.amount != amount || !trade.origRespCode.equals("05")) {
            return answer(echo(fields, "12", "重复交易"));
        }
        cashier.waiting(new SandboxCashier.Pending(trade.token, ChannelId.UNIONPAY, orderId, amount, "云闪付订单",
                trade.createdAt), this);
        Map<String, String> answer = echo(fields, "00", "成功[0000000]");
        answer.put("qrCode", "https://qr.95516.com/00010000/01" + trade.token);
        return answer(answer);
    }

    private SandboxGateway.Response query(Map<String, String> fields) {
        String orderId = fields.getOrDefault("orderId", "");
        Trade trade = trades.get(orderId);
        Refund refund = refunds.get(orderId);
        if (trade == null && refund == null) {
            return answer(echo(fields, "34", "查无此交易"));
        }
        Map<String, String> answer = echo(fields, "00", "成功[0000000]");
        answer.put("origRespCode", trade != null ? trade.origRespCode : refund.respCode());
        answer.put("queryId", trade != null ? trade.queryId : refund.queryId());
        answer.put("txnAmt", Long.toString(trade != null ? trade.amount : refund.amount()));
        return answer(answer);
    }

    private SandboxGateway.Response refund(Map<String, String> fields) {
        String orderId = fields.getOrDefault("orderId", "");
        long amount = parse(fields.get("txnAmt"));
        if (refunds.containsKey(orderId)) {
            return answer(echo(fields, "12", "重复交易"));
        }
        Trade trade = trades.values().stream().filter(t -> t.queryId.equals(fields.get("origQryId"))).findFirst()
                .orElse(null);
        if (trade == null || !trade.origRespCode.equals("00")) {
            return answer(echo(fields, "35", "原交易不存在或状态不正确"));
        }
        Refund refund;
        synchronized (trade) {
            long refunded = refunds.values().stream().filter(r -> r.origOrderId().equals(trade.orderId)
                    && r.respCode().equals("00")).mapToLong(Refund::amount).sum();
            if (amount <= 0 || refunded + amount > trade.amount) {
                return answer(echo(fields, "30", "退货金额超限"));
            }
            refund = new Refund(orderId, trade.orderId, amount,
                    SandboxCashier.magic(amount, SandboxCashier.DECLINED) ? "01" : "00",
                    TIME.format(clock.instant()) + SandboxIds.digits(7), fields.getOrDefault("reqReserved", ""));
            refunds.put(orderId, refund);
        }
        Map<String, String> notice = echo(fields, refund.respCode(), refund.respCode().equals("00") ? "成功" : "退货失败");
        notice.put("queryId", refund.queryId());
        notice.put("origQryId", trade.queryId);
        notice.put("txnAmt", Long.toString(amount));
        notice.put("reqReserved", refund.reqReserved());
        notify(fields.getOrDefault("backUrl", trade.backUrl), notice);
        return answer(echo(fields, "00", "成功[0000000]"));
    }

    @Override
    public SandboxCashier.Outcome decide(String token, SandboxCashier.Outcome wanted) {
        Trade trade = trades.values().stream().filter(t -> t.token.equals(token)).findFirst().orElse(null);
        if (trade == null) {
            return SandboxCashier.Outcome.NOT_PENDING;
        }
        SandboxCashier.Outcome outcome;
        synchronized (trade) {
            if (!trade.origRespCode.equals("05")) {
                return SandboxCashier.Outcome.NOT_PENDING;
            }
            outcome = SandboxCashier.effective(wanted, trade.amount);
            if (outcome == SandboxCashier.Outcome.TIMED_OUT) {
                return outcome;
            }
            trade.origRespCode = outcome == SandboxCashier.Outcome.PAID ? "00" : "01";
        }
        if (outcome == SandboxCashier.Outcome.PAID && SandboxCashier.magic(trade.amount, SandboxCashier.NOTIFICATION_LOST)) {
            return outcome;
        }
        notify(trade.backUrl, paymentNotice(trade, trade.origRespCode, trade.amount));
        return outcome;
    }

    private Map<String, String> paymentNotice(Trade trade, String respCode, long amount) {
        Map<String, String> notice = new LinkedHashMap<>();
        notice.put("version", "5.1.0");
        notice.put("encoding", "UTF-8");
        notice.put("signMethod", "01");
        notice.put("txnType", "01");
        notice.put("txnSubType", "07");
        notice.put("bizType", "000000");
        notice.put("accessType", "0");
        notice.put("merId", MER_ID);
        notice.put("orderId", trade.orderId);
        notice.put("txnTime", TIME.format(trade.createdAt));
        notice.put("txnAmt", Long.toString(amount));
        notice.put("currencyCode", "156");
        notice.put("queryId", trade.queryId);
        notice.put("respCode", respCode);
        notice.put("respMsg", respCode.equals("00") ? "成功" : "交易失败");
        notice.put("settleDate", TIME.format(clock.instant()).substring(4, 8));
        return notice;
    }

    /** For tests and the benchmark: the signed, URL-encoded notification of a trade, for any amount. */
    String notification(String orderId, long amount) {
        return encode(signed(paymentNotice(trades.get(orderId), "00", amount)));
    }

    private void notify(String backUrl, Map<String, String> fields) {
        courier.send(new NotificationCourier.Letter(backUrl, "application/x-www-form-urlencoded; charset=UTF-8",
                () -> Map.of("", encode(signed(new LinkedHashMap<>(fields)))), response -> response.statusCode() == 200));
    }

    /** The request's own fields, with the answer's code and message. */
    private static Map<String, String> echo(Map<String, String> request, String respCode, String respMsg) {
        Map<String, String> answer = new LinkedHashMap<>();
        for (String name : List.of("version", "encoding", "signMethod", "txnType", "txnSubType", "bizType",
                "accessType", "merId", "orderId", "txnTime", "txnAmt", "currencyCode", "reqReserved")) {
            if (request.get(name) != null) {
                answer.put(name, request.get(name));
            }
        }
        answer.put("respCode", respCode);
        answer.put("respMsg", respMsg);
        return answer;
    }

    private Map<String, String> signed(Map<String, String> fields) {
        fields.remove("signature");
        fields.put("signPubKeyCert", forgeAnswers ? impostorPem : signerPem);
        fields.put("signature", AcpSignature.sign(fields, forgeAnswers ? impostorKeys.getPrivate()
                : signerKeys.getPrivate()));
        return fields;
    }

    /** As UnionPay answers: {@code k=v&…}, not URL-encoded. */
    private SandboxGateway.Response answer(Map<String, String> fields) {
        String body = signed(fields).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return new SandboxGateway.Response(200, Map.of("Content-Type", "text/plain;charset=UTF-8"), body);
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\r\n" + Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded()) + "\r\n-----END CERTIFICATE-----";
    }

    private static long parse(String fen) {
        try {
            return Long.parseLong(fen);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
