package org.citycard.sandbox.payment;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.x500.X500Name;


/**
 * UnionPay's ACP 5.1.0 back-end gateway as CityCard uses it: apply for a QR code (consume, txnSubType 07), query,
 * refund, and the payment and refund notifications. Requests must be signed by the merchant's certificate named by
 * {@code certId}; answers and notifications carry the sandbox's "UnionPay" signing certificate, which chains
 * through a middle certificate to the sandbox's UnionPay root, as the real ones do. Answers are {@code k=v&…}
 * without URL encoding, as UnionPay writes them.
 */
public final class UnionPaySimulator implements SandboxGateway.Simulator, SandboxCashier.Till {

    static final String MER_ID = "777290058110048";
    static final String SIGNER = "中国银联股份有限公司";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(org.citycard.kernel.ChinaTime.ZONE);
    private static final DateTimeFormatter SETTLE_DATE = DateTimeFormatter.ofPattern("MMdd")
            .withZone(org.citycard.kernel.ChinaTime.ZONE);
    /** The ZM file's field widths in bytes, as UnionPay's file interface specification lists them. */
    private static final int[] ZM_WIDTHS = {3, 11, 11, 6, 10, 19, 12, 4, 2, 21, 2, 32, 2, 6, 10, 13, 13, 4, 15, 2,
            2, 6, 2, 4, 32, 1, 21, 15, 1, 15, 32, 13, 13, 8, 32, 13, 13, 12, 2, 1, 32, 98};

