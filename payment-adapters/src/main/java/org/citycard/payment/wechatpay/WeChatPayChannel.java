package org.citycard.payment.wechatpay;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.citycard.card.ExternalLogin;
import org.citycard.card.LoginLinks;
import org.citycard.payment.ChannelId;
import org.citycard.payment.NotifyAddress;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.Scene;
import org.citycard.payment.StatementDays;
import org.citycard.payment.Yuan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.binarywang.wxpay.bean.notify.SignatureHeader;
import com.github.binarywang.wxpay.bean.notify.WxPayNotifyV3Result;
import com.github.binarywang.wxpay.bean.notify.WxPayRefundNotifyV3Result;
import com.github.binarywang.wxpay.bean.request.WxPayApplyTradeBillV3Request;
import com.github.binarywang.wxpay.bean.request.WxPayRefundV3Request;
import com.github.binarywang.wxpay.bean.result.WxPayApplyBillV3Result;
import com.github.binarywang.wxpay.bean.request.WxPayUnifiedOrderV3Request;
import com.github.binarywang.wxpay.bean.result.WxPayOrderQueryV3Result;
import com.github.binarywang.wxpay.bean.result.WxPayUnifiedOrderV3Result;
import com.github.binarywang.wxpay.bean.result.enums.TradeTypeEnum;
import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.WxPayService;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat Pay as a channel. Everything WeChat Pay says is believed only after WxJava verified its signature and we
 * checked what WxJava does not: the signing key's id, a timestamp within five minutes, and that a notification
 * names our merchant and app.
 */
final class WeChatPayChannel implements PaymentChannel {

    static final String SLUG = "wechat-pay";
    private static final Logger log = LoggerFactory.getLogger(WeChatPayChannel.class);
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WxPayService wxPay;
    private final WeChatPayAccount account;
    private final WeChatPayKeys keys;
    private final LoginLinks logins;
    private final NotifyAddress notifyAddress;
    private final Clock clock;

    WeChatPayChannel(WxPayService wxPay, WeChatPayAccount account, WeChatPayKeys keys, LoginLinks logins,
                     NotifyAddress notifyAddress, Clock clock) {
        this.wxPay = wxPay;
        this.account = account;
        this.keys = keys;
        this.logins = logins;
        this.notifyAddress = notifyAddress;
        this.clock = clock;
    }

    @Override
    public ChannelId id() {
        return ChannelId.WECHAT_PAY;
    }

    @Override
    public Set<Scene> scenes() {
        return Set.of(Scene.WECHAT_MINI_PROGRAM, Scene.WEB_QR);
    }

