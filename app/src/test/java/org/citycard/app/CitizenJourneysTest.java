package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
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
    void closeBrowser(org.junit.jupiter.api.TestInfo test) {
        // the last thing the browser showed, for whoever reads a failed run
        browser.screenshot("last-" + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
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
        browser.type("#card-report-loss-reason textarea", "手机丢了");
        browser.click("#card-report-loss-confirm");
        browser.waitFor(d -> d.findElement(By.id("card-status")).getText().equals("已挂失"));

        HttpResponse<String> verdict = verify(ride);
        assertThat(verdict.statusCode()).isEqualTo(422);
        assertThat(verdict.body()).contains("code.card-frozen");

        browser.go("/me/codes");
        assertThat(browser.find("#code").getText()).contains("卡片不是正常状态");
    }

    @Test
    void the_codes_page_switches_codes_and_passes_axe_in_chinese_english_elder_and_dark_mode() {
        String phone = CardSamples.phone();
        cardHolder(phone);
        browser.signIn(phone, "counter2026");
        browser.go("/me/codes");
        String ride = browser.find("#code .cc-qr").getAttribute("data-code");
        assertThat(browser.find("#code-tab-ride").getAttribute("aria-pressed")).isEqualTo("true");
        browser.assertAccessible("/me/codes in Chinese");
        browser.click("#code-tab-health");
        browser.waitFor(d -> !ride.equals(d.findElement(By.cssSelector("#code .cc-qr")).getAttribute("data-code")));
        assertThat(browser.find("#code-tab-health").getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.find("#code-tab-ride").getAttribute("aria-pressed")).isEqualTo("false");
        browser.click("#language-toggle");
        browser.go("/me/codes");
        browser.assertAccessible("/me/codes in English");
        browser.click("#elder-toggle");
        browser.go("/me/codes");
        browser.assertAccessible("/me/codes in English, elder mode");
        // elder mode keeps its own high-contrast light look (it hides the dark switch): dark is audited apart
        browser.click("#elder-toggle");
        browser.click("#dark-toggle");
        browser.go("/me/codes");
        browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
        browser.assertAccessible("/me/codes in English, dark mode");
        browser.click("#language-toggle");
        browser.go("/me/codes");
        browser.assertAccessible("/me/codes in Chinese, dark mode");
        browser.click("#dark-toggle");
        browser.assertNoCspViolations();
    }

    @Test
    void a_browser_asking_for_many_codes_first_solves_the_human_check_by_itself_then_is_stopped() {
        List<String> phones = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String phone = CardSamples.phone();
            phones.add(phone);
            browser.go("/register");
            browser.type("#register-phone input", phone);
            browser.click("#register-send-code");
            // from the fourth code the browser runs the proof of work first; nobody has to do anything
            browser.waitFor(d -> d.findElement(By.id("register-send-code")).getText().contains("秒"));
            assertThat(CardSamples.lastCode(inbox, phone)).matches("\\d{6}");
        }
        browser.assertAccessible("/register after codes were sent");
        String sixth = CardSamples.phone();
        browser.go("/register");
        browser.type("#register-phone input", sixth);
        browser.click("#register-send-code");
        browser.waitFor(d -> d.findElement(By.cssSelector("#register-phone")).getAttribute("invalid") != null);
        assertThat(browser.find("#register-phone").getText()).contains("验证码请求太多");
        assertThat(inbox.messages()).noneMatch(m -> m.phoneMasked().equals(sixth.substring(0, 3) + "****" + sixth.substring(7)));
        browser.assertNoCspViolations();
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

    @Test
    void an_operator_freezes_a_card_at_the_counter_and_an_adjustment_needs_a_second_finance_officer() {
        String phone = CardSamples.phone();
        org.citycard.card.CitizenId citizen = cardHolder(phone);

        browser.signIn("operator", "operator-test-pw");
        browser.go("/admin/citizens");
        browser.type("#citizen-query input", phone);
        browser.click("#citizen-search");
        assertThat(browser.find("#citizen-result").getText()).contains(phone.substring(0, 3) + "****" + phone.substring(7))
                .doesNotContain(phone);
        browser.click("#admin-report-loss");
        browser.type("#admin-report-loss-reason textarea", "本人来电挂失，已核验身份");
        browser.click("#admin-report-loss-confirm");
        browser.waitFor(d -> d.findElement(By.id("citizen-card-status")).getText().contains("已挂失"));
        assertThat(cards.history(citizen)).first().satisfies(event -> {
            assertThat(event.actor()).isEqualTo("operator");
            assertThat(event.reason()).isEqualTo("本人来电挂失，已核验身份");
        });
        browser.signOut();

        browser.signIn("finance1", "finance1-test-pw");
        browser.go("/admin/adjustments");
        browser.type("#adjust-citizen input", phone);
        browser.type("#adjust-amount input", "12.50");
        browser.type("#adjust-reason input", "补偿重复扣费");
        browser.click("#adjust-request");
        browser.click("#adjust-approve");
        browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("双人复核：申请人不能复核自己的调账"));
        assertThat(wallets.balance(citizen)).hasValue(0);
        browser.signOut();

        browser.signIn("finance2", "finance2-test-pw");
        browser.go("/admin/adjustments");
        browser.click("#adjust-approve");
        browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("已入账"));
        assertThat(wallets.balance(citizen)).hasValue(1250);
    }

    @Test
    void a_citizen_signs_in_with_an_sms_code_keeps_a_favourite_and_shows_a_larger_code_in_elder_mode() {
        String phone = CardSamples.phone();
        cardHolder(phone);
        browser.go("/signin");
        browser.findAll("#signin-mode vaadin-radio-button").get(1).click();
        browser.settle();
        browser.type("#signin-phone input", phone);
        browser.click("#signin-send-code");
        browser.type("#signin-code input", CardSamples.lastCode(inbox, phone));
        browser.click("#signin-submit");
        browser.waitFor(d -> !d.getCurrentUrl().contains("/signin") && !d.getCurrentUrl().contains("oauth2")
                && !d.getCurrentUrl().contains("/login"));
        browser.settle();

        browser.go("/service/420200SW-GG-0001");
        browser.click("#favourite-toggle");
        assertThat(browser.find("#favourite-toggle").getAttribute("aria-pressed")).isEqualTo("true");
        browser.go("/me");
        assertThat(browser.find(".cc-me").getText()).contains("收藏的服务").contains("水费缴纳").contains("最近浏览");

        browser.go("/me/codes");
        long normal = browser.find("#code .cc-qr").getRect().getWidth();
        browser.click("#elder-toggle");
        browser.go("/me/codes");
        long elder = browser.find("#code .cc-qr").getRect().getWidth();
        assertThat(elder).isGreaterThan(normal);
        browser.screenshot("citizen-codes-elder");
    }

    @Test
    void a_citizen_tops_up_through_the_wechat_pay_sandbox_and_sees_the_new_balance_without_reloading() {
        String phone = CardSamples.phone();
        org.citycard.card.CitizenId citizen = cardHolder(phone);
        browser.signIn(phone, "counter2026");
        // from the catalog: 市民卡钱包充值's 立即办理 opens the top-up
        browser.go("/service/420200SM-GG-0004");
        browser.click("#start-service");
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/me/wallet/top-up"));
        browser.settle();
        assertThat(browser.find("#top-up-other").getText()).contains("¥1.00 至 ¥2,000.00");
        // an amount finer than the fen is refused, not replaced by the preset
        browser.type("#top-up-other input", "12.345");
        browser.click("#top-up-pay");
        browser.waitFor(d -> d.findElement(By.id("top-up-other")).getAttribute("invalid") != null);
        assertThat(browser.find("#top-up-other").getText()).contains("可精确到分");
        assertThat(paymentOrders.ofCitizen(citizen, 10)).isEmpty();
        browser.findAll("#top-up-preset vaadin-radio-button").get(2).click();
        browser.click("#top-up-pay");
        browser.waitFor(d -> d.findElement(By.cssSelector("#top-up-qr svg")).isDisplayed());
        assertThat(browser.find("#top-up-countdown").getText()).matches("二维码剩余有效时间 1[45]:\\d\\d");
        assertThat(browser.find("#top-up-result").getText()).contains("¥100.00").contains("微信支付");
        browser.screenshot("top-up-qr");

        // the citizen's phone: the sandbox cashier, in another tab
        String page = browser.driver().getWindowHandle();
        String cashier = browser.find("#top-up-sandbox-cashier").getAttribute("href");
        browser.driver().switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        browser.driver().get(cashier);
        browser.assertAccessible("sandbox-cashier");
        browser.click(".highlighted .cashier-approve");
        browser.waitFor(d -> d.findElement(By.id("cashier-outcome")).getText().contains("已支付 ¥100.00"));
        browser.driver().close();
        browser.driver().switchTo().window(page);

        // no reload: the page learns of the payment and of the credited wallet by itself
        browser.waitFor(d -> d.findElement(By.id("top-up-paid")).getText().equals("充值成功：¥100.00"));
        browser.waitFor(d -> d.findElement(By.id("top-up-balance")).getText().equals("余额 ¥100.00"));
        assertThat(wallets.balance(citizen)).hasValue(10_000);
        browser.screenshot("top-up-paid");

        // in English and in elder mode the top-up page reads the same, in larger type
        browser.go("/me/wallet/top-up");
        int normal = browser.find("#top-up-pay").getRect().getHeight();
        browser.click("#language-toggle");
        browser.click("#elder-toggle");
        browser.go("/me/wallet/top-up");
        assertThat(browser.find("h1").getText()).isEqualTo("Top up the wallet");
        assertThat(browser.find("#top-up-channel").getText()).contains("WeChat Pay").contains("Alipay")
                .contains("UnionPay QuickPass");
        assertThat(browser.find("#top-up-pay").getRect().getHeight()).isGreaterThan(normal);
        browser.screenshot("top-up-english-elder");
        // and so do the order history and its receipt
        browser.go("/me/orders");
        assertThat(browser.find("#orders").getText()).contains("Paid");
        browser.click(".cc-receipt-button");
        browser.waitFor(d -> d.findElement(By.id("order-receipt")).getText().contains("WeChat Pay"));
        assertThat(browser.find("#order-receipt").getText()).contains("Channel transaction");
        browser.screenshot("orders-english-elder");
        browser.go("/me/wallet/top-up");
        browser.click("#language-toggle");
        browser.click("#elder-toggle");

        browser.go("/me/orders");
        assertThat(browser.find("#orders").getText()).contains("钱包充值 ¥100.00").contains("已支付");
        browser.click(".cc-receipt-button");
        browser.waitFor(d -> d.findElement(By.id("order-receipt")).getText().contains("微信支付"));
        assertThat(browser.find("#order-receipt").getText()).contains("渠道交易号").containsPattern("42000\\d{23}");
    }

    @Test
    void finance_staff_follow_a_top_up_from_its_timeline_to_the_raw_signed_notifications() {
        String phone = CardSamples.phone();
        org.citycard.card.CitizenId citizen = cardHolder(phone);
        var order = ((org.citycard.wallet.TopUps.Result.Created) topUps.start(citizen, 60_000, null)).order();
        checkout.pay(citizen, order.no(), org.citycard.payment.ChannelId.WECHAT_PAY, org.citycard.payment.Scene.WEB_QR);
        sandbox.cashier().approve(sandbox.cashier().forOrder(order.no().value()).orElseThrow().token());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> notifications.ofOrder(order.no()).size() >= 2);

        browser.signIn("finance1", "finance1-test-pw");
        browser.go("/admin/payments");
        browser.type("#payments-order-no input", order.no().value());
        browser.click("#payments-search");
        browser.waitFor(d -> d.findElement(By.id("payments-orders")).getText().contains("已支付"));
        browser.waitFor(d -> d.findElement(By.id("payments-timeline")).getText().contains("支付中 → 已支付"));
        String detail = browser.find("#payments-detail").getText();
        assertThat(detail).contains("已处理").contains("重复");
        assertThat(browser.find("#payments-health").getText()).contains("微信支付");
        browser.screenshot("admin-payments");

        // ¥600 is above the four-eyes amount: the refund waits, and its requester cannot approve it
        browser.type("#payments-refund-amount input", "600");
        browser.type("#payments-refund-reason input", "市民重复充值，原路退回");
        browser.click("#payments-refund");
        browser.waitFor(d -> d.findElement(By.id("payments-approvals")).getText().contains("市民重复充值"));
        browser.click(".cc-refund-approve");
        browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("申请人不能复核自己的退款"));
        assertThat(wallets.balance(citizen)).hasValue(60_000);
        browser.type("#payments-order-no input", "not-an-order");
        browser.click("#payments-search");
        browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("订单号是 CC 加 24 位数字"));
        browser.signOut();

        browser.signIn("finance2", "finance2-test-pw");
        browser.go("/admin/payments");
        browser.click(".cc-refund-approve");
        browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("退款已提交"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> wallets.balance(citizen).orElse(-1) == 0);
        assertThat(paymentOrders.find(order.no()).orElseThrow().refundedFen()).isEqualTo(60_000);

        // today's statements: the payment and its refund are in WeChat Pay's bill and match ours
        browser.go("/admin/reconciliation?day=" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
        browser.click("#reconciliation-run");
        browser.waitFor(d -> d.findElement(By.id("reconciliation-summaries")).getText().contains("微信支付"));
        assertThat(browser.find("#reconciliation-summaries").getText()).contains("支付宝").contains("¥600.00");
        assertThat(browser.find("#reconciliation-report").getText()).doesNotContain(order.no().value());
        browser.screenshot("admin-reconciliation");

        // the same report in English and with large text, every channel named
        browser.click("#language-toggle");
        browser.click("#elder-toggle");
        browser.go("/admin/reconciliation?day=" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
        browser.waitFor(d -> d.findElement(By.id("reconciliation-summaries")).getText().contains("WeChat Pay"));
        assertThat(browser.find("#reconciliation-summaries").getText()).contains("Alipay").contains("UnionPay QuickPass")
                .contains("¥600.00");
        assertThat(browser.find("body").getText()).contains("Settlement for");
        browser.screenshot("admin-reconciliation-english-elder");
        browser.click("#language-toggle");
        browser.click("#elder-toggle");
    }

    @Test
    void finance_staff_see_a_refund_the_channel_refused_and_ask_again_or_record_how_the_money_went_back() {
        org.citycard.card.CitizenId citizen = cardHolder(CardSamples.phone());
        var order = ((org.citycard.wallet.TopUps.Result.Created) topUps.start(citizen, 20_000, null)).order();
        String no = order.no().value();
        checkout.pay(citizen, order.no(), org.citycard.payment.ChannelId.WECHAT_PAY, org.citycard.payment.Scene.WEB_QR);
        sandbox.cashier().approve(sandbox.cashier().forOrder(no).orElseThrow().token());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> wallets.balance(citizen).orElse(-1) == 20_000);
        // the sandbox's WeChat Pay refuses refunds of .66
        refunds.refund(order.no(), 1_066, "重复充值 topped up twice", "finance1");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> refunds.refusedByChannel(500)
                .stream().anyMatch(r -> r.order().equals(order.no())));

        browser.signIn("finance1", "finance1-test-pw");
        browser.go("/admin/payments");
        browser.waitFor(d -> d.findElement(By.id("payments-refused")).getText().contains(no));
        assertThat(browser.find("#payments-refused").getText()).contains("仍欠市民").contains("¥10.66");
        browser.assertAccessible("/admin/payments with a refused refund, in Chinese");
        browser.click("#language-toggle");
        browser.click("#elder-toggle");
        browser.go("/admin/payments");
        assertThat(browser.find("#payments-refused").getText()).contains("still owed to the citizen");
        browser.assertAccessible("/admin/payments with a refused refund, in English, elder mode");
        browser.click("#elder-toggle");
        browser.click("#dark-toggle");
        browser.go("/admin/payments");
        browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
        browser.assertAccessible("/admin/payments with a refused refund, in English, dark mode");
        browser.click("#language-toggle");
        browser.go("/admin/payments");
        browser.assertAccessible("/admin/payments with a refused refund, in Chinese, dark mode");
        browser.click("#dark-toggle");

        // asked again: WeChat Pay refuses again, and the new refund takes the old one's place on the list
        String row = "[...document.querySelectorAll('#payments-refused .cc-approval-row')]"
                + ".find(r => r.textContent.includes(arguments[0]))";
        browser.js(row + ".querySelector('.cc-refused-again').click()", no);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() ->
                refunds.of(order.no()).size() == 2 && refunds.refusedByChannel(500).stream()
                        .filter(r -> r.order().equals(order.no())).count() == 1);
        browser.go("/admin/payments");
        browser.waitFor(d -> d.findElement(By.id("payments-refused")).getText().contains("Retry of"));
        // returned by bank transfer: a note is needed, then it leaves the list for a second officer's approval
        browser.js(row + ".querySelector('.cc-refused-elsewhere').click()", no);
        browser.waitFor(d -> d.findElement(By.id("payments-refused")).getText().contains("请写明如何退还的"));
        browser.js("const f = " + row + ".querySelector('.cc-refused-note'); f.value = arguments[1];"
                + " f.dispatchEvent(new Event('change'))", no, "银行转账 BT-20261207-7");
        browser.js(row + ".querySelector('.cc-refused-elsewhere').click()", no);
        browser.waitFor(d -> !d.findElement(By.id("payments-refused")).getText().contains(no));
        browser.waitFor(d -> d.findElement(By.id("payments-approvals")).getText().contains("BT-20261207-7"));
        assertThat(wallets.balance(citizen)).hasValue(20_000);
        browser.signOut();
        browser.signIn("finance2", "finance2-test-pw");
        browser.go("/admin/payments");
        browser.js("[...document.querySelectorAll('#payments-approvals .cc-approval-row')]"
                + ".find(r => r.textContent.includes(arguments[0])).querySelector('.cc-refund-approve').click()",
                "BT-20261207-7");
        // approved: the top-up's ¥10.66 leaves the wallet, as it went back to the citizen's bank
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> wallets.balance(citizen).orElse(-1) == 20_000 - 1_066);
        assertThat(paymentOrders.find(order.no()).orElseThrow().refundedFen()).isEqualTo(1_066);

        // another refused refund, whose money (back in the wallet) the citizen then spends: no longer owed, only closed
        refunds.refund(order.no(), 2_066, "重复充值 topped up twice", "finance1");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> refunds.refusedByChannel(500)
                .stream().anyMatch(r -> r.order().equals(order.no())) && wallets.balance(citizen).orElse(-1) == 18_934);
        var parking = (org.citycard.payment.PaymentOrders.Creation.Created) paymentOrders.create(citizen,
                new org.citycard.payment.Purpose("PARKING", "spent-" + no), 18_000, "停车费", null);
        assertThat(checkout.pay(citizen, parking.order().no(), org.citycard.payment.ChannelId.WALLET,
                org.citycard.payment.Scene.WALLET)).isInstanceOf(org.citycard.payment.Checkout.Result.Paid.class);
        browser.go("/admin/payments");
        browser.waitFor(d -> d.findElement(By.id("payments-refused")).getText().contains("已不再欠市民"));
        browser.assertAccessible("/admin/payments with a refund no longer owed, in Chinese");
        browser.js(row + ".querySelector('.cc-refused-close').click()", no);
        browser.waitFor(d -> !d.findElement(By.id("payments-refused")).getText().contains(no));
        // the citizen was told, and their receipt says the money is still theirs until seen to
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> messages
                .inbox(citizen, 20).stream().anyMatch(m -> m.titleZh().equals("退款未能原路退回")));
    }

    @Autowired
    org.citycard.payment.Refunds refunds;
    @Autowired
    org.citycard.messages.Messages messages;
    @Autowired
    org.citycard.wallet.TopUps topUps;
    @Autowired
    org.citycard.payment.PaymentOrders paymentOrders;
    @Autowired
    org.citycard.payment.Checkout checkout;
    @Autowired
    org.citycard.payment.Notifications notifications;
    @Autowired
    org.citycard.card.Identities identities;
    @Autowired
    org.citycard.card.Cards cards;
    @Autowired
    org.citycard.card.Wallets wallets;

    /** A real-name citizen with a card, made through the domain services. */
    @Test
    void a_citizen_binds_a_water_account_sees_the_arrears_pays_through_the_wechat_sandbox_and_reads_the_receipt() {
        String phone = CardSamples.phone();
        cardHolder(phone);
        browser.signIn(phone, "counter2026");
        // from the catalog: 水费缴纳's 立即办理 leads to the bills
        browser.go("/service/420200SW-GG-0001");
        browser.click("#start-service");
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/me/bills"));
        browser.settle();
        assertThat(browser.find("#bills-accounts").getText()).contains("还没有绑定户号");
        browser.assertAccessible("/me/bills, nothing bound");
        // a malformed number is refused in words, and nothing is bound
        browser.type("#bills-account-no input", "12ab");
        browser.click("#bills-bind");
        browser.waitFor(d -> d.findElement(By.id("bills-bind-problem")).getText().contains("户号格式不对"));
        String number = java.util.stream.Stream.generate(() -> String.format("%06d", (System.nanoTime() / 1000) % 1_000_000)
                + "5001").filter(n -> sandbox.billers().ordinary("water", n)).findFirst().orElseThrow();
        browser.type("#bills-account-no input", number);
        browser.type("#bills-nickname input", "家里");
        browser.click("#bills-bind");
        browser.waitFor(d -> d.findElement(By.id("bills-accounts")).getText().contains("家里 · 市自来水公司"));
        assertThat(browser.find("#bills-accounts").getText()).contains("******5001").contains("欠费 ¥");
        browser.assertAccessible("/me/bills with an account");

        browser.click(".cc-bills-account vaadin-button[id^='bills-pay-']");
        browser.waitFor(d -> d.findElement(By.id("bills-paying")).getText().contains("应缴合计"));
        browser.click("#bills-submit");
        browser.waitFor(d -> d.findElement(By.cssSelector("#bills-pay-qr svg")).isDisplayed());
        approveAtTheCashier("bills-pay");
        // no reload: paid, then written off by the biller, with its reference
        browser.waitFor(d -> d.findElement(By.id("bills-receipt")).getText().contains("销账流水号 WOWATER"));
        browser.screenshot("bills-receipt");
        browser.go("/me/bills");
        assertThat(browser.find("#bills-accounts").getText()).contains("暂无欠费").contains("已销账");
        assertThat(browser.find(".cc-month-chart").getAttribute("aria-label")).contains("¥");
        browser.assertAccessible("/me/bills after paying, in Chinese");
        // the inbox has the receipt too, and the reminders can be set
        browser.go("/me/messages");
        assertThat(browser.find("#messages-inbox").getText()).contains("缴费成功").contains("WOWATER");
        browser.assertAccessible("/me/messages in Chinese");
        browser.click("#messages-save");
        browser.waitFor(d -> d.findElement(By.id("messages-saved")).getText().equals("已保存。"));
        browser.click("#language-toggle");
        for (String path : java.util.List.of("/me/bills", "/me/messages")) {
            browser.go(path);
            browser.assertAccessible(path + " in English");
        }
        assertThat(browser.find("h1").getText()).isEqualTo("My messages");
        browser.click("#elder-toggle");
        for (String path : java.util.List.of("/me/bills", "/me/messages")) {
            browser.go(path);
            browser.assertAccessible(path + " in English, elder mode");
        }
        browser.click("#elder-toggle");
        browser.click("#dark-toggle");
        for (String path : java.util.List.of("/me/bills", "/me/messages")) {
            browser.go(path);
            browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
            browser.assertAccessible(path + " in English, dark mode");
        }
        browser.click("#language-toggle");
        for (String path : java.util.List.of("/me/bills", "/me/messages")) {
            browser.go(path);
            browser.assertAccessible(path + " in Chinese, dark mode");
        }
        browser.click("#dark-toggle");
        browser.assertNoCspViolations();
    }

    @Autowired
    org.citycard.parking.ParkingSessions parkingSessions;
    @Autowired
    org.citycard.parking.ParkingPlates parkingPlates;

    private void gate(org.citycard.parking.GateEvent.Direction direction, String plate, java.time.Instant at) {
        parkingSessions.receive(new org.citycard.parking.GateEvent("hs-city", java.util.UUID.randomUUID().toString(),
                "hs-square", "g1", direction, new org.citycard.parking.Plate(plate, org.citycard.parking.Plate.Colour.BLUE),
                at, null));
    }

    /** The citizen's phone: the sandbox cashier of the order the page shows, in another tab, approved there. */
    private void approveAtTheCashier(String prefix) {
        String page = browser.driver().getWindowHandle();
        String cashier = browser.find("#" + prefix + "-sandbox-cashier").getAttribute("href");
        browser.driver().switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        browser.driver().get(cashier);
        browser.click(".highlighted .cashier-approve");
        browser.waitFor(d -> d.findElement(By.id("cashier-outcome")).getText().contains("已支付"));
        browser.driver().close();
        browser.driver().switchTo().window(page);
    }

    /** Plays the driver at the sandbox's parking operator page: in or out at 黄石广场, some minutes ago. */
    private void atTheGate(String plate, int minutesAgo, String button, String outcome) {
        String page = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        browser.driver().get(sandbox.url() + "/parking");
        browser.js("document.getElementById('drive-operator').value = 'hs-city';"
                + "document.getElementById('drive-lot').value = 'hs-square';");
        browser.find("#drive-plate").sendKeys(plate);
        browser.find("#drive-minutes").clear();
        browser.find("#drive-minutes").sendKeys(Integer.toString(minutesAgo));
        browser.find(button).click();
        browser.waitFor(d -> d.findElement(By.id("drive-answer")).getText().contains("\"outcome\":\"" + outcome + "\""));
        browser.driver().close();
        browser.driver().switchTo().window(page);
    }

    @Test
    void a_driver_binds_a_plate_parks_sees_the_fee_so_far_pays_before_leaving_and_drives_out_owing_nothing() {
        String phone = CardSamples.phone();
        cardHolder(phone);
        browser.signIn(phone, "counter2026");
        browser.go("/me/parking");
        browser.settle();
        assertThat(browser.find("#myparking-plates").getText()).contains("还没有绑定车牌");
        browser.assertAccessible("/me/parking, nothing bound");
        browser.type("#myparking-plate input", "鄂E1234O");
        browser.click("#myparking-bind");
        browser.waitFor(d -> d.findElement(By.id("myparking-bind-problem")).getText().contains("车牌号与颜色不符"));
        String plate = "鄂E" + String.format("%05d", (System.nanoTime() / 1000) % 100_000);
        browser.type("#myparking-plate input", plate.substring(0, 2) + "·" + plate.substring(2));
        browser.click("#myparking-bind");
        browser.waitFor(d -> d.findElement(By.id("myparking-plates")).getText().contains(plate + " · 蓝牌"));
        browser.click("#myparking-seamless-" + plate);
        browser.waitFor(d -> d.findElement(By.id("myparking-plates")).getText().contains("无感支付已开通"));
        browser.click("#myparking-seamless-" + plate);
        browser.waitFor(d -> d.findElement(By.id("myparking-plates")).getText().contains("无感支付未开通"));

        // the car came in at 黄石广场 95 minutes ago: the operator's simulator sends the signed gate event
        java.time.Instant in = java.time.Instant.now().minusSeconds(95 * 60);
        atTheGate(plate, 95, "#drive-in", "OPENED");
        browser.go("/me/parking");
        String fee = org.citycard.kernel.Fen.of(org.citycard.parking.fees.FeeEngine.quote(
                org.citycard.parking.fees.FeeRule.typical(), org.citycard.parking.fees.Vehicle.SMALL, in,
                java.time.Instant.now()).totalFen()).display();
        String stay = browser.find("#myparking-stays").getText();
        assertThat(stay).contains("黄石广场地下停车场 · " + plate, "已停", "目前停车费 " + fee, "待缴 " + fee);
        // the time parked ticks on in the browser between the server's half-minute refreshes
        String parkedFor = browser.find(".cc-parking-timer").getText();
        assertThat(parkedFor).matches("1:3[56]:\\d\\d");
        browser.waitFor(d -> !d.findElement(By.cssSelector(".cc-parking-timer")).getText().equals(parkedFor));
        browser.assertAccessible("/me/parking with a car parked");
        browser.click("#myparking-stays vaadin-button[id^='myparking-pay-']");
        browser.waitFor(d -> d.findElement(By.id("myparking-paying")).getText().contains("缴纳停车费"));
        browser.click("#myparking-submit");
        browser.waitFor(d -> d.findElement(By.cssSelector("#myparking-pay-qr svg")).isDisplayed());
        approveAtTheCashier("myparking-pay");
        browser.waitFor(d -> d.findElement(By.id("myparking-receipt")).getText().contains("已计入本次停车"));

        // out now, within the car park's 15 minutes after paying: nothing more to pay
        atTheGate(plate, 0, "#drive-out", "BILLED");
        browser.go("/me/parking");
        assertThat(browser.find("#myparking-stays").getText()).contains("停车费 " + fee, "已付 " + fee).doesNotContain("待缴");
        browser.assertAccessible("/me/parking after paying, in Chinese");
        // a plate someone else holds: claimed, with the licence upload waiting for a picture
        String held = "鄂F" + String.format("%05d", (System.nanoTime() / 1000) % 100_000);
        parkingPlates.bind(cardHolder(CardSamples.phone()), held, org.citycard.parking.Plate.Colour.BLUE);
        browser.type("#myparking-plate input", held);
        browser.click("#myparking-bind");
        browser.waitFor(d -> d.findElement(By.id("myparking-plates")).getText().contains("等待工作人员审核"));
        assertThat(browser.findAll("#myparking-licence-" + held)).hasSize(1);
        browser.assertAccessible("/me/parking with a claimed plate");
        // at another car's exit: the lot's code, a plate typed, its fee so far
        String friend = "鄂G" + String.format("%05d", (System.nanoTime() / 1000) % 100_000);
        gate(org.citycard.parking.GateEvent.Direction.ENTRY, friend, java.time.Instant.now().minusSeconds(40 * 60));
        browser.go("/parking/pay?lot=hs-square");
        assertThat(browser.find("h1").getText()).isEqualTo("停车缴费");
        browser.type("#payatlot-plate input", friend);
        browser.click("#payatlot-find");
        browser.waitFor(d -> d.findElement(By.id("payatlot-result")).getText().contains(friend + "：")
                && d.findElement(By.id("payatlot-due")).getText().contains("待缴 ¥"));
        browser.assertAccessible("/parking/pay at a lot's exit");
        browser.click("#language-toggle");
        browser.go("/me/parking");
        assertThat(browser.find("h1").getText()).isEqualTo("My parking");
        browser.assertAccessible("/me/parking in English");
        browser.click("#elder-toggle");
        browser.go("/me/parking");
        browser.assertAccessible("/me/parking in English, elder mode");
        browser.click("#elder-toggle");
        browser.click("#dark-toggle");
        browser.go("/me/parking");
        browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
        browser.assertAccessible("/me/parking in English, dark mode");
        browser.click("#language-toggle");
        browser.go("/me/parking");
        browser.assertAccessible("/me/parking in Chinese, dark mode");
        browser.click("#dark-toggle");
        browser.assertNoCspViolations();
    }

    @Autowired
    org.citycard.health.HospitalDesk hospitalDesk;
    @Autowired
    org.citycard.health.HealthCharges healthCharges;

    @Test
    void a_citizen_gets_an_e_health_card_from_the_catalog_shows_its_code_at_the_hospital_and_adds_family_members() {
        String phone = CardSamples.phone();
        cardHolder(phone);
        browser.signIn(phone, "counter2026");
        browser.go("/service/420200WJ-GG-0002");
        browser.click("#start-service");
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/me/health"));
        browser.settle();
        browser.assertAccessible("/me/health before applying, in Chinese");
        browser.click("#health-apply-own");
        browser.waitFor(d -> !d.findElements(By.cssSelector("#health-code .cc-qr")).isEmpty());
        assertThat(browser.find("#health-outcome").getText()).contains("电子健康卡已开通");
        String code = browser.find("#health-code .cc-qr").getAttribute("data-code");
        assertThat(code).matches("[0-9a-f]{64}:0:[0-9A-F]{32}");
        browser.assertAccessible("/me/health with a card, in Chinese");

        // at the hospital's window the code is scanned: the visit shows, and the page offers a fresh code
        var hospital = hospitalDesk.hospital("hospital-test").orElseThrow();
        var seen = hospitalDesk.verify(hospital, code, org.citycard.health.HospitalDesk.Scene.REGISTRATION,
                org.citycard.health.HospitalDesk.Channel.WINDOW, "内科");
        assertThat(seen).isInstanceOf(org.citycard.health.HospitalDesk.Check.Accepted.class);
        // the doctor prescribes: the hospital charges the visit, the citizen pays on the phone
        healthCharges.post(hospital, ((org.citycard.health.HospitalDesk.Check.Accepted) seen).visitId(),
                "RX" + System.nanoTime(), org.citycard.health.HealthCharges.Kind.PHARMACY,
                java.util.List.of(new org.citycard.health.HealthCharges.Item("布洛芬缓释胶囊", 1_560)));
        browser.go("/me/health");
        assertThat(browser.find("#health-cards").getText()).contains("Central Hospital", "挂号", "内科");
        assertThat(browser.find("#health-charges").getText()).contains("药费", "布洛芬缓释胶囊", "待缴 ¥15.60");
        browser.click("[id^='health-pay-HC']");
        browser.click("#health-submit");
        browser.waitFor(d -> d.findElement(By.cssSelector("#health-pay-qr svg")).isDisplayed());
        browser.assertAccessible("/me/health paying a charge, in Chinese");
        approveAtTheCashier("health-pay");
        browser.waitFor(d -> d.findElement(By.id("health-receipt")).getText().contains("医院已收到"));
        assertThat(browser.find("#health-code .cc-qr").getAttribute("data-code")).isNotEqualTo(code)
                .startsWith(code.substring(0, 64));
        // the card's health code is now this one: one code at the hospital
        browser.go("/me/codes");
        browser.click("#code-tab-health");
        browser.waitFor(d -> d.findElement(By.cssSelector("#code .cc-qr")).getAttribute("data-code")
                .startsWith(code.substring(0, 64)));

        // a child, with the birth certificate the platform checks; a parent, waiting for the counter
        browser.go("/me/health");
        browser.type("#health-child-name input", "赵小宝");
        browser.type("#health-child-id input", CardSamples.idNumber(java.time.LocalDate.of(2021, 5, 6), true));
        browser.type("#health-child-certificate input", "O450120000");
        browser.click("#health-add-child");
        browser.waitFor(d -> d.findElement(By.id("health-child-outcome")).getText().contains("出生医学证明编号与孩子不符"));
        browser.type("#health-child-certificate input", "O450123456");
        browser.click("#health-add-child");
        browser.waitFor(d -> d.findElement(By.id("health-outcome")).getText().contains("赵*"));
        assertThat(browser.all("#health-cards > li")).hasSize(2);
        String parentId = CardSamples.idNumber(java.time.LocalDate.of(1949, 10, 1), false);
        browser.type("#health-parent-name input", "钱秀兰");
        browser.type("#health-parent-id input", parentId);
        browser.click("#health-add-parent");
        browser.waitFor(d -> d.findElement(By.id("health-outcome")).getText().contains("办理编号"));
        String reference = browser.find("[id^='health-reference-']").getText().replaceAll(".*编号 ([A-Z0-9]{8}).*", "$1");
        assertThat(reference).matches("[A-Z0-9]{8}");
        // whose code to show: the child's
        browser.all("vaadin-button[id^='health-card-']").get(1).click();
        browser.settle();
        browser.waitFor(d -> d.findElement(By.id("health-code")).getText().contains("子女 · 赵*"));
        browser.assertAccessible("/me/health with family members, in Chinese");
        browser.screenshot("health-card");
        browser.click("[id^='health-print-']");
        // the printed code is off until asked for, and the page says why
        browser.waitFor(d -> !d.findElements(By.id("health-static-on")).isEmpty());
        assertThat(browser.find("#health-static-explain").getText()).contains("长期不变");
        browser.assertAccessible("/me/health/print before the code is switched on, in Chinese");
        browser.click("#health-static-on");
        browser.waitFor(d -> !d.findElements(By.id("health-static-code")).isEmpty());
        assertThat(browser.find("#health-static-off").getText()).contains("停用");
        assertThat(browser.find("#health-static-code").getAttribute("aria-label")).contains("电子健康卡二维码");
        browser.assertAccessible("/me/health/print, in Chinese");
        String print = browser.driver().getCurrentUrl();
        browser.click("#language-toggle");
        browser.go("/me/health");
        browser.assertAccessible("/me/health in English");
        browser.driver().get(print);
        browser.settle();
        browser.assertAccessible("/me/health/print in English");
        browser.go("/me/health");
        browser.click("#elder-toggle");
        browser.go("/me/health");
        browser.assertAccessible("/me/health in English, elder mode");
        browser.driver().get(print);
        browser.settle();
        browser.assertAccessible("/me/health/print in English, elder mode");
        browser.go("/me/health");
        browser.click("#elder-toggle");
        browser.click("#dark-toggle");
        browser.go("/me/health");
        browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
        browser.assertAccessible("/me/health in English, dark mode");
        browser.driver().get(print);
        browser.settle();
        browser.assertAccessible("/me/health/print in English, dark mode");
        browser.go("/me/health");
        browser.click("#language-toggle");
        browser.go("/me/health");
        browser.assertAccessible("/me/health in Chinese, dark mode");
        browser.driver().get(print);
        browser.settle();
        browser.assertAccessible("/me/health/print in Chinese, dark mode");
        browser.go("/me/health");
        browser.click("#dark-toggle");

        // the parent comes to the counter with their ID card
        browser.go("/me");
        browser.click("#me-sign-out");
        browser.waitFor(d -> d.findElements(By.id("me-sign-out")).isEmpty());
        browser.signIn("operator", "operator-test-pw");
        browser.go("/admin/health-cards");
        browser.type("#health-reference input", reference.toLowerCase());
        browser.click("#health-find");
        assertThat(browser.find("#health-application").getText()).contains("钱**");
        browser.type("#health-id-seen input", CardSamples.idNumber());
        browser.click("#health-confirm");
        browser.waitFor(d -> d.findElement(By.id("health-confirmed")).getText().contains("不一致"));
        browser.type("#health-id-seen input", parentId);
        browser.click("#health-confirm");
        browser.waitFor(d -> d.findElement(By.id("health-confirmed")).getText().contains("已开通"));
        browser.assertAccessible("/admin/health-cards, in Chinese");
        browser.click("#language-toggle");
        browser.go("/admin/health-cards");
        browser.assertAccessible("/admin/health-cards in English");
        browser.click("#elder-toggle");
        browser.go("/admin/health-cards");
        browser.assertAccessible("/admin/health-cards in English, elder mode");
        browser.click("#elder-toggle");
        browser.click("#dark-toggle");
        browser.go("/admin/health-cards");
        browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
        browser.assertAccessible("/admin/health-cards in English, dark mode");
        browser.click("#language-toggle");
        browser.go("/admin/health-cards");
        browser.assertAccessible("/admin/health-cards in Chinese, dark mode");
        browser.click("#dark-toggle");
        browser.assertNoCspViolations();
    }

    @Autowired
    org.citycard.health.HealthCards healthCards;
    @Autowired
    org.citycard.health.vaccination.VaccinationAdmin vaccinationAdmin;
    @Autowired
    org.citycard.health.vaccination.Vaccination vaccination;

    @Test
    void a_citizen_books_a_vaccination_checks_in_with_the_e_health_card_and_verifies_the_certificate() {
        String phone = CardSamples.phone();
        org.citycard.card.CitizenId citizen = cardHolder(phone);
        org.citycard.health.HealthCard card = ((org.citycard.health.HealthCards.Result.Done) healthCards.issueOwn(citizen)).card();
        // a period of today lasting all day at the demo clinic, so the journey can be walked at any hour
        awayFromMidnight();
        java.time.LocalDate today = java.time.LocalDate.now(org.citycard.kernel.ChinaTime.ZONE);
        vaccinationAdmin.addSlots(new org.citycard.health.vaccination.VaccinationAdmin.Staff("health", true), "hsg-chc",
                "hepb-adult", today, today, java.util.List.<java.time.LocalTime[]>of(new java.time.LocalTime[] {
                        java.time.LocalTime.MIDNIGHT, java.time.LocalTime.of(23, 59)}), 10, java.time.Instant.now().minusSeconds(60));
        String slot = vaccination.slots("hepb-adult", "hsg-chc", today, today).stream()
                .filter(s -> s.startsAt().equals(java.time.LocalTime.MIDNIGHT)).findFirst().orElseThrow().id().toString();

        browser.signIn(phone, "counter2026");
        browser.go("/service/420200WJ-GG-0005");
        browser.click("#start-service");
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/vaccination"));
        browser.go("/vaccination?vaccine=hepb-adult");
        assertThat(browser.find("#vaccination-rules").getText()).contains("共 3 剂", "免费");
        assertThat(browser.find("#vaccination-whom").getText()).contains("本人 · 赵*", "可约第 1 剂");
        browser.assertAccessible("/vaccination in Chinese");
        browser.click("#vaccination-day-" + today);
        browser.click("#vaccination-book-" + slot);
        browser.waitFor(d -> d.findElement(By.id("vaccination-holding")).getText().contains("已为赵*保留"));
        browser.click("#vaccination-confirm");
        browser.waitFor(d -> d.findElement(By.id("vaccination-outcome")).getText().contains("预约成功"));
        assertThat(browser.find("#vaccination-bookings").getText()).contains("乙肝疫苗（成人）", "已确认");
        browser.assertAccessible("/vaccination with a booking, in Chinese");
        browser.go("/vaccination?vaccine=hepb-adult");
        browser.screenshot("vaccination");
        // a crowded vaccine: the line first, on a plain page that refreshes itself
        browser.go("/vaccination?vaccine=hpv-9");
        browser.click("#vaccination-queue");
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/vaccination/queue/hpv-9"));
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("轮到您了");
        browser.assertAccessible("/vaccination/queue (the waiting page), in Chinese");
        browser.driver().findElement(By.cssSelector("a.go")).click();
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/vaccination?vaccine=hpv-9"));
        browser.settle();
        assertThat(browser.find("#vaccination-queue-box").getText()).contains("已轮到您");
        browser.click("#language-toggle");
        browser.go("/vaccination?vaccine=hepb-adult");
        browser.assertAccessible("/vaccination in English");
        // the plain waiting page follows the portal's choices too (its cookies)
        browser.go("/vaccination/queue/hpv-9");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Your turn");
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("en");
        browser.assertAccessible("/vaccination/queue in English");
        browser.go("/vaccination?vaccine=hepb-adult");
        browser.click("#elder-toggle");
        browser.go("/vaccination?vaccine=hepb-adult");
        browser.assertAccessible("/vaccination in English, elder mode");
        browser.go("/vaccination/queue/hpv-9");
        assertThat(browser.js("return getComputedStyle(document.body).fontSize")).isEqualTo("24px");
        browser.assertAccessible("/vaccination/queue in English, elder mode");
        browser.go("/vaccination?vaccine=hepb-adult");
        browser.click("#elder-toggle");
        browser.click("#dark-toggle");
        browser.go("/vaccination?vaccine=hepb-adult");
        browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
        browser.assertAccessible("/vaccination in English, dark mode");
        browser.go("/vaccination/queue/hpv-9");
        browser.assertAccessible("/vaccination/queue in English, dark mode");
        browser.go("/vaccination?vaccine=hepb-adult");
        browser.click("#language-toggle");
        browser.go("/vaccination?vaccine=hepb-adult");
        browser.assertAccessible("/vaccination in Chinese, dark mode");
        browser.go("/vaccination/queue/hpv-9");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("轮到您了");
        browser.assertAccessible("/vaccination/queue in Chinese, dark mode");
        browser.go("/vaccination?vaccine=hepb-adult");
        browser.click("#dark-toggle");
        browser.go("/me");
        browser.click("#me-sign-out");
        browser.waitFor(d -> d.findElements(By.id("me-sign-out")).isEmpty());

        // at the clinic: the nurse scans the card, checks the person in, records the dose
        browser.signIn("clinic", "clinic-test-pw");
        browser.go("/admin/vaccination");
        String code = ((org.citycard.health.HealthCards.CodeResult.Issued) healthCards.dynamicCode(citizen, card.id())).text();
        browser.type("#vaccination-desk-code input", code);
        browser.click("#vaccination-desk-check-in");
        browser.waitFor(d -> d.findElement(By.id("vaccination-desk-outcome")).getText().contains("已签到"));
        browser.assertAccessible("/admin/vaccination, in Chinese");
        browser.screenshot("vaccination-desk");
        String booking = vaccination.bookings(citizen, 5).getFirst().id().toString();
        // "not given" asks why, then asks again: a slip of the hand does not end the booking
        browser.click("#vaccination-not-given-" + booking);
        browser.waitFor(d -> d.findElement(By.id("vaccination-not-given-reason-" + booking)).getAttribute("invalid") != null);
        browser.js("arguments[0].value = '1'", browser.find("#vaccination-not-given-reason-" + booking));
        browser.click("#vaccination-not-given-" + booking);
        browser.waitFor(d -> d.findElement(By.id("vaccination-not-given-what")).getText().contains("暂缓接种"));
        browser.assertAccessible("/admin/vaccination, a dose not given being confirmed, in Chinese");
        browser.click("#vaccination-not-given-no");
        browser.waitFor(d -> d.findElements(By.id("vaccination-not-given-what")).isEmpty());
        // the same question in English, dark mode and elder mode (its red button against each background)
        browser.click("#language-toggle");
        browser.click("#dark-toggle");
        browser.click("#elder-toggle");
        browser.go("/admin/vaccination");
        browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
        browser.js("arguments[0].value = '2'", browser.find("#vaccination-not-given-reason-" + booking));
        browser.click("#vaccination-not-given-" + booking);
        browser.waitFor(d -> d.findElement(By.id("vaccination-not-given-what")).getText().contains("contraindicated"));
        browser.assertAccessible("/admin/vaccination, a dose not given being confirmed, in English, dark and elder modes");
        browser.click("#vaccination-not-given-no");
        browser.click("#elder-toggle");
        browser.click("#dark-toggle");
        browser.click("#language-toggle");
        browser.go("/admin/vaccination");
        assertThat(vaccination.bookings(citizen, 5).getFirst().state())
                .isEqualTo(org.citycard.health.vaccination.Booking.State.CHECKED_IN);
        browser.type("#vaccination-batch-" + booking + " input", "B2026-12");
        browser.click("#vaccination-record-" + booking);
        browser.waitFor(d -> d.findElement(By.id("vaccination-desk-outcome")).getText().contains("凭证编号"));
        browser.signOut();

        // the certificate, and its public check
        browser.signIn(phone, "counter2026");
        browser.go("/me/vaccination/certificates");
        assertThat(browser.find("#certificates").getText()).contains("乙肝疫苗（成人）", "第 1/3 剂", "黄石港区社区卫生服务中心",
                "B2026-12");
        browser.assertAccessible("/me/vaccination/certificates, in Chinese");
        String check = browser.find("#certificates .cc-qr").getAttribute("data-code");
        browser.driver().get(check);
        browser.settle();
        assertThat(browser.find("#certificate-check").getText()).contains("凭证有效");
        assertThat(browser.find("main, body").getText()).contains("赵*").doesNotContain("赵大");
        browser.assertAccessible("/verify/vaccination, in Chinese");
        browser.driver().get(check.replaceAll("[0-9a-f]{32}", "0".repeat(32)));
        browser.settle();
        assertThat(browser.find("#certificate-check").getText()).contains("无法确认");
        // the certificate and its check in English, elder and dark modes
        browser.go("/me/vaccination/certificates");
        browser.click("#language-toggle");
        browser.go("/me/vaccination/certificates");
        browser.assertAccessible("/me/vaccination/certificates in English");
        browser.driver().get(check);
        browser.settle();
        browser.assertAccessible("/verify/vaccination in English");
        browser.go("/me/vaccination/certificates");
        browser.click("#elder-toggle");
        browser.go("/me/vaccination/certificates");
        browser.assertAccessible("/me/vaccination/certificates in English, elder mode");
        browser.driver().get(check);
        browser.settle();
        browser.assertAccessible("/verify/vaccination in English, elder mode");
        browser.go("/me/vaccination/certificates");
        browser.click("#elder-toggle");
        browser.click("#dark-toggle");
        browser.go("/me/vaccination/certificates");
        browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
        browser.assertAccessible("/me/vaccination/certificates in English, dark mode");
        browser.driver().get(check);
        browser.settle();
        browser.assertAccessible("/verify/vaccination in English, dark mode");
        browser.go("/me/vaccination/certificates");
        browser.click("#language-toggle");
        browser.go("/me/vaccination/certificates");
        browser.assertAccessible("/me/vaccination/certificates in Chinese, dark mode");
        browser.driver().get(check);
        browser.settle();
        browser.assertAccessible("/verify/vaccination in Chinese, dark mode");
        browser.go("/me/vaccination/certificates");
        browser.click("#dark-toggle");
        browser.assertNoCspViolations();
    }

    private org.citycard.card.CitizenId cardHolder(String phone) {
        identities.sendSmsCode(phone, org.citycard.card.SmsPurpose.REGISTER);
        var citizen = ((org.citycard.card.IdentityResult.Done) identities.register(phone,
                CardSamples.lastCode(inbox, phone), "counter2026")).citizen().id();
        identities.sendSmsCode(phone, org.citycard.card.SmsPurpose.REAL_NAME);
        identities.verifyRealName(citizen, "赵大", CardSamples.idNumber(), phone, CardSamples.lastCode(inbox, phone));
        assertThat(cards.apply(citizen)).isInstanceOf(org.citycard.card.CardResult.Done.class);
        return citizen;
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
