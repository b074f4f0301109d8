package org.citycard.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.citycard.sandbox.login.LoginSandbox;
import org.citycard.sandbox.payment.PaymentSandbox;
import org.citycard.sandbox.payment.SandboxCashier;
import org.citycard.sandbox.payment.SandboxGateway;
import org.citycard.sandbox.payment.SandboxKeys;
import org.citycard.sandbox.sms.SmsSandbox;

/**
 * The outside world in a box: the payment channels with their cashier, the mini-program platforms' sign-in and an
 * SMS provider, each speaking its real protocol with keys of its own, on one HTTPS port (under the channels' real
 * host names, with the sandbox's own CA) and one plain HTTP port (its pages, Alipay's gateway, the logins, SMS).
 * A node is configured for it exactly as for the real services: {@link #nodeProperties()}, also written to
 * {@code node.properties} in its folder when it has one.
 */
public final class Sandbox implements AutoCloseable {

    /**
     * How to run: {@code dir} keeps keys and the files nodes are given (null: a temporary folder and keys that live
     * as long as the process); {@code bind}, the address to listen on and that nodes reach; ports (0: any free one).
     */
    public record Settings(Path dir, String bind, int httpsPort, int httpPort, Duration duplicateAfter,
                           boolean weChatPlatformCertificates, String smsToken, Duration slowAnswer,
                           boolean billerFilesSameDay) {
        public Settings(Path dir, String bind, int httpsPort, int httpPort, Duration duplicateAfter,
                        boolean weChatPlatformCertificates, String smsToken) {
            this(dir, bind, httpsPort, httpPort, duplicateAfter, weChatPlatformCertificates, smsToken, null, false);
        }

        public Settings {
            slowAnswer = slowAnswer == null ? Duration.ofSeconds(12) : slowAnswer;
            bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
            duplicateAfter = duplicateAfter == null ? Duration.ofSeconds(1) : duplicateAfter;
            smsToken = smsToken == null || smsToken.isBlank() ? "sandbox-sms-token" : smsToken;
        }
    }

    private final PaymentSandbox payments;
    private final LoginSandbox logins;
    private final SmsSandbox sms;
    private final org.citycard.sandbox.biller.BillerSandbox billers;
    private final org.citycard.sandbox.parking.ParkingSandbox parking;
    private final org.citycard.sandbox.health.HealthPlatformSandbox health;
    private final SandboxGateway gateway;
    private final Map<String, String> nodeProperties;

    private Sandbox(Settings settings) {
        SandboxKeys keys = new SandboxKeys(settings.dir() == null ? null : settings.dir().resolve("keys"));
        payments = new PaymentSandbox(keys, settings.duplicateAfter(), settings.weChatPlatformCertificates());
        logins = new LoginSandbox(keys);
        sms = new SmsSandbox(keys.secret("sms-token", settings::smsToken));
        List<SandboxGateway.Simulator> simulators = new ArrayList<>(payments.simulators());
        simulators.addAll(logins.simulators());
        simulators.add(sms);
        billers = new org.citycard.sandbox.biller.BillerSandbox(keys, java.time.Clock.systemUTC(), settings.slowAnswer(),
                settings.billerFilesSameDay());
        simulators.add(billers);
        parking = new org.citycard.sandbox.parking.ParkingSandbox(keys, java.time.Clock.systemUTC());
        simulators.add(parking);
        health = new org.citycard.sandbox.health.HealthPlatformSandbox(keys, java.time.Clock.systemUTC());
        simulators.add(health);
        simulators.add(new Home());
        gateway = new SandboxGateway(settings.bind(), settings.httpsPort(), settings.httpPort(), simulators, keys);
        Path files = settings.dir() != null ? settings.dir().resolve("node") : temporary();
        Map<String, String> properties = new LinkedHashMap<>(payments.nodeProperties(gateway, files));
        properties.putAll(logins.nodeProperties(gateway.plainBaseUrl()));
        properties.putAll(sms.nodeProperties(gateway.plainBaseUrl()));
        properties.putAll(billers.nodeProperties(gateway.plainBaseUrl()));
        properties.putAll(parking.nodeProperties());
        properties.putAll(health.nodeProperties(gateway.plainBaseUrl()));
        properties.put("citycard.sandbox.url", gateway.plainBaseUrl());
        nodeProperties = Map.copyOf(properties);
        if (settings.dir() != null) {
            write(settings.dir().resolve("node.properties"));
        }
    }

    /** A value as a properties file holds it: ASCII, whatever reads it (Spring reads ISO-8859-1). */
    private static String escaped(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** What a node is configured with, as a properties file (readable by its owner only). */
    private void write(Path file) {
        try (java.io.Writer out = Files.newBufferedWriter(file)) {
            out.write("# What a CityCard node is configured with to use this sandbox (as for the real services)\n");
            for (var e : new java.util.TreeMap<>(nodeProperties).entrySet()) {
                out.write(e.getKey() + "=" + escaped(e.getValue()) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
    }

    public static Sandbox start(Settings settings) {
        return new Sandbox(settings);
    }

    /** The settings a node uses this sandbox with, as it would the real services. */
    public Map<String, String> nodeProperties() {
        return nodeProperties;
    }

    /** Its pages and plain APIs, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return gateway.plainBaseUrl();
    }

    public SandboxCashier cashier() {
        return payments.cashier();
    }

    public PaymentSandbox payments() {
        return payments;
    }

    public SmsSandbox sms() {
        return sms;
    }

    public org.citycard.sandbox.parking.ParkingSandbox parking() {
        return parking;
    }

    /** Where the platform listens, for the simulated parking operators to send their gate events to. */
    public void platform(String baseUrl) {
        parking.platform(baseUrl);
    }

    public org.citycard.sandbox.health.HealthPlatformSandbox health() {
        return health;
    }

    public org.citycard.sandbox.biller.BillerSandbox billers() {
        return billers;
    }

    private static Path temporary() {
        try {
            Path dir = Files.createTempDirectory("citycard-sandbox");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        payments.close();
    }

    /** The sandbox's front page: what is here. */
    private static final class Home implements SandboxGateway.Simulator {
        @Override
        public String prefix() {
            return "/home";
        }

        @Override
        public boolean overTls() {
            return false;
        }

        @Override
        public SandboxGateway.Response handle(SandboxGateway.Request request) {
            return Html.page("CityCard 沙箱 sandbox", "<h1>CityCard 沙箱 <span lang=\"en\">sandbox</span></h1>"
                    + "<p class=\"note\">开发与测试专用，代替真实的支付渠道、小程序登录和短信服务商。"
                    + "<span lang=\"en\">Stands in for the payment channels, mini-program sign-in and the SMS provider.</span></p>"
                    + "<ul><li><a href=\"/cashier\">收银台 <span lang=\"en\">Cashier</span></a></li>"
                    + "<li><a href=\"/sms\">短信收件箱 <span lang=\"en\">SMS inbox</span></a></li>"
                    + "<li><a href=\"/billers\">缴费机构 <span lang=\"en\">Billers</span></a></li>"
                    + "<li><a href=\"/parking\">停车场模拟器 <span lang=\"en\">Parking operators</span></a></li>"
                    + "<li><a href=\"/ehc\">省级电子健康卡平台 <span lang=\"en\">E-health card platform</span></a></li></ul>");
        }
    }
}