    @Override
    public Prepay prepay(PaymentOrder order, Scene scene) {
        certificates(false);
        WxPayUnifiedOrderV3Request request = new WxPayUnifiedOrderV3Request()
                .setAppid(account.appId()).setMchid(account.mchId())
                .setOutTradeNo(order.no().value()).setDescription(order.subject())
                .setNotifyUrl(notifyAddress.of(SLUG))
                .setTimeExpire(order.expiresAt().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.ofHours(8))
                        .format(RFC3339))
                .setAmount(new WxPayUnifiedOrderV3Request.Amount().setTotal(Math.toIntExact(order.amountFen()))
                        .setCurrency("CNY"));
        try {
            if (scene == Scene.WECHAT_MINI_PROGRAM) {
                Optional<String> openId = logins.payerId(order.citizen(), ExternalLogin.WECHAT);
                if (openId.isEmpty()) {
                    return new Prepay.Declined("NO_WECHAT_LOGIN");
                }
                request.setPayer(new WxPayUnifiedOrderV3Request.Payer().setOpenid(openId.get()));
                WxPayUnifiedOrderV3Result.JsapiResult sheet = wxPay.createOrderV3(TradeTypeEnum.JSAPI, request);
                // exactly what wx.requestPayment takes
                return new Prepay.Ready(Map.of("timeStamp", sheet.getTimeStamp(), "nonceStr", sheet.getNonceStr(),
                        "package", sheet.getPackageValue(), "signType", sheet.getSignType(),
                        "paySign", sheet.getPaySign()));
            }
            String codeUrl = wxPay.createOrderV3(TradeTypeEnum.NATIVE, request);
            return new Prepay.Ready(Map.of("codeUrl", codeUrl));
        } catch (WxPayException e) {
            log.warn("WeChat Pay refused the prepay of {}: {}", order.no().value(), describe(e));
            return new Prepay.Declined(e.getErrCode() == null ? Prepay.UNAVAILABLE : e.getErrCode());
        }
    }

    @Override
    public Query query(PaymentOrder order) {
        certificates(false);
        try {
            WxPayOrderQueryV3Result result = wxPay.queryOrderV3(null, order.no().value());
            if (!account.mchId().equals(result.getMchid()) || !order.no().value().equals(result.getOutTradeNo())) {
                return new Query.Unknown("answer for another merchant or order");
            }
            return switch (String.valueOf(result.getTradeState())) {
                case "SUCCESS", "REFUND" -> new Query.Paid(result.getTransactionId(), result.getAmount().getTotal(),
                        StatementDays.ofTime(result.getSuccessTime()));
                case "NOTPAY", "USERPAYING" -> new Query.Waiting();
                default -> new Query.Ended(result.getTradeState());
            };
        } catch (WxPayException e) {
            return "ORDER_NOT_EXIST".equals(e.getErrCode()) ? new Query.Ended("ORDER_NOT_EXIST")
                    : new Query.Unknown(describe(e));
        }
    }

    @Override
    public Query close(PaymentOrder order) {
        certificates(false);
        try {
            wxPay.closeOrderV3(order.no().value());
            return new Query.Ended("CLOSED");
        } catch (WxPayException e) {
            return switch (String.valueOf(e.getErrCode())) {
                case "ORDERPAID" -> query(order);
                case "ORDER_NOT_EXIST" -> new Query.Ended("ORDER_NOT_EXIST");
                default -> new Query.Unknown(describe(e));
            };
        }
    }

    @Override
    public RefundOutcome refund(PaymentOrder order, String refundNo, long amountFen) {
        certificates(false);
        WxPayRefundV3Request request = new WxPayRefundV3Request().setOutTradeNo(order.no().value())
                .setOutRefundNo(refundNo).setNotifyUrl(notifyAddress.of(SLUG))
                .setAmount(new WxPayRefundV3Request.Amount().setRefund(Math.toIntExact(amountFen))
                        .setTotal(Math.toIntExact(order.amountFen())).setCurrency("CNY"));
        try {
            var result = wxPay.refundV3(request);
            return outcome(result.getStatus(), StatementDays.ofTime(result.getSuccessTime()));
        } catch (WxPayException e) {
            log.warn("WeChat Pay refused refund {}: {}", refundNo, describe(e));
            return e.getErrCode() == null || "SYSTEM_ERROR".equals(e.getErrCode()) ? new RefundOutcome.Pending()
                    : new RefundOutcome.Failed(e.getErrCode());
        }
    }

    @Override
    public RefundOutcome queryRefund(PaymentOrder order, String refundNo) {
        certificates(false);
        try {
            var result = wxPay.refundQueryV3(refundNo);
            return outcome(result.getStatus(), StatementDays.ofTime(result.getSuccessTime()));
        } catch (WxPayException e) {
            return new RefundOutcome.Pending();
        }
    }

    private static RefundOutcome outcome(String status, java.time.LocalDate statementDay) {
        return switch (String.valueOf(status)) {
            case "SUCCESS" -> new RefundOutcome.Done(statementDay);
            // closed is WeChat Pay's only final "no"; ABNORMAL waits for a person at the merchant platform
            case "CLOSED" -> new RefundOutcome.Failed(status);
            default -> new RefundOutcome.Pending();
        };
    }

    @Override
    public Notice read(Inbound notification) {
        String timestamp = notification.header("Wechatpay-Timestamp");
        String nonce = notification.header("Wechatpay-Nonce");
        String signature = notification.header("Wechatpay-Signature");
        String serial = notification.header("Wechatpay-Serial");
        if (timestamp == null || nonce == null || signature == null || serial == null) {
            return new Notice.Rejected("unsigned");
        }
        if (!SignedAnswers.fresh(timestamp, clock)) {
            return new Notice.Rejected("timestamp more than five minutes away");
        }
        if (!keys.trusted(serial) && keys.certificates() != null && keys.certificates().mayRefreshEarly()) {
            // a certificate WeChat Pay rotated in: learn the current ones (at most once a minute), then judge
            certificates(true);
        }
        if (!keys.trusted(serial)) {
            return new Notice.Rejected("signed with an unknown key " + serial);
        }
        SignatureHeader header = SignatureHeader.builder().timeStamp(timestamp).nonce(nonce).signature(signature)
                .serial(serial).build();
        String body = notification.body();
        try {
            if (JSON.readTree(body).path("event_type").asString("").startsWith("REFUND.")) {
                WxPayRefundNotifyV3Result.DecryptNotifyResult refund = wxPay.parseRefundNotifyV3Result(body, header)
                        .getResult();
                if (!account.mchId().equals(refund.getMchid())) {
                    return new Notice.Rejected("meant for merchant " + refund.getMchid());
                }
                return new Notice.Refund(new OrderNo(refund.getOutTradeNo()), refund.getOutRefundNo(),
                        refund.getAmount().getRefund().longValue(), "SUCCESS".equals(refund.getRefundStatus()),
                        StatementDays.ofTime(refund.getSuccessTime()));
            }
            WxPayNotifyV3Result.DecryptNotifyResult paid = wxPay.parseOrderNotifyV3Result(body, header).getResult();
            if (!account.mchId().equals(paid.getMchid()) || !account.appId().equals(paid.getAppid())) {
                return new Notice.Rejected("meant for merchant " + paid.getMchid() + " / app " + paid.getAppid());
            }
            return new Notice.Payment(new OrderNo(paid.getOutTradeNo()), paid.getTransactionId(),
                    paid.getAmount().getTotal(), "SUCCESS".equals(paid.getTradeState()),
                    StatementDays.ofTime(paid.getSuccessTime()));
        } catch (WxPayException e) {
            return new Notice.Rejected("signature or decryption failed");
        } catch (JacksonException e) {
            return new Notice.Rejected("not JSON");
        }
    }

    /**
     * The trade bill: applied for through the signed API (its answer verified), downloaded, checked against the
     * SHA-1 the answer gave, and read as WeChat Pay writes it (CSV, every value behind a back-tick, a summary after
     * the lines).
     */
    @Override
    public Optional<List<StatementEntry>> statement(LocalDate day) {
        certificates(false);
        WxPayApplyTradeBillV3Request request = new WxPayApplyTradeBillV3Request();
        request.setBillDate(day.toString());
        request.setBillType("ALL");
        byte[] bill;
        try {
            WxPayApplyBillV3Result applied = wxPay.applyTradeBill(request);
            try (var in = wxPay.downloadBill(applied.getDownloadUrl())) {
                bill = in.readAllBytes();
            }
            String sha1 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(bill));
            if (!sha1.equalsIgnoreCase(applied.getHashValue())) {
                throw new StatementUnavailable("the WeChat Pay bill does not match its SHA-1");
            }
        } catch (WxPayException | java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new StatementUnavailable("no WeChat Pay bill for " + day + ": " + e.getMessage());
        }
        return Optional.of(TradeBill.read(new String(bill, java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * In the platform certificate mode, downloads the certificates when there are none, they are 12 hours old, or
     * {@code now} asks; the answer is believed through {@link SignedAnswers}. A failure leaves the ones we have.
     */
    private void certificates(boolean now) {
        PlatformCertificates certificates = keys.certificates();
        if (certificates == null || !(now || certificates.stale())) {
            return;
        }
        // straight through our signing, validating client: WxJava's own calls want a certificate already
        org.apache.http.client.methods.HttpGet get = new org.apache.http.client.methods.HttpGet(
                account.baseUrl() + "/v3/certificates");
        get.addHeader("Accept", "application/json");
        try (var response = wxPay.getConfig().getApiV3HttpClient().execute(get)) {
            org.apache.http.util.EntityUtils.consume(response.getEntity());
        } catch (java.io.IOException e) {
            log.warn("WeChat Pay platform certificates could not be downloaded: {}", e.getMessage());
        }
    }

    @Override
    public Reply reply(boolean accepted) {
        return accepted ? new Reply(204, null, "")
                : new Reply(500, "application/json", "{\"code\":\"FAIL\",\"message\":\"失败\"}");
    }

    private static String describe(WxPayException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return (e.getErrCode() == null ? "" : e.getErrCode() + " ") + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
