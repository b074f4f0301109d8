package org.citycard.api.notify;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.citycard.payment.ChannelId;
import org.citycard.payment.Notifications;
import org.citycard.payment.NotifyAddress;
import org.citycard.payment.PaymentChannel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/payment/v1/notify/{wechat-pay|alipay|unionpay}}: open to anyone, believed only after the
 * channel's signature verifies. The raw headers and body go to {@link Notifications} untouched (a signature
 * covers the exact bytes), and the answer is the one the channel expects. An address that sends many
 * notifications that are not believed has its further ones kept only when believed ({@link RejectedSenders}).
 */
@RestController
class PaymentNotifyController {

    private static final Map<String, ChannelId> CHANNELS = Map.of("wechat-pay", ChannelId.WECHAT_PAY,
            "alipay", ChannelId.ALIPAY, "unionpay", ChannelId.UNIONPAY);

    /** The largest notification believed worth keeping (real ones are a few kilobytes). */
    static final int MAX_BODY = 64 * 1024;

    private final Notifications notifications;
    private final RejectedSenders rejectedSenders;

    PaymentNotifyController(Notifications notifications, RejectedSenders rejectedSenders) {
        this.notifications = notifications;
        this.rejectedSenders = rejectedSenders;
    }

    @PostMapping(NotifyAddress.PATH + "{channel}")
    ResponseEntity<String> receive(@PathVariable String channel, @RequestHeader HttpHeaders headers,
                                   @RequestBody(required = false) String body,
                                   jakarta.servlet.http.HttpServletRequest request) {
        ChannelId id = CHANNELS.get(channel);
        if (id == null) {
            return ResponseEntity.notFound().build();
        }
        if (body != null && body.length() > MAX_BODY) {
            // no channel sends anything near this; not kept, so nobody can fill the store with it
            return ResponseEntity.status(413).build();
        }
        Map<String, String> lowerCase = new LinkedHashMap<>();
        headers.forEach((name, values) -> lowerCase.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
        String sender = String.valueOf(request.getRemoteAddr());
        Notifications.Receipt receipt;
        try {
            receipt = notifications.receiveAndJudge(id, new PaymentChannel.Inbound(lowerCase, body == null ? "" : body),
                    rejectedSenders.keepRejectedFrom(sender));
        } catch (IllegalArgumentException e) {
            // a channel this deployment does not offer
            return ResponseEntity.notFound().build();
        }
        if (receipt.verdict() == Notifications.Verdict.REJECTED) {
            rejectedSenders.rejected(sender);
        }
        PaymentChannel.Reply reply = receipt.reply();
        var response = ResponseEntity.status(reply.status());
        if (reply.contentType() != null) {
            response.header(HttpHeaders.CONTENT_TYPE, reply.contentType());
        }
        return reply.body().isEmpty() ? response.build() : response.body(reply.body());
    }
}
