package org.citycard.payment.alipay;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.citycard.card.ExternalLogin;
import org.citycard.card.LoginLinks;
import org.citycard.payment.ChannelId;
import org.citycard.kernel.FormFields;
import org.citycard.payment.Yuan;
import org.citycard.payment.NotifyAddress;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentChannel;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.Scene;
import org.citycard.payment.StatementDays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayResponse;
import com.alipay.api.domain.AlipayDataDataserviceBillDownloadurlQueryModel;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradeCreateModel;
import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeCreateRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeCreateResponse;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;

/**
 * Alipay as a channel. Answers are believed after the SDK verified their RSA2 signature; notifications after
 * {@code rsaCheckV1} verified theirs and they name our app and seller.
 */
final class AlipayChannel implements PaymentChannel {

    static final String SLUG = "alipay";
    private static final Logger log = LoggerFactory.getLogger(AlipayChannel.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(org.citycard.kernel.ChinaTime.ZONE);

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(10)).build();

    private final AlipayClient alipay;
    private final AlipayAccount account;
    private final LoginLinks logins;
    private final NotifyAddress notifyAddress;

    AlipayChannel(AlipayClient alipay, AlipayAccount account, LoginLinks logins, NotifyAddress notifyAddress) {
        this.alipay = alipay;
        this.account = account;
        this.logins = logins;
        this.notifyAddress = notifyAddress;
    }

    @Override
    public ChannelId id() {
        return ChannelId.ALIPAY;
    }

    @Override
    public Set<Scene> scenes() {
        return Set.of(Scene.ALIPAY_MINI_PROGRAM, Scene.WEB_QR);
    }

    @Override
    public Prepay prepay(PaymentOrder order, Scene scene) {
        try {
            if (scene == Scene.ALIPAY_MINI_PROGRAM) {
                Optional<String> buyer = logins.payerId(order.citizen(), ExternalLogin.ALIPAY);
                if (buyer.isEmpty()) {
                    return new Prepay.Declined("NO_ALIPAY_LOGIN");
                }
                AlipayTradeCreateModel model = new AlipayTradeCreateModel();
                model.setOutTradeNo(order.no().value());
                model.setTotalAmount(Yuan.of(order.amountFen()));
                model.setSubject(order.subject());
                model.setBuyerId(buyer.get());
                model.setProductCode("JSAPI_PAY");
                model.setTimeExpire(TIME.format(order.expiresAt()));
                AlipayTradeCreateRequest request = new AlipayTradeCreateRequest();
                request.setBizModel(model);
                request.setNotifyUrl(notifyAddress.of(SLUG));
                AlipayTradeCreateResponse response = alipay.execute(request);
                return response.isSuccess() ? new Prepay.Ready(Map.of("tradeNO", response.getTradeNo()))
                        : declined(order, response);
            }
            AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
            model.setOutTradeNo(order.no().value());
            model.setTotalAmount(Yuan.of(order.amountFen()));
            model.setSubject(order.subject());
            model.setTimeExpire(TIME.format(order.expiresAt()));
            AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
            request.setBizModel(model);
            request.setNotifyUrl(notifyAddress.of(SLUG));
            AlipayTradePrecreateResponse response = alipay.execute(request);
            return response.isSuccess() ? new Prepay.Ready(Map.of("codeUrl", response.getQrCode()))
                    : declined(order, response);
        } catch (AlipayApiException e) {
            log.warn("Alipay could not be asked to prepay {}: {}", order.no().value(), e.getErrMsg());
            return new Prepay.Declined(Prepay.UNAVAILABLE);
        }
    }

    private static Prepay declined(PaymentOrder order, AlipayResponse response) {
        log.warn("Alipay refused the prepay of {}: {} {}", order.no().value(), response.getCode(), response.getSubCode());
        return new Prepay.Declined(response.getSubCode() == null ? response.getCode() : response.getSubCode());
    }

    @Override
    public Query query(PaymentOrder order) {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(order.no().value());
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        try {
            AlipayTradeQueryResponse response = alipay.execute(request);
            if (!response.isSuccess()) {
                // a QR trade exists at Alipay only once it is scanned: until the order expires, that is "waiting"
                if ("ACQ.TRADE_NOT_EXIST".equals(response.getSubCode())) {
                    return order.expiresAt().isAfter(java.time.Instant.now()) ? new Query.Waiting()
                            : new Query.Ended("TRADE_NOT_EXIST");
                }
                return new Query.Unknown(response.getSubCode());
            }
            return switch (String.valueOf(response.getTradeStatus())) {
                case "TRADE_SUCCESS", "TRADE_FINISHED" -> new Query.Paid(response.getTradeNo(),
                        Yuan.toFen(response.getTotalAmount()), StatementDays.of(response.getSendPayDate()));
                case "WAIT_BUYER_PAY" -> new Query.Waiting();
                default -> new Query.Ended(response.getTradeStatus());
            };
        } catch (AlipayApiException e) {
            return new Query.Unknown(e.getErrMsg());
        }
    }

