package org.citycard.api.notify;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.citycard.api.ApiProblem;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Notifications;
import org.citycard.payment.NotifyAddress;
import org.citycard.payment.PaymentChannel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.security.web.firewall.RequestRejectedException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /api/payment/v1/notify/{wechat-pay|alipay|unionpay}}: open to anyone, believed only after the
 * channel's signature verifies. The raw headers and body go to {@link Notifications} untouched (a signature
 * covers the exact bytes; a form is never parsed by the container, so a malformed one is the channel's
 * "fail", not an error of ours), and the answer is the one the channel expects. A body over
 * {@value #MAX_BODY} bytes is refused with 413 in the channel's failure format, without reading more of it; one
 * that is not believed gets the channel's failure answer with a 4xx (5xx only when our side failed, so that the
 * channel sends it again).
 * An address that sends many notifications that are not believed has its further ones kept only when believed
 * ({@link RejectedSenders}).
 */
@RestController
class PaymentNotifyController {

    /** The largest notification believed worth keeping (real ones are a few kilobytes). */
    static final int MAX_BODY = 64 * 1024;

    private final Notifications notifications;
    private final RejectedSenders rejectedSenders;

    PaymentNotifyController(Notifications notifications, RejectedSenders rejectedSenders) {
        this.notifications = notifications;
        this.rejectedSenders = rejectedSenders;
    }

    @PostMapping(NotifyAddress.PATH + "{channel}")
    ResponseEntity<String> receive(@PathVariable String channel, HttpServletRequest request) throws IOException {
        Optional<ChannelId> known = ChannelId.ofSlug(channel).filter(id -> id != ChannelId.WALLET);
        Optional<PaymentChannel.Reply> refusal = known.flatMap(notifications::refusal);
        if (known.isEmpty() || refusal.isEmpty()) {
            throw ApiProblem.notFound("request.not-found", "No payment channel notifies at this address.");
        }
        ChannelId id = known.get();
        String body = body(request);
        if (body == null) {
            // no channel sends anything near this; not kept, so nobody can fill the store with it
            return answer(refusal.get(), 413);
        }
        Map<String, String> lowerCase = new LinkedHashMap<>();
        try {
            for (String name : java.util.Collections.list(request.getHeaderNames())) {
                lowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), request.getHeader(name));
            }
        } catch (RequestRejectedException e) {
            // a header no channel sends (bytes that are not text): not a notification of theirs
            return answer(refusal.get(), 400);
        }
        String sender = String.valueOf(request.getRemoteAddr());
        Notifications.Receipt receipt = notifications.receiveAndJudge(id, new PaymentChannel.Inbound(lowerCase, body),
                rejectedSenders.keepRejectedFrom(sender));
        if (receipt.verdict() == Notifications.Verdict.REJECTED) {
            rejectedSenders.rejected(sender);
            // the channel's failure answer, but as the client's fault: a 5xx is for failures on our side
            int status = receipt.reply().status() >= 500 ? 400 : receipt.reply().status();
            return answer(receipt.reply(), status);
        }
        return answer(receipt.reply(), receipt.reply().status());
    }

    /** The body as text in its declared charset (UTF-8 when none), or null when it is over the limit. */
    private static String body(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            return null;
        }
        Charset charset = StandardCharsets.UTF_8;
        try {
            MediaType type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
            if (type != null && type.getCharset() != null) {
                charset = type.getCharset();
            }
        } catch (RuntimeException e) {
            // an unreadable content type or charset: the signature check decides, on UTF-8
        }
        return new String(bytes, charset);
    }

    private static ResponseEntity<String> answer(PaymentChannel.Reply reply, int status) {
        var response = ResponseEntity.status(status);
        if (reply.contentType() != null) {
            response.header(HttpHeaders.CONTENT_TYPE, reply.contentType());
        }
        return reply.body().isEmpty() ? response.build() : response.body(reply.body());
    }
}
