package org.citycard.payment.wechatpay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.util.EntityUtils;

import com.github.binarywang.wxpay.v3.Validator;
import com.github.binarywang.wxpay.v3.auth.Verifier;

/**
 * Checks every successful answer from WeChat Pay, whatever its content type (WxJava's own check skips anything
 * that is not JSON): all four signature headers present, signed by the key we know, no more than five minutes
 * from our clock, and a signature that verifies over {@code timestamp\nnonce\nbody\n}.
 */
final class SignedAnswers implements Validator {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final Verifier verifier;
    private final java.util.function.Predicate<String> trustedKey;
    private final PlatformCertificates certificates;
    private final Clock clock;

    /** The "WeChat Pay public key" mode: one key, named by its id. */
    SignedAnswers(Verifier verifier, String publicKeyId, Clock clock) {
        this.verifier = verifier;
        this.trustedKey = publicKeyId::equals;
        this.certificates = null;
        this.clock = clock;
    }

    /** The platform certificate mode: any certificate we hold; a certificate list may introduce its own. */
    SignedAnswers(PlatformCertificates certificates, Clock clock) {
        this.verifier = certificates;
        this.trustedKey = certificates::knows;
        this.certificates = certificates;
        this.clock = clock;
    }

    @Override
    public boolean validate(CloseableHttpResponse response) throws IOException {
        String timestamp = value(response.getFirstHeader("Wechatpay-Timestamp"));
        String nonce = value(response.getFirstHeader("Wechatpay-Nonce"));
        String serial = value(response.getFirstHeader("Wechatpay-Serial"));
        String signature = value(response.getFirstHeader("Wechatpay-Signature"));
        if (timestamp == null || nonce == null || serial == null || signature == null) {
            return false;
        }
        if (!fresh(timestamp, clock)) {
            return false;
        }
        HttpEntity entity = response.getEntity();
        String body = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
        byte[] message = (timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8);
        if (!trustedKey.test(serial)) {
            // only a certificate list may vouch for a certificate we do not hold yet, with itself
            return certificates != null && certificates.learn(body, serial, message, signature);
        }
        return verifier.verify(serial, message, signature);
    }

    static boolean fresh(String timestamp, Clock clock) {
        try {
            return Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp.strip())) <= MAX_SKEW.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }
}