    @Override
    public Query close(PaymentOrder order) {
        AlipayTradeCloseModel model = new AlipayTradeCloseModel();
        model.setOutTradeNo(order.no().value());
        AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
        request.setBizModel(model);
        try {
            var response = alipay.execute(request);
            if (response.isSuccess() || "ACQ.TRADE_NOT_EXIST".equals(response.getSubCode())) {
                return new Query.Ended("TRADE_CLOSED");
            }
            // not closable: most likely paid meanwhile
            return query(order);
        } catch (AlipayApiException e) {
            return new Query.Unknown(e.getErrMsg());
        }
    }

    @Override
    public RefundOutcome refund(PaymentOrder order, String refundNo, long amountFen) {
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setOutTradeNo(order.no().value());
        model.setRefundAmount(Yuan.of(amountFen));
        model.setOutRequestNo(refundNo);
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizModel(model);
        try {
            AlipayTradeRefundResponse response = alipay.execute(request);
            if (response.isSuccess()) {
                return "Y".equals(response.getFundChange())
                        ? new RefundOutcome.Done(StatementDays.of(response.getGmtRefundPay())) : queryRefund(order, refundNo);
            }
            // a system error ("20000", ACQ.SYSTEM_ERROR) says nothing about the refund: ask again later
            if ("20000".equals(response.getCode()) || String.valueOf(response.getSubCode()).endsWith("SYSTEM_ERROR")) {
                return new RefundOutcome.Pending();
            }
            return new RefundOutcome.Failed(response.getSubCode() == null ? response.getCode() : response.getSubCode());
        } catch (AlipayApiException e) {
            return new RefundOutcome.Pending();
        }
    }

    @Override
    public RefundOutcome queryRefund(PaymentOrder order, String refundNo) {
        AlipayTradeFastpayRefundQueryModel model = new AlipayTradeFastpayRefundQueryModel();
        model.setOutTradeNo(order.no().value());
        model.setOutRequestNo(refundNo);
        AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
        request.setBizModel(model);
        try {
            AlipayTradeFastpayRefundQueryResponse response = alipay.execute(request);
            return response.isSuccess() && "REFUND_SUCCESS".equals(response.getRefundStatus())
                    ? new RefundOutcome.Done() : new RefundOutcome.Pending();
        } catch (AlipayApiException e) {
            return new RefundOutcome.Pending();
        }
    }

    @Override
    public Notice read(Inbound notification) {
        Map<String, String> form = FormFields.decode(notification.body());
        try {
            if (!AlipaySignature.rsaCheckV1(new LinkedHashMap<>(form), account.alipayPublicKey(), "UTF-8", "RSA2")) {
                return new Notice.Rejected("signature does not verify");
            }
        } catch (AlipayApiException e) {
            return new Notice.Rejected("signature could not be checked");
        }
        if (!account.appId().equals(form.get("app_id")) || form.get("seller_id") != null
                && account.sellerId() != null && !account.sellerId().equals(form.get("seller_id"))) {
            return new Notice.Rejected("meant for app " + form.get("app_id") + " / seller " + form.get("seller_id"));
        }
        OrderNo order = new OrderNo(form.getOrDefault("out_trade_no", ""));
        if (form.get("out_biz_no") != null) {
            // Alipay settles refunds at once and reports only the running total here
            return new Notice.Refund(order, form.get("out_biz_no"), null, true,
                    StatementDays.ofChinaTime(form.get("gmt_refund")));
        }
        return switch (form.getOrDefault("trade_status", "")) {
            case "TRADE_SUCCESS", "TRADE_FINISHED" -> new Notice.Payment(order, form.get("trade_no"),
                    Yuan.toFen(form.get("total_amount")), true, StatementDays.ofChinaTime(form.get("gmt_payment")));
            case "TRADE_CLOSED" -> new Notice.Payment(order, form.get("trade_no"), Yuan.toFen(form.get("total_amount")), false);
            default -> new Notice.Informational(order, "trade status " + form.get("trade_status"));
        };
    }

    /**
     * The day's business statement: its address from {@code alipay.data.dataservice.bill.downloadurl.query} (a
     * signed answer), then the zip it points to, whose "业务明细" CSV (GBK, #-comments around the lines) is read.
     */
    @Override
    public Optional<List<StatementEntry>> statement(LocalDate day) {
        AlipayDataDataserviceBillDownloadurlQueryModel model = new AlipayDataDataserviceBillDownloadurlQueryModel();
        model.setBillType("trade");
        model.setBillDate(day.toString());
        AlipayDataDataserviceBillDownloadurlQueryRequest request = new AlipayDataDataserviceBillDownloadurlQueryRequest();
        request.setBizModel(model);
        byte[] zip;
        try {
            var response = alipay.execute(request);
            if (!response.isSuccess()) {
                throw new StatementUnavailable("no Alipay statement for " + day + ": " + response.getSubCode());
            }
            zip = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(response.getBillDownloadUrl()))
                    .timeout(java.time.Duration.ofSeconds(30)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (AlipayApiException | java.io.IOException e) {
            throw new StatementUnavailable("no Alipay statement for " + day + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatementUnavailable("interrupted");
        }
        return Optional.of(BusinessStatement.read(zip));
    }

    @Override
    public Reply reply(boolean accepted) {
        return new Reply(200, "text/plain", accepted ? "success" : "fail");
    }

}