    private final KeyPair rootKeys;
    final X509Certificate root;
    private final KeyPair middleKeys;
    final X509Certificate middle;
    private final KeyPair signerKeys;
    private final String signerPem;
    /** An impostor's certificate that names UnionPay but was not issued by its CA; made when a test first asks. */
    private volatile String impostorPem;
    final KeyPair merchantKeys;
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
        volatile Instant paidAt;

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
                          String reqReserved, Instant at) {
    }

    UnionPaySimulator(Clock clock, SandboxCashier cashier, NotificationCourier courier, SandboxKeys keys) {
        this.clock = clock;
        this.cashier = cashier;
        this.courier = courier;
        rootKeys = keys.rsa("unionpay-root");
        middleKeys = keys.rsa("unionpay-middle");
        signerKeys = keys.rsa("unionpay-signer");
        merchantKeys = keys.rsa("unionpay-merchant");
        X500Name rootName = new X500Name("CN=CityCard sandbox UnionPay Root CA");
        X500Name middleName = new X500Name("CN=CityCard sandbox UnionPay Middle CA");
        root = keys.certificate("unionpay-root",
                () -> SandboxCertificates.certificate(rootName, rootKeys, rootName, rootKeys, true, List.of()));
        middle = keys.certificate("unionpay-middle",
                () -> SandboxCertificates.certificate(middleName, middleKeys, rootName, rootKeys, true, List.of()));
        try {
            signerPem = pem(keys.certificate("unionpay-signer", () -> SandboxCertificates.certificate(
                    new X500Name("CN=" + SIGNER + ",OU=00040000:SIGN,O=UnionPay"), signerKeys, middleName, middleKeys,
                    false, List.of("sandbox.95516.com"))));
        } catch (Exception e) {
            throw new IllegalStateException("could not write the UnionPay sandbox signer certificate", e);
        }
        X500Name merchantName = new X500Name("CN=" + MER_ID + ",O=CityCard sandbox merchant");
        merchant = keys.certificate("unionpay-merchant", () -> SandboxCertificates.certificate(merchantName,
                merchantKeys, merchantName, merchantKeys, false, List.of("merchant.invalid")));
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

    /** The gateway's back-end API under /gateway/api/, and the file transfer at the root of its own host. */
    @Override
    public String prefix() {
        return "/";
    }

    @Override
    public SandboxGateway.Response handle(SandboxGateway.Request request) {
        Map<String, String> fields = SandboxGateway.query(request.body());
        if (!merchant.getSerialNumber().toString().equals(fields.get("certId"))
                || !AcpSigner.verify(fields, merchant.getPublicKey())) {
            return answer(echo(fields, "11", "验证签名失败"));
        }
        if (!MER_ID.equals(fields.get("merId"))) {
            return answer(echo(fields, "10", "商户号不存在"));
        }
        if (request.path().equals("/") && String.valueOf(request.header("host")).startsWith("filedownload.95516.com")) {
            return "76".equals(fields.get("txnType")) ? settlementFile(fields)
                    : answer(echo(fields, "40", "交易类型不支持"));
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
        Trade fresh = new Trade(orderId, amount, fields.get("backUrl"), SandboxIds.token(12), clock.instant(),
                TIME.format(clock.instant()) + SandboxIds.digits(7));
        Trade trade = trades.putIfAbsent(orderId, fresh);
        if (trade != null) {
            // as UnionPay does: the same order id (and time) again is a duplicate, whatever became of the first
            return answer(echo(fields, "12", "重复交易"));
        }
        trade = fresh;
        cashier.waiting(new SandboxCashier.Pending(trade.token, SandboxCashier.Channel.UNIONPAY, orderId, amount, "云闪付订单",
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
        Instant settled = trade != null ? trade.paidAt : refund.respCode().equals("00") ? refund.at() : null;
        if (settled != null) {
            answer.put("settleDate", settleDate(settled));
        }
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
                    TIME.format(clock.instant()) + SandboxIds.digits(7), fields.getOrDefault("reqReserved", ""),
                    clock.instant());
            refunds.put(orderId, refund);
        }
        Map<String, String> notice = echo(fields, refund.respCode(), refund.respCode().equals("00") ? "成功" : "退货失败");
        notice.put("queryId", refund.queryId());
        notice.put("origQryId", trade.queryId);
        notice.put("txnAmt", Long.toString(amount));
        notice.put("reqReserved", refund.reqReserved());
        notice.put("settleDate", settleDate(refund.at()));
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
            if (outcome == SandboxCashier.Outcome.PAID) {
                trade.paidAt = clock.instant();
            }
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
        notice.put("settleDate", settleDate(trade.paidAt != null ? trade.paidAt : clock.instant()));
        return notice;
    }

    private String impostorPem() {
        if (impostorPem == null) {
            KeyPair keys = SandboxCertificates.impostor();
            try {
                impostorPem = pem(SandboxCertificates.certificate(new X500Name("CN=" + SIGNER + ",OU=00040000:SIGN"),
                        keys, new X500Name("CN=Someone else"), keys, false, List.of("sandbox.95516.com")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return impostorPem;
    }

    /** UnionPay's settlement date of a moment: its day ends at 23:00 China time. */
    static String settleDate(Instant at) {
        return SETTLE_DATE.format(at.plus(java.time.Duration.ofHours(1)));
    }

    /**
     * The merchant's settlement files of a settlement date (txnType 76), as UnionPay hands them out: a zip holding
     * the ZM file (one fixed-width GBK line per consume and refund) and an empty ZME file (errors), deflated and
     * Base64-encoded in {@code fileContent}. A date with no transactions still has its (empty) files.
     */
    private SandboxGateway.Response settlementFile(Map<String, String> fields) {
        String settleDate = fields.getOrDefault("settleDate", "");
        if (!settleDate.matches("\\d{4}") || !"00".equals(fields.get("fileType"))) {
            return answer(echo(fields, "30", "报文格式错误"));
        }
        StringBuilder zm = new StringBuilder();
        for (Trade trade : trades.values()) {
            if (trade.paidAt != null && settleDate(trade.paidAt).equals(settleDate)) {
                zm.append(zmLine("S22", trade.paidAt, trade.amount, trade.queryId, trade.orderId, "01", "", "",
                        fee(trade.amount), 'D')).append("\r\n");
            }
        }
        for (Refund refund : refunds.values()) {
            Trade trade = trades.get(refund.origOrderId());
            if (refund.respCode().equals("00") && settleDate(refund.at()).equals(settleDate)) {
                zm.append(zmLine("S30", refund.at(), refund.amount(), refund.queryId(), refund.orderId(), "04",
                        trade.queryId, trade.orderId, fee(refund.amount()), 'C')).append("\r\n");
            }
        }
        String day = fields.getOrDefault("txnTime", "20000101").substring(2, 4) + settleDate;
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry("INN" + day + "88ZM_" + MER_ID));
            out.write(zm.toString().getBytes(java.nio.charset.Charset.forName("GBK")));
            out.putNextEntry(new java.util.zip.ZipEntry("INN" + day + "88ZME_" + MER_ID));
            out.closeEntry();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(zip.toByteArray());
        deflater.finish();
        java.io.ByteArrayOutputStream deflated = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            deflated.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        Map<String, String> answer = echo(fields, "00", "成功[0000000]");
        answer.put("settleDate", settleDate);
        answer.put("fileType", "00");
        answer.put("fileName", MER_ID + "_20" + day + ".zip");
        answer.put("fileContent", Base64.getEncoder().encodeToString(deflated.toByteArray()));
        return answer(answer);
    }

    /** UnionPay's fee in the sandbox: 0.38% of the amount, rounded to the fen. */
    private static long fee(long amount) {
        return Math.round(amount * 0.0038);
    }

    /**
     * One line of the ZM file: 42 fixed-width fields separated by one space, numbers padded with zeros on the
     * left and text with spaces on the right; signed amounts carry C or D before twelve digits.
     */
    private static String zmLine(String code, Instant at, long amount, String queryId, String orderId, String txnType,
                                 String origQueryId, String origOrderId, long fee, char feeSign) {
        String[] f = new String[ZM_WIDTHS.length];
        java.util.Arrays.fill(f, "");
        f[0] = code;
        f[1] = "00010000";
        f[2] = "00010000";
        f[3] = SandboxIds.digits(6);
        f[4] = TIME.format(at).substring(4);
        f[5] = "6216********0018";
        f[6] = zeros(amount, 12);
        f[7] = "5399";
        f[8] = "08";
        f[9] = queryId;
        f[11] = orderId;
        f[12] = "01";
        f[15] = feeSign + zeros(fee, 12);
        f[16] = (feeSign == 'D' ? "C" : "D") + zeros(amount - fee, 12);
        f[17] = "0001";
        f[19] = txnType;
        f[20] = txnType.equals("01") ? "07" : "00";
        f[21] = "000000";
        f[26] = origQueryId;
        f[27] = MER_ID;
        f[32] = f[16];
        f[40] = origOrderId;
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < f.length; i++) {
            if (i > 0) {
                line.append(' ');
            }
            line.append(pad(f[i], ZM_WIDTHS[i]));
        }
        return line.toString();
    }

    private static String zeros(long value, int width) {
        return String.format("%0" + width + "d", value);
    }

    /** Text padded with spaces to a width in GBK bytes. */
    private static String pad(String value, int width) {
        int bytes = value.getBytes(java.nio.charset.Charset.forName("GBK")).length;
        return value + " ".repeat(Math.max(0, width - bytes));
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
        fields.put("signPubKeyCert", forgeAnswers ? impostorPem() : signerPem);
        fields.put("signature", AcpSigner.sign(fields, forgeAnswers ? SandboxCertificates.impostor().getPrivate()
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
        return org.citycard.kernel.FormFields.encode(fields);
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
