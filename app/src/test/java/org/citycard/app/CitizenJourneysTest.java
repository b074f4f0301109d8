package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.citycard.card.CardSamples;
import org.citycard.card.SmsInbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** A citizen's journeys in a real Chromium: register, real-name, the card, its codes, a loss report. */
class CitizenJourneysTest extends PlatformTest {

    private Browser browser;

    @Autowired
    SmsInbox inbox;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(url(""));
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void a_citizen_registers_passes_real_name_shows_the_ride_code_reports_loss_and_the_terminal_rejects_it()
            throws Exception {
        String phone = CardSamples.phone();
        browser.go("/register");
        browser.type("#register-phone input", phone);
        browser.click("#register-send-code");
        browser.type("#register-code input", CardSamples.lastCode(inbox, phone));
        browser.type("#register-password input", "huangshi2026");
        browser.click("#register-submit");
        browser.waitFor(d -> !d.getCurrentUrl().contains("/register") && !d.getCurrentUrl().contains("oauth2"));
        browser.settle();

        browser.go("/me/real-name");
        browser.type("#realname-name input", "李秀英");
        browser.type("#realname-id-number input", "420202198001010011");
        browser.type("#realname-phone input", phone);
        browser.click("#realname-send-code");
        browser.type("#realname-code input", CardSamples.lastCode(inbox, phone));
        browser.click("#realname-submit");
        // the checksum is wrong: the citizen is told so, next to the form
        browser.waitFor(d -> d.findElement(By.id("realname-error")).getText().contains("校验位"));
        browser.type("#realname-id-number input", CardSamples.idNumber());
        browser.click("#realname-submit");
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/me/card"));
        browser.settle();

        browser.click("#card-apply");
        browser.waitFor(d -> d.findElement(By.id("card-status")).getText().equals("正常"));
        assertThat(browser.find("#card-number").getText()).matches("4202 \\d{4} \\d{4} \\d{4} \\d{3}");
        browser.screenshot("citizen-card-face");

        browser.go("/me/codes");
        String ride = browser.find("#code .cc-qr").getAttribute("data-code");
        assertThat(ride).hasSize(131);
        assertThat(browser.find("#code-countdown").getText()).contains("秒后自动更新");
        browser.screenshot("citizen-ride-code");

        browser.go("/me/card");
        browser.click("#card-report-loss");
        browser.type("#card-report-loss-reason input", "手机丢了");
        browser.click("#card-report-loss-confirm");
        browser.waitFor(d -> d.findElement(By.id("card-status")).getText().equals("已挂失"));

        HttpResponse<String> verdict = verify(ride);
        assertThat(verdict.statusCode()).isEqualTo(422);
        assertThat(verdict.body()).contains("code.card-frozen");

        browser.go("/me/codes");
        assertThat(browser.find("#code").getText()).contains("卡片不是正常状态");
    }

    @Test
    void the_sign_in_page_tells_a_wrong_password_without_saying_which_part_was_wrong() {
        browser.go("/signin");
        browser.type("#signin-login input", "13900000000");
        browser.type("#signin-password input", "wrong-password-1");
        browser.click("#signin-submit");
        assertThat(browser.find("#signin-error").getText()).isEqualTo("账号或密码不正确，请检查后重试。");
        // a citizen page sends a visitor who is not signed in to the sign-in page
        browser.driver().get(url("/me"));
        browser.waitFor(d -> d.getCurrentUrl().contains("/signin"));
    }

    private HttpResponse<String> verify(String code) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        var token = http.send(HttpRequest.newBuilder(URI.create(url("/oauth2/token")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "terminal-test:terminal-test-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=terminal.verify")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String accessToken = token.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        return http.send(HttpRequest.newBuilder(URI.create(url("/api/terminal/v1/codes/verify")))
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"place\":\"23路\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
