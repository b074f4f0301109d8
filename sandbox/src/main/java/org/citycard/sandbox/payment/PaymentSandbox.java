package org.citycard.sandbox.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three payment channels (WeChat Pay v3, Alipay, UnionPay ACP) with their cashier and notification courier, and
 * what a node needs to use them: the same {@code citycard.payment.*} settings as for the real channels (merchant ids,
 * key files, the channels' public keys and CA certificates, the gateways' addresses), plus the address the channels'
 * host names resolve to and the CA that vouches for them here.
 */
public final class PaymentSandbox implements AutoCloseable {

    private final SandboxCashier cashier = new SandboxCashier();
    private final NotificationCourier courier;
    private final WeChatPaySimulator weChatPay;
    private final AlipaySimulator alipay;
    private final UnionPaySimulator unionPay;
    private final CashierPages pages;
    private final boolean platformCertificates;

    /**
     * {@code duplicateAfter}: when each notification is sent a second time (channels do); {@code
     * platformCertificates}: WeChat Pay verifies with downloadable platform certificates instead of its public key.
     */
    public PaymentSandbox(SandboxKeys keys, Duration duplicateAfter, boolean platformCertificates) {
        this.platformCertificates = platformCertificates;
        courier = new NotificationCourier(duplicateAfter);
        weChatPay = new WeChatPaySimulator(Clock.systemUTC(), cashier, courier, platformCertificates, keys);
        alipay = new AlipaySimulator(Clock.systemUTC(), cashier, courier, keys);
        unionPay = new UnionPaySimulator(Clock.systemUTC(), cashier, courier, keys);
        pages = new CashierPages(cashier);
    }

    public SandboxCashier cashier() {
        return cashier;
    }

    public List<SandboxGateway.Simulator> simulators() {
        return List.of(weChatPay, alipay, unionPay, pages.page(), pages.api());
    }

    /** For the tests that make a channel misbehave. */
    public WeChatPaySimulator weChatPay() {
        return weChatPay;
    }

    public AlipaySimulator alipay() {
        return alipay;
    }

    public UnionPaySimulator unionPay() {
        return unionPay;
    }

    /**
     * What a node is configured with to pay through this sandbox; the key files it names are written into {@code
     * files} (readable by the owner only).
     */
    public Map<String, String> nodeProperties(SandboxGateway gateway, Path files) {
        try {
            Files.createDirectories(files);
            Map<String, String> p = new LinkedHashMap<>();
            p.put("citycard.payment.channels.address", gateway.host());
            p.put("citycard.payment.channels.trust", pem(files.resolve("sandbox-ca.pem"), "CERTIFICATE", gateway.ca().getEncoded()));
            p.put("citycard.payment.wechat.mch-id", WeChatPaySimulator.MCH_ID);
            p.put("citycard.payment.wechat.app-id", WeChatPaySimulator.APP_ID);
            p.put("citycard.payment.wechat.api-v3-key", weChatPay.apiV3Key);
            p.put("citycard.payment.wechat.merchant-serial-no", weChatPay.merchantSerialNo);
            p.put("citycard.payment.wechat.private-key-path",
                    pem(files.resolve("apiclient_key.pem"), "PRIVATE KEY", weChatPay.merchantKeys.getPrivate()));
            p.put("citycard.payment.wechat.public-key-id", WeChatPaySimulator.PUBLIC_KEY_ID);
            p.put("citycard.payment.wechat.public-key-path",
                    pem(files.resolve("pub_key.pem"), "PUBLIC KEY", weChatPay.platformPublicKey()));
            p.put("citycard.payment.wechat.base-url", gateway.baseUrl("api.mch.weixin.qq.com"));
            p.put("citycard.payment.wechat.key-mode", platformCertificates ? "PLATFORM_CERTIFICATE" : "PUBLIC_KEY");
            p.put("citycard.payment.alipay.app-id", AlipaySimulator.APP_ID);
            p.put("citycard.payment.alipay.seller-id", AlipaySimulator.SELLER_ID);
            p.put("citycard.payment.alipay.private-key", alipay.appPrivateKey());
            p.put("citycard.payment.alipay.alipay-public-key", alipay.gatewayPublicKey());
            p.put("citycard.payment.alipay.gateway", gateway.plainBaseUrl() + "/gateway.do");
            char[] password = "sandbox".toCharArray();
            Path store = files.resolve("acp_sign.pfx");
            try (var out = Files.newOutputStream(store)) {
                unionPay.merchantStore(password).store(out, password);
            }
            ownerOnly(store);
            p.put("citycard.payment.unionpay.mer-id", UnionPaySimulator.MER_ID);
            p.put("citycard.payment.unionpay.sign-cert-path", store.toString());
            p.put("citycard.payment.unionpay.sign-cert-password", new String(password));
            p.put("citycard.payment.unionpay.root-cert-path", certificate(files.resolve("acp_root.cer"), unionPay.root));
            p.put("citycard.payment.unionpay.middle-cert-path", certificate(files.resolve("acp_middle.cer"), unionPay.middle));
            p.put("citycard.payment.unionpay.signer-name", UnionPaySimulator.SIGNER);
            p.put("citycard.payment.unionpay.gateway", gateway.baseUrl("gateway.95516.com"));
            p.put("citycard.payment.unionpay.file-gateway", gateway.baseUrl("filedownload.95516.com"));
            p.put("citycard.payment.sandbox-cashier", gateway.plainBaseUrl() + "/cashier");
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String certificate(Path file, X509Certificate certificate) throws IOException,
            java.security.cert.CertificateEncodingException {
        return pem(file, "CERTIFICATE", certificate.getEncoded());
    }

    private static String pem(Path file, String type, Key key) throws IOException {
        return pem(file, type, key.getEncoded());
    }

    private static String pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        ownerOnly(file);
        return file.toString();
    }

    private static void ownerOnly(Path file) {
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
    }

    @Override
    public void close() {
        courier.close();
    }
}
