package org.citycard.payment.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.citycard.payment.alipay.AlipayAccount;
import org.citycard.payment.alipay.AlipayAccountSource;
import org.citycard.payment.unionpay.UnionPayAccount;
import org.citycard.payment.unionpay.UnionPayAccountSource;
import org.citycard.payment.unionpay.UnionPayProperties;
import org.citycard.payment.wechatpay.WeChatPayAccount;
import org.citycard.payment.wechatpay.WeChatPayAccountSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.binarywang.wxpay.config.HttpClientBuilderCustomizer;

/**
 * The sandbox, on when {@code citycard.payment.sandbox.enabled=true}: the gateway on {@code
 * citycard.payment.sandbox.port} (0 picks a free port) and the accounts that point the channels at it. Clients
 * keep the real host names; only while in the sandbox do those names resolve to the loopback address (anything
 * else fails to resolve) and only the sandbox CA is trusted.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "citycard.payment.sandbox.enabled", havingValue = "true")
class PaymentSandboxConfiguration {

    @Bean
    SandboxCashier sandboxCashier() {
        return new SandboxCashier();
    }

    @Bean(destroyMethod = "close")
    NotificationCourier sandboxNotificationCourier(
            @Value("${citycard.payment.sandbox.duplicate-after:PT1S}") Duration duplicateAfter) {
        return new NotificationCourier(duplicateAfter);
    }

    @Bean
    WeChatPaySimulator weChatPaySimulator(SandboxCashier cashier, NotificationCourier courier,
                                          @Value("${citycard.payment.wechat.key-mode:PUBLIC_KEY}") WeChatPayAccount.KeyMode mode) {
        return new WeChatPaySimulator(Clock.systemUTC(), cashier, courier,
                mode == WeChatPayAccount.KeyMode.PLATFORM_CERTIFICATE);
    }

    @Bean
    AlipaySimulator alipaySimulator(SandboxCashier cashier, NotificationCourier courier) {
        return new AlipaySimulator(Clock.systemUTC(), cashier, courier);
    }

    @Bean
    UnionPaySimulator unionPaySimulator(SandboxCashier cashier, NotificationCourier courier) {
        return new UnionPaySimulator(Clock.systemUTC(), cashier, courier);
    }

    @Bean(destroyMethod = "close")
    SandboxGateway sandboxGateway(@Value("${citycard.payment.sandbox.port:0}") int port,
                                  @Value("${citycard.payment.sandbox.http-port:0}") int httpPort,
                                  WeChatPaySimulator weChatPay, AlipaySimulator alipay, UnionPaySimulator unionPay) {
        return new SandboxGateway(port, httpPort, List.of(weChatPay, alipay, unionPay));
    }

    /**
     * The merchant's certificate goes through the same path as a real one: a PKCS#12 file and its password, and
     * UnionPay's root and middle certificates as PEM files.
     */
    @Bean
    UnionPayAccountSource sandboxUnionPayAccount(SandboxGateway gateway, UnionPaySimulator simulator)
            throws Exception {
        Path dir = Files.createTempDirectory("citycard-sandbox-unionpay");
        dir.toFile().deleteOnExit();
        char[] password = "sandbox".toCharArray();
        Path store = dir.resolve("acp_sign.pfx");
        try (var out = Files.newOutputStream(store)) {
            simulator.merchantStore(password).store(out, password);
        }
        store.toFile().deleteOnExit();
        Path root = certificate(dir.resolve("acp_root.cer"), simulator.root);
        Path middle = certificate(dir.resolve("acp_middle.cer"), simulator.middle);
        UnionPayProperties properties = new UnionPayProperties(UnionPaySimulator.MER_ID, store.toString(),
                new String(password), root.toString(), middle.toString(), UnionPaySimulator.SIGNER,
                gateway.baseUrl("gateway.95516.com"), gateway.baseUrl("filedownload.95516.com"));
        UnionPayAccount account = UnionPayProperties.sandboxed(properties, transport(gateway)::customize);
        return () -> account;
    }

    private static Path certificate(Path file, java.security.cert.X509Certificate certificate) throws Exception {
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        file.toFile().deleteOnExit();
        return file;
    }

    @Bean
    AlipayAccountSource sandboxAlipayAccount(SandboxGateway gateway, AlipaySimulator simulator) {
        AlipayAccount account = new AlipayAccount(AlipaySimulator.APP_ID, AlipaySimulator.SELLER_ID,
                simulator.appPrivateKey(), simulator.gatewayPublicKey(), gateway.plainBaseUrl() + "/gateway.do");
        return () -> account;
    }

    @Bean
    WeChatPayAccountSource sandboxWeChatPayAccount(SandboxGateway gateway, WeChatPaySimulator simulator,
            @Value("${citycard.payment.wechat.key-mode:PUBLIC_KEY}") WeChatPayAccount.KeyMode mode) throws IOException {
        Path keys = Files.createTempDirectory("citycard-sandbox-wechatpay");
        keys.toFile().deleteOnExit();
        Path privateKey = pem(keys.resolve("apiclient_key.pem"), "PRIVATE KEY", simulator.merchantKeys.getPrivate());
        Path publicKey = pem(keys.resolve("pub_key.pem"), "PUBLIC KEY", simulator.platformPublicKey());
        WeChatPayAccount account = new WeChatPayAccount(WeChatPaySimulator.MCH_ID, WeChatPaySimulator.APP_ID,
                simulator.apiV3Key, simulator.merchantSerialNo, privateKey.toString(), WeChatPaySimulator.PUBLIC_KEY_ID,
                publicKey.toString(), gateway.baseUrl("api.mch.weixin.qq.com"), transport(gateway), mode);
        return () -> account;
    }

    static HttpClientBuilderCustomizer transport(SandboxGateway gateway) {
        return builder -> builder.setSSLContext(gateway.clientTrust()).setDnsResolver(host -> {
            if (SandboxGateway.HOSTS.stream().anyMatch(name -> name.equals(host)
                    || name.startsWith("*.") && host.endsWith(name.substring(1)))) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }
            throw new UnknownHostException(host + " is outside the payment sandbox");
        });
    }

    private static Path pem(Path file, String type, Key key) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        file.toFile().deleteOnExit();
        return file;
    }
}
