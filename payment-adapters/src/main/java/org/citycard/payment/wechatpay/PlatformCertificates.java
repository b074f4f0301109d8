package org.citycard.payment.wechatpay;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.binarywang.wxpay.v3.auth.Verifier;
import com.github.binarywang.wxpay.v3.util.AesUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat Pay's platform certificates, the older of its two key modes: downloaded from {@code /v3/certificates}
 * through our own client, each decrypted with the APIv3 key (the AEAD tag proves it came from WeChat Pay), and
 * used by serial number to verify answers and notifications. WxJava's own downloader is not used: it would go to
 * the real host through a client of its own.
 */
final class PlatformCertificates implements Verifier {

    static final Duration REFRESH = Duration.ofHours(12);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, X509Certificate> bySerial = new ConcurrentHashMap<>();
    private final AesUtils aes;
    private final Clock clock;
    private volatile Instant loadedAt = Instant.EPOCH;

    PlatformCertificates(String apiV3Key, Clock clock) {
        this.aes = new AesUtils(apiV3Key.getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    boolean knows(String serial) {
        return serial != null && bySerial.containsKey(serial);
    }

    boolean stale() {
        return bySerial.isEmpty() || loadedAt.plus(REFRESH).isBefore(clock.instant());
    }

    private Instant forcedAt = Instant.EPOCH;

    /**
     * Whether an unknown serial may send us to WeChat Pay for the certificates now: at most once a minute, so that
     * notifications signed under made-up serials cannot turn into a stream of downloads.
     */
    synchronized boolean mayRefreshEarly() {
        Instant now = clock.instant();
        if (forcedAt.plus(Duration.ofMinutes(1)).isAfter(now)) {
            return false;
        }
        forcedAt = now;
        return true;
    }

    @Override
    public boolean verify(String serial, byte[] message, String signature) {
        X509Certificate certificate = bySerial.get(serial);
        if (certificate == null) {
            return false;
        }
        try {
            certificate.checkValidity(Date.from(clock.instant()));
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(message);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public X509Certificate getValidCertificate() {
        // null until the first download; WxJava only asks for it to name the serial of an encrypted field
        return bySerial.values().stream().max(Comparator.comparing(X509Certificate::getNotAfter)).orElse(null);
    }

    /**
     * Learns the certificates of a {@code /v3/certificates} answer: believed only when each decrypts under the
     * APIv3 key and the answer's own signature verifies with the certificate it names.
     */
    boolean learn(String body, String serial, byte[] message, String signature) {
        Map<String, X509Certificate> found = new ConcurrentHashMap<>();
        try {
            JsonNode data = JSON.readTree(body).path("data");
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (JsonNode item : data) {
                JsonNode encrypted = item.path("encrypt_certificate");
                String pem = aes.decryptToString(encrypted.path("associated_data").asString("").getBytes(StandardCharsets.UTF_8),
                        encrypted.path("nonce").asString("").getBytes(StandardCharsets.UTF_8),
                        encrypted.path("ciphertext").asString(""));
                X509Certificate certificate = (X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
                found.put(item.path("serial_no").asString(""), certificate);
            }
        } catch (Exception e) {
            return false;
        }
        X509Certificate signer = found.get(serial);
        if (signer == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(signer.getPublicKey());
            verifier.update(message);
            if (!verifier.verify(Base64.getDecoder().decode(signature))) {
                return false;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
        bySerial.putAll(found);
        loadedAt = clock.instant();
        return true;
    }
}
