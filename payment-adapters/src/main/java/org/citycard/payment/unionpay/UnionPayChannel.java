package org.citycard.payment.unionpay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.http.NameValuePair;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.entity.UrlEncodedFormEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.message.BasicNameValuePair;
import org.apache.http.util.EntityUtils;
import org.citycard.payment.ChannelId;
import org.citycard.kernel.FormFields;
import org.citycard.payment.NotifyAddress;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.Scene;
import org.citycard.payment.StatementDays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UnionPay as a channel, speaking ACP 5.1.0 to the gateway's back-end endpoints. An answer or notification is
 * believed only when its {@code signPubKeyCert} chains to UnionPay's root through the middle certificate, names
 * UnionPay, and its signature verifies with that certificate. UnionPay cannot withdraw a QR code before it times
 * out, so switching away from an unpaid UnionPay code waits for its timeout.
 */
final class UnionPayChannel implements PaymentChannel {

    static final String SLUG = "unionpay";
    private static final Logger log = LoggerFactory.getLogger(UnionPayChannel.class);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(org.citycard.kernel.ChinaTime.ZONE);
    private static final DateTimeFormatter SETTLE_DATE = DateTimeFormatter.ofPattern("MMdd");

    private final CloseableHttpClient http;
    private final UnionPayAccount account;
    private final NotifyAddress notifyAddress;
    private final Clock clock;

    UnionPayChannel(CloseableHttpClient http, UnionPayAccount account, NotifyAddress notifyAddress, Clock clock) {
        this.http = http;
        this.account = account;
        this.notifyAddress = notifyAddress;
        this.clock = clock;
    }

    @Override
    public ChannelId id() {
        return ChannelId.UNIONPAY;
    }

    @Override
    public Set<Scene> scenes() {
        return Set.of(Scene.WEB_QR);
    }

