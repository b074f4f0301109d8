package org.citycard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox as a process of its own would run it: its keys kept in its folder so that nodes configured with them go
 * on trusting it after a restart, its SMS provider taking messages only with the nodes' token, and its pages.
 */
class SandboxTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_restarted_sandbox_keeps_the_keys_and_addresses_nodes_are_configured_with(@TempDir Path dir) throws Exception {
        Map<String, String> first;
        String ca;
        try (Sandbox sandbox = Sandbox.start(settings(dir))) {
            first = sandbox.nodeProperties();
            ca = Files.readString(Path.of(first.get("citycard.payment.channels.trust")));
            assertThat(first).containsEntry("citycard.payment.channels.address", "127.0.0.1")
                    .containsKey("citycard.payment.wechat.private-key-path")
                    .containsKey("citycard.mp.alipay.alipay-public-key")
                    .containsEntry("citycard.card.sms.sender", "http");
            assertThat(first.get("citycard.payment.wechat.base-url")).startsWith("https://api.mch.weixin.qq.com:");
        }
        try (Sandbox again = Sandbox.start(settings(dir))) {
            Map<String, String> second = again.nodeProperties();
            assertThat(Files.readString(Path.of(second.get("citycard.payment.channels.trust")))).isEqualTo(ca);
            for (String key : new String[] {"citycard.payment.alipay.alipay-public-key", "citycard.payment.wechat.api-v3-key",
                    "citycard.payment.wechat.merchant-serial-no", "citycard.mp.wechat.secret", "citycard.card.sms.http-token"}) {
                assertThat(second.get(key)).as(key).isEqualTo(first.get(key));
            }
            assertThat(Files.readString(Path.of(second.get("citycard.payment.wechat.public-key-path"))))
                    .isEqualTo(Files.readString(Path.of(first.get("citycard.payment.wechat.public-key-path"))));
            // and written down for the nodes, non-ASCII escaped as a properties file wants it
            java.util.Properties written = new java.util.Properties();
            try (var in = Files.newInputStream(dir.resolve("node.properties"))) {
                written.load(in);
            }
            assertThat(written).containsAllEntriesOf(second).hasSameSizeAs(second);
            assertThat(written.getProperty("citycard.payment.unionpay.signer-name")).isEqualTo("中国银联股份有限公司");
        }
        // what nodes are given is readable by its owner only
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys/alipay-app.key")).toString()).doesNotContain("OTHERS");
    }

    @Test
    void the_sms_provider_takes_messages_only_with_the_token_and_shows_them_masked_and_escaped(@TempDir Path dir)
            throws Exception {
        try (Sandbox sandbox = Sandbox.start(settings(dir))) {
            String send = sandbox.nodeProperties().get("citycard.card.sms.http-url");
            String token = sandbox.nodeProperties().get("citycard.card.sms.http-token");
            String message = "{\"phone\":\"13800138000\",\"text\":\"验证码 123456 <script>alert(1)</script>\"}";
            assertThat(post(send, message, "Bearer wrong").statusCode()).isEqualTo(401);
            assertThat(post(send, "{\"phone\":\"12345\",\"text\":\"x\"}", "Bearer " + token).statusCode()).isEqualTo(400);
            assertThat(post(send, "not json", "Bearer " + token).statusCode()).isEqualTo(400);
            // a body over what a message can be is refused; one far over it, before it is read: the 413 goes out and
            // the connection is closed, and a client still sending may see the close before the answer
            assertThat(post(send, "x".repeat(70_000), "Bearer " + token).statusCode()).isEqualTo(413);
            try {
                assertThat(post(send, "x".repeat(20_000_000), "Bearer " + token).statusCode()).isEqualTo(413);
            } catch (java.io.IOException closedWhileSending) {
                // refused all the same; the sandbox goes on serving (below)
            }
            assertThat(post(send, "{\"phone\":\"13800138000\",\"text\":\"a\u0000b\u0007\"}", "Bearer " + token)
                    .statusCode()).isEqualTo(400);
            assertThat(post(send, message, "Bearer " + token).statusCode()).isEqualTo(200);
            assertThat(sandbox.sms().messages("13800138000")).hasSize(1);
            String page = get(sandbox.url() + "/sms").body();
            assertThat(page).contains("138****8000").contains("&lt;script&gt;").doesNotContain("<script>")
                    .doesNotContain("13800138000");
            assertThat(get(sandbox.url() + "/sms/messages?phone=13800138000").body()).contains("验证码 123456");
            assertThat(get(sandbox.url() + "/sms/messages?phone=%ff").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void the_cashier_says_when_nothing_is_waiting_and_refuses_unknown_tokens(@TempDir Path dir) throws Exception {
        try (Sandbox sandbox = Sandbox.start(settings(dir))) {
            var page = get(sandbox.url() + "/cashier?order=%3Cb%3E&pr=%3Cscript%3E");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    csp -> assertThat(csp).contains("default-src 'none'"));
            assertThat(page.body()).contains("现在没有等待支付的订单").doesNotContain("<b>").doesNotContain("<script>");
            assertThat(post(sandbox.url() + "/payments/nope/approve", "", null).statusCode()).isEqualTo(404);
            assertThat(get(sandbox.url() + "/payments").body()).isEqualTo("[]");
            assertThat(get(sandbox.url() + "/home").body()).contains("/cashier").contains("/sms");
        }
    }

    private static Sandbox.Settings settings(Path dir) {
        return new Sandbox.Settings(dir, null, 0, 0, Duration.ofSeconds(1), false, null);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