    private Map<String, String> common(String txnType, String txnSubType, String channelType) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "5.1.0");
        fields.put("encoding", "UTF-8");
        fields.put("signMethod", "01");
        fields.put("txnType", txnType);
        fields.put("txnSubType", txnSubType);
        fields.put("bizType", "000000");
        fields.put("accessType", "0");
        if (channelType != null) {
            fields.put("channelType", channelType);
        }
        fields.put("merId", account.merId());
        fields.put("certId", account.certId());
        return fields;
    }

    @Override
    public Prepay prepay(PaymentOrder order, Scene scene) {
        Map<String, String> fields = common("01", "07", "08");
        fields.put("orderId", order.no().value());
        // the order's own time: a later query names the transaction by order number and this time
        fields.put("txnTime", TIME.format(order.createdAt()));
        fields.put("txnAmt", Long.toString(order.amountFen()));
        fields.put("currencyCode", "156");
        fields.put("backUrl", notifyAddress.of(SLUG));
        fields.put("payTimeout", TIME.format(order.expiresAt()));
        Optional<Map<String, String>> answer = send(account.gateway() + "/gateway/api/backTransReq.do", fields);
        if (answer.isEmpty()) {
            return new Prepay.Declined(Prepay.UNAVAILABLE);
        }
        if ("12".equals(answer.get().get("respCode"))) {
            // a code was issued for this order already (its answer lost on the way): paid meanwhile, or not
            return switch (query(order)) {
                case Query.Paid paid when paid.amountFen() == order.amountFen() -> new Prepay.PaidAtOnce(paid.channelTradeNo(),
                        paid.statementDay());
                default -> {
                    log.warn("UnionPay already issued a code for {} and it is not paid", order.no().value());
                    yield new Prepay.Declined("UNIONPAY_12");
                }
            };
        }
        if (!"00".equals(answer.get().get("respCode")) || answer.get().get("qrCode") == null) {
            log.warn("UnionPay refused the QR code of {}: {}", order.no().value(), answer.get().get("respCode"));
            return new Prepay.Declined("UNIONPAY_" + answer.get().get("respCode"));
        }
        return new Prepay.Ready(Map.of("codeUrl", answer.get().get("qrCode")));
    }

    @Override
    public Query query(PaymentOrder order) {
        Map<String, String> fields = common("00", "00", "07");
        fields.put("orderId", order.no().value());
        fields.put("txnTime", TIME.format(order.createdAt()));
        Optional<Map<String, String>> answer = send(account.gateway() + "/gateway/api/queryTrans.do", fields);
        if (answer.isEmpty()) {
            return new Query.Unknown("UnionPay could not be asked");
        }
        String respCode = String.valueOf(answer.get().get("respCode"));
        if (respCode.equals("34")) {
            return new Query.Ended("ORDER_NOT_EXIST");
        }
        if (!respCode.equals("00")) {
            return new Query.Unknown("respCode " + respCode);
        }
        return switch (String.valueOf(answer.get().get("origRespCode"))) {
            case "00", "A6" -> new Query.Paid(answer.get().get("queryId"), parseFen(answer.get().get("txnAmt")),
                    StatementDays.ofMonthDay(answer.get().get("settleDate"), clock.instant()));
            case "03", "04", "05" -> new Query.Waiting();
            default -> new Query.Ended("origRespCode " + answer.get().get("origRespCode"));
        };
    }

    @Override
    public Query close(PaymentOrder order) {
        Query now = query(order);
        if (now instanceof Query.Waiting && !order.expiresAt().isAfter(Instant.now(clock))) {
            // the code was issued with the order's expiry as its payTimeout: past it, nobody can pay it
            return new Query.Ended("timed out");
        }
        return now instanceof Query.Waiting
                ? new Query.Unknown("a UnionPay QR code cannot be withdrawn before it times out") : now;
    }

    @Override
    public RefundOutcome refund(PaymentOrder order, String refundNo, long amountFen) {
        Map<String, String> fields = common("04", "00", "07");
        fields.put("orderId", refundNo);
        fields.put("origQryId", order.channelTradeNo());
        fields.put("txnTime", refundTime(refundNo));
        fields.put("txnAmt", Long.toString(amountFen));
        fields.put("currencyCode", "156");
        fields.put("backUrl", notifyAddress.of(SLUG));
        // echoed in the refund's notification, which otherwise names only the refund and the payment's queryId
        fields.put("reqReserved", order.no().value());
        Optional<Map<String, String>> answer = send(account.gateway() + "/gateway/api/backTransReq.do", fields);
        if (answer.isEmpty()) {
            return new RefundOutcome.Pending();
        }
        return switch (String.valueOf(answer.get().get("respCode"))) {
            // accepted (or already accepted: a repeated refund number), the notification settles it; or (03, 04,
            // 05) not known yet, ask later
            case "00", "12", "03", "04", "05" -> new RefundOutcome.Pending();
            default -> new RefundOutcome.Failed("UNIONPAY_" + answer.get().get("respCode"));
        };
    }

    /** Asked by the refund's number and its time, which the number carries. */
    @Override
    public RefundOutcome queryRefund(PaymentOrder order, String refundNo) {
        Map<String, String> fields = common("00", "00", "07");
        fields.put("orderId", refundNo);
        fields.put("txnTime", refundTime(refundNo));
        Optional<Map<String, String>> answer = send(account.gateway() + "/gateway/api/queryTrans.do", fields);
        if (answer.isEmpty() || !"00".equals(answer.get().get("respCode"))) {
            // not found (34) or not answered: pending, and sending it again with the same number and time is safe
            return new RefundOutcome.Pending();
        }
        return switch (String.valueOf(answer.get().get("origRespCode"))) {
            case "00", "A6" -> new RefundOutcome.Done(
                    StatementDays.ofMonthDay(answer.get().get("settleDate"), clock.instant()));
            case "03", "04", "05" -> new RefundOutcome.Pending();
            default -> new RefundOutcome.Failed("UNIONPAY_" + answer.get().get("origRespCode"));
        };
    }

    /** The refund number is RF + its request time (yyMMddHHmmss, China time) + digits: UnionPay's txnTime. */
    static String refundTime(String refundNo) {
        return "20" + refundNo.substring(2, 14);
    }


    @Override
    public Notice read(Inbound notification) {
        Map<String, String> fields = FormFields.decode(notification.body());
        Optional<String> distrust = distrust(fields);
        if (distrust.isPresent()) {
            return new Notice.Rejected(distrust.get());
        }
        boolean succeeded = "00".equals(fields.get("respCode"));
        LocalDate settled = StatementDays.ofMonthDay(fields.get("settleDate"), clock.instant());
        return switch (String.valueOf(fields.get("txnType"))) {
            case "01" -> new Notice.Payment(new OrderNo(fields.getOrDefault("orderId", "")), fields.get("queryId"),
                    parseFen(fields.get("txnAmt")), succeeded, settled);
            case "04" -> new Notice.Refund(new OrderNo(fields.getOrDefault("reqReserved", "")), fields.get("orderId"),
                    parseFen(fields.get("txnAmt")), succeeded, settled);
            default -> new Notice.Informational(new OrderNo(fields.getOrDefault("orderId", "")),
                    "txnType " + fields.get("txnType"));
        };
    }

    /**
     * The settlement files of a UnionPay settlement date, by ACP file transfer (txnType 76, fileType 00): a zip,
     * deflated and Base64-encoded in {@code fileContent}, whose ZM file lists the day's consumes and refunds as
     * fixed-width GBK lines. UnionPay's settlement day runs from 23:00 the day before to 23:00, China time; each
     * payment and refund remembers its settlement date from UnionPay's notification, so both sides use the same day.
     */
    @Override
    public Optional<List<StatementEntry>> statement(LocalDate day) {
        Map<String, String> fields = common("76", "01", null);
        fields.put("settleDate", SETTLE_DATE.format(day));
        fields.put("txnTime", TIME.format(clock.instant()));
        fields.put("fileType", "00");
        Map<String, String> answer = send(account.fileGateway() + "/", fields)
                .orElseThrow(() -> new StatementUnavailable("UnionPay's file transfer did not answer, or was not believed"));
        if (!"00".equals(answer.get("respCode")) || answer.get("fileContent") == null) {
            throw new StatementUnavailable("no UnionPay settlement file for " + day + ": respCode "
                    + answer.get("respCode"));
        }
        return Optional.of(SettlementFile.read(answer.get("fileContent"), account.merId()));
    }

    @Override
    public Reply reply(boolean accepted) {
        return accepted ? new Reply(200, "text/plain", "ok") : new Reply(500, "text/plain", "fail");
    }

    /** Why a message from UnionPay is not believed, if it is not. */
    private Optional<String> distrust(Map<String, String> fields) {
        Optional<X509Certificate> signer = AcpSignature.trustedSigner(fields.get("signPubKeyCert"), account.root(),
                account.middle(), account.signerName());
        if (signer.isEmpty()) {
            return Optional.of("signing certificate not issued to UnionPay by the configured CA");
        }
        if (!AcpSignature.verify(fields, signer.get().getPublicKey())) {
            return Optional.of("signature does not verify");
        }
        if (!account.merId().equals(fields.get("merId"))) {
            return Optional.of("meant for merchant " + fields.get("merId"));
        }
        return Optional.empty();
    }

    /** Signs and posts the fields; the answer, when it arrives and is believed. */
    private Optional<Map<String, String>> send(String url, Map<String, String> fields) {
        String path = java.net.URI.create(url).getPath();
        fields.put("signature", AcpSignature.sign(fields, account.signingKey()));
        HttpPost post = new HttpPost(url);
        List<NameValuePair> form = new ArrayList<>();
        fields.forEach((k, v) -> form.add(new BasicNameValuePair(k, v)));
        post.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
        post.setConfig(RequestConfig.custom().setConnectTimeout(5_000).setSocketTimeout(10_000).build());
        try (CloseableHttpResponse response = http.execute(post)) {
            String body = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            Map<String, String> answer = answer(body);
            Optional<String> distrust = distrust(answer);
            if (distrust.isPresent()) {
                log.warn("A UnionPay answer on {} was not believed: {}", path, distrust.get());
                return Optional.empty();
            }
            return Optional.of(answer);
        } catch (IOException e) {
            log.warn("UnionPay could not be reached on {}: {}", path, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * An answer as UnionPay writes it: {@code k=v&k=v}, not URL-encoded, where a value in braces may itself hold
     * {@code &} and {@code =}.
     */
    static Map<String, String> answer(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            char c = i < body.length() ? body.charAt(i) : '&';
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (c == '&' && depth == 0) {
                String pair = body.substring(start, i);
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                start = i + 1;
            }
        }
        return fields;
    }

    private static long parseFen(String fen) {
        try {
            return Long.parseLong(fen);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
