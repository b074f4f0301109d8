package org.citycard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** Whole journeys in headless Chromium: a citizen finding a guide, two administrators publishing, elder mode. */
class PortalJourneysTest extends PlatformTest {

    private static final String LIBRARY = "图书馆借阅证";
    private Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(url(""));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void a_citizen_types_shuifei_opens_the_water_bill_and_reads_its_guide() {
        browser.go("/");
        browser.type("#search-field input", "shuifei");
        browser.waitFor(d -> d.findElements(By.cssSelector("#search-suggestions a")).stream()
                .anyMatch(a -> a.getText().contains("水费缴纳")));
        browser.find("#search-field input").sendKeys(Keys.ENTER);
        browser.waitFor(d -> d.getCurrentUrl().contains("/search"));
        browser.settle();
        WebElement card = browser.find(".cc-service-card");
        assertThat(card.getText()).contains("水费缴纳");
        card.click();
        browser.waitFor(d -> d.getCurrentUrl().contains("/service/420200SW-GG-0001"));
        browser.settle();
        assertThat(browser.find("h1").getText()).isEqualTo("水费缴纳");
        String page = browser.find(".cc-main").getText();
        assertThat(page).contains("受理条件", "申请材料", "办理时限", "咨询与投诉", "12345");
        assertThat(browser.all(".cc-badge-wechat")).isNotEmpty();

        browser.go("/service/420200XX-GG-9999");
        assertThat(browser.find("h1").getText()).isEqualTo("没有找到这个页面");
    }

    @Test
    void a_driver_goes_from_the_catalogs_parking_service_to_the_lots_nearby_with_their_free_spaces_and_tariffs() {
        browser.go("/service/420200CG-GG-0001");
        browser.click("#start-service");
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/parking"));
        browser.settle();
        WebElement square = browser.find("#parking-lot-hs-square");
        assertThat(square.getText()).contains("黄石广场地下停车场", "0 米", "空位", "首 60 分钟 ¥5.00", "24 小时最多 ¥40.00");
        assertThat(browser.find("#parking-lots").getText()).contains("颐阳路路侧泊位", "路侧泊位");
        // the picture above the list: one numbered mark per lot, the nearest (黄石广场 itself) in the middle as 1
        int listed = browser.driver().findElements(By.cssSelector("#parking-lots > li")).size();
        assertThat(browser.driver().findElements(By.cssSelector("#parking-map svg g text"))).hasSize(listed);
        assertThat(browser.find("#parking-map svg").getAttribute("aria-label")).contains(listed + " 个停车场");
        assertThat(square.getText()).startsWith("1 黄石广场地下停车场");
        browser.screenshot("parking-map");
        browser.assertAccessible("/parking in Chinese");
        browser.click("#language-toggle");
        browser.go("/parking");
        assertThat(browser.find("h1").getText()).isEqualTo("Find parking");
        assertThat(browser.find("#parking-lot-hs-square").getText()).contains("free of", "per 30 minutes");
        browser.assertAccessible("/parking in English");
        browser.click("#elder-toggle");
        browser.go("/parking");
        browser.assertAccessible("/parking in English, elder mode");
        browser.click("#elder-toggle");
        browser.click("#dark-toggle");
        browser.go("/parking");
        browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
        browser.assertAccessible("/parking in English, dark mode");
        browser.click("#language-toggle");
        browser.go("/parking");
        browser.assertAccessible("/parking in Chinese, dark mode");
        browser.click("#dark-toggle");
    }

    @Test
    void the_city_health_administrator_runs_every_clinic_and_chooses_which_vaccines_queue() {
        browser.signIn("health", "health-test-pw");
        browser.go("/admin");
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/admin/vaccination"));
        browser.settle();
        assertThat(browser.find("main").getText()).contains("今日预约", "库存", "放号", "近两周预约与到场", "门诊人员", "排队预约");
        browser.js("arguments[0].scrollIntoView(); arguments[0].click()", browser.find("#vaccination-waiting-room-flu-4"));
        browser.waitFor(d -> d.findElement(By.id("vaccination-desk-outcome")).getText().contains("改为排队预约"));
        browser.js("arguments[0].scrollIntoView(); arguments[0].click()", browser.find("#vaccination-waiting-room-flu-4"));
        browser.waitFor(d -> d.findElement(By.id("vaccination-desk-outcome")).getText().contains("不再需要排队"));
        browser.type("#vaccination-slots-periods input", "08:00-07:00");
        browser.js("arguments[0].scrollIntoView(); arguments[0].click()", browser.find("#vaccination-slots-add"));
        browser.waitFor(d -> d.findElement(By.id("vaccination-slots-outcome")).getText().contains("超出范围"));
        // booking of slots two weeks on opens today at ten (not at a time that is none); and the stock counted
        browser.choose("#vaccination-slots-vaccine", "乙肝疫苗（成人）");
        browser.type("#vaccination-slots-periods input", "08:00-10:00");
        browser.type("#vaccination-slots-opens-at input", "25:00");
        browser.js("arguments[0].scrollIntoView()", browser.find("#vaccination-slots-add"));
        browser.click("#vaccination-slots-add");
        browser.waitFor(d -> d.findElement(By.id("vaccination-slots-outcome")).getText().contains("超出范围"));
        browser.type("#vaccination-slots-opens-at input", "10:00");
        browser.click("#vaccination-slots-add");
        browser.waitFor(d -> d.findElement(By.id("vaccination-slots-outcome")).getText().contains("已添加"));
        browser.choose("#vaccination-stock-vaccine", "乙肝疫苗（成人）");
        browser.type("#vaccination-stock-on-hand input", "120");
        browser.js("arguments[0].scrollIntoView()", browser.find("#vaccination-stock-set"));
        browser.click("#vaccination-stock-set");
        browser.waitFor(d -> d.findElement(By.id("vaccination-desk-outcome")).getText().contains("120 剂"));
        // fewer doses than the places open (two weeks of them): the clinic is told, in the stock's own line
        assertThat(browser.find("#vaccination-stock-hepb-adult").getText())
                .contains("120 剂 · 已预约待接种", "库存不足：还差");
        browser.assertAccessible("/admin/vaccination with a stock shortfall, in Chinese");
        // the shortfall's warning in the other modes (its colour against each background)
        browser.click("#language-toggle");
        browser.go("/admin/vaccination");
        assertThat(browser.find("#vaccination-stock-hepb-adult").getText()).contains("Short by");
        browser.assertAccessible("/admin/vaccination with a stock shortfall, in English");
        browser.click("#elder-toggle");
        browser.go("/admin/vaccination");
        browser.assertAccessible("/admin/vaccination with a stock shortfall, in English, elder mode");
        browser.click("#elder-toggle");
        browser.click("#dark-toggle");
        browser.go("/admin/vaccination");
        browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
        browser.assertAccessible("/admin/vaccination with a stock shortfall, in English, dark mode");
        browser.click("#dark-toggle");
        browser.click("#language-toggle");
        browser.go("/admin/vaccination");
        browser.choose("#vaccination-stock-vaccine", "乙肝疫苗（成人）");
        browser.type("#vaccination-stock-on-hand input", "5000");
        browser.click("#vaccination-stock-set");
        browser.waitFor(d -> d.findElement(By.id("vaccination-desk-outcome")).getText().contains("5,000 剂"));
        assertThat(browser.find("#vaccination-stock-hepb-adult").getText()).contains("5,000 剂").doesNotContain("库存不足");
        // the city adds a clinic and a vaccine (production starts without demo data); bad input answered in words
        browser.type("#vaccination-new-clinic-id input", "Bad Id!");
        browser.type("#vaccination-new-clinic-name input", "下陆区社区卫生服务中心");
        browser.type("#vaccination-new-clinic-district input", "下陆区");
        browser.type("#vaccination-new-clinic-address input", "团城山路 8 号");
        browser.type("#vaccination-new-clinic-phone input", "0714-6500000");
        browser.js("arguments[0].scrollIntoView()", browser.find("#vaccination-new-clinic-save"));
        browser.click("#vaccination-new-clinic-save");
        browser.waitFor(d -> d.findElement(By.id("vaccination-desk-outcome")).getText().contains("超出范围"));
        browser.type("#vaccination-new-clinic-id input", "xl-chc-2");
        browser.click("#vaccination-new-clinic-save");
        browser.waitFor(d -> d.findElement(By.id("vaccination-desk-outcome")).getText().contains("下陆区社区卫生服务中心"));
        browser.type("#vaccination-new-vaccine-id input", "rabies-5");
        browser.type("#vaccination-new-vaccine-name input", "狂犬病疫苗");
        browser.type("#vaccination-new-vaccine-doses input", "3");
        browser.type("#vaccination-new-vaccine-intervals input", "7,x");
        browser.js("arguments[0].scrollIntoView()", browser.find("#vaccination-new-vaccine-save"));
        browser.click("#vaccination-new-vaccine-save");
        browser.waitFor(d -> d.findElement(By.id("vaccination-desk-outcome")).getText().contains("超出范围"));
        browser.type("#vaccination-new-vaccine-intervals input", "3,4");
        browser.click("#vaccination-new-vaccine-save");
        browser.waitFor(d -> d.findElement(By.id("vaccination-desk-outcome")).getText().contains("狂犬病疫苗"));
        assertThat(browser.find("#vaccination-waiting-room-rabies-5")).isNotNull();
        browser.assertAccessible("/admin/vaccination as the city, in Chinese");
        browser.click("#language-toggle");
        browser.go("/admin/vaccination");
        browser.assertAccessible("/admin/vaccination in English");
        browser.click("#elder-toggle");
        browser.go("/admin/vaccination");
        browser.assertAccessible("/admin/vaccination in English, elder mode");
        browser.click("#elder-toggle");
        browser.click("#dark-toggle");
        browser.go("/admin/vaccination");
        browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
        browser.assertAccessible("/admin/vaccination in English, dark mode");
        browser.click("#language-toggle");
        browser.go("/admin/vaccination");
        browser.assertAccessible("/admin/vaccination in Chinese, dark mode");
        browser.click("#dark-toggle");
        browser.assertNoCspViolations();
    }

    @Test
    void an_operators_staff_see_their_own_lots_preview_a_tariff_and_city_parking_admins_see_every_operator() {
        browser.signIn("parking-op", "parking-op-test-pw");
        browser.go("/admin");
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/admin/parking"));
        browser.settle();
        String lots = browser.find("#parking-occupancy").getText();
        assertThat(lots).contains("黄石广场地下停车场", "颐阳路路侧泊位").doesNotContain("万达广场停车场");
        assertThat(browser.findAll("#parking-operators")).isEmpty();
        browser.assertAccessible("/admin/parking as an operator's staff, in Chinese");
        browser.js("arguments[0].scrollIntoView(); arguments[0].click()", browser.find("#lot-edit-hs-square"));
        browser.settle();
        browser.waitFor(d -> !d.findElements(By.id("preview-show")).isEmpty());
        browser.js("arguments[0].scrollIntoView(); arguments[0].click()", browser.find("#preview-show"));
        browser.waitFor(d -> d.findElement(By.id("lot-preview")).getText().contains("08:10 至 19:45 应缴 ¥40.00"));
        browser.assertAccessible("/admin/parking, a lot's tariff previewed");
        browser.go("/admin/parking");
        browser.js("arguments[0].scrollIntoView(); arguments[0].click()", browser.find("#lot-qr-hs-square"));
        browser.settle();
        browser.waitFor(d -> !d.findElements(By.cssSelector("#lot-qr-code svg")).isEmpty());
        assertThat(browser.find("#lot-qr-code").getAttribute("aria-label")).contains("黄石广场地下停车场");
        browser.assertAccessible("/admin/parking, a lot's exit code");
        browser.go("/admin/parking");
        browser.signOut();

        browser.signIn("parking", "parking-test-pw");
        browser.go("/admin/parking");
        browser.settle();
        assertThat(browser.find("#parking-occupancy").getText()).contains("黄石广场地下停车场", "万达广场停车场");
        assertThat(browser.find("#parking-operators").getText()).contains("黄石城市停车", "磁湖商业管理");
        browser.assertAccessible("/admin/parking in Chinese");
        browser.click("#language-toggle");
        browser.go("/admin/parking");
        browser.assertAccessible("/admin/parking in English");
        browser.click("#elder-toggle");
        browser.go("/admin/parking");
        browser.assertAccessible("/admin/parking in English, elder mode");
        browser.click("#elder-toggle");
        browser.click("#dark-toggle");
        browser.go("/admin/parking");
        browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
        browser.assertAccessible("/admin/parking in English, dark mode");
        browser.click("#language-toggle");
        browser.go("/admin/parking");
        browser.assertAccessible("/admin/parking in Chinese, dark mode");
        browser.click("#dark-toggle");
    }

    @Test
    void billing_staff_see_each_billers_health_suspend_one_and_see_the_daily_files_and_message_delivery() {
        browser.signIn("billing", "billing-test-pw");
        browser.go("/admin");
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/admin/bills"));
        browser.settle();
        assertThat(browser.find("#bills-billers").getText()).contains("市自来水公司", "国网市供电公司", "市燃气公司",
                "中国移动", "中国联通", "中国电信");
        browser.assertAccessible("/admin/bills in Chinese");

        // suspend a biller: why is required, citizens read the notice meanwhile, and every change is kept
        browser.js("arguments[0].scrollIntoView(); arguments[0].click()", browser.find("#biller-edit-telecom"));
        browser.settle();
        browser.waitFor(d -> !d.findElements(By.id("biller-save")).isEmpty());
        browser.assertAccessible("/admin/bills, changing a biller");
        browser.click("#biller-enabled");
        browser.type("#biller-notice input", "系统升级，明早 8 点恢复");
        browser.click("#biller-save");
        browser.waitFor(d -> d.findElement(By.id("biller-problem")).getText().contains("请填写修改原因"));
        browser.type("#biller-reason textarea", "电信系统升级");
        browser.click("#biller-save");
        browser.waitFor(d -> d.findElement(By.id("bills-outcome")).getText().contains("中国电信"));
        assertThat(browser.find("#bills-billers").getText()).contains("暂停服务", "billing");
        browser.js("arguments[0].scrollIntoView(); arguments[0].click()", browser.find("#biller-edit-telecom"));
        browser.settle();
        browser.waitFor(d -> d.findElement(By.id("biller-changes")).getText().contains("电信系统升级"));
        browser.click("#biller-enabled");
        browser.type("#biller-reason textarea", "升级完成");
        browser.click("#biller-save");
        browser.waitFor(d -> !d.findElement(By.id("bills-billers")).getText().contains("暂停服务"));

        browser.go("/admin/messages");
        browser.settle();
        assertThat(browser.find("#messages-templates").getText()).contains("账单到期提醒");
        browser.assertAccessible("/admin/messages in Chinese");
        browser.go("/admin/bills");
        browser.click("#bills-reconcile");
        browser.waitFor(d -> d.findElement(By.id("bills-reconciliation")).getText().contains("市自来水公司"));
        browser.click("#language-toggle");
        browser.go("/admin/bills");
        assertThat(browser.find("h1").getText()).isEqualTo("Bill payment");
        browser.assertAccessible("/admin/bills in English");
        browser.go("/admin/messages");
        browser.settle();
        browser.assertAccessible("/admin/messages in English");
        browser.click("#elder-toggle");
        browser.go("/admin/bills");
        browser.assertAccessible("/admin/bills in English, elder mode");
        browser.go("/admin/messages");
        browser.settle();
        browser.assertAccessible("/admin/messages in English, elder mode");
        browser.click("#elder-toggle");
        browser.click("#dark-toggle");
        browser.go("/admin/bills");
        browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
        browser.assertAccessible("/admin/bills in English, dark mode");
        browser.go("/admin/messages");
        browser.settle();
        browser.assertAccessible("/admin/messages in English, dark mode");
        browser.click("#language-toggle");
        browser.go("/admin/bills");
        browser.assertAccessible("/admin/bills in Chinese, dark mode");
        browser.go("/admin/messages");
        browser.settle();
        browser.assertAccessible("/admin/messages in Chinese, dark mode");
        browser.click("#dark-toggle");
        // the console shows them their part only
        assertThat(browser.find(".cc-admin-toolbar").getText()).contains("生活缴费运营", "消息推送").doesNotContain("服务目录");
    }

    @Test
    void an_edit_is_published_only_after_a_second_administrator_approves_it() throws Exception {
        String code = libraryCode();
        String newSummary = "凭市民卡即可在全市各图书馆借阅图书 " + System.nanoTime();

        browser.signIn("publisher", "publisher-test-pw");
        browser.go("/admin/service/" + code);
        browser.type("#field-summary-zh textarea", newSummary);
        browser.click("#action-save");
        browser.click("#action-submit");
        browser.waitFor(d -> !d.findElements(By.cssSelector("#action-approve")).isEmpty());
        browser.click("#action-approve");
        // Four eyes: the publisher edited this draft, so the catalog refuses their approval.
        browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("四眼原则"));
        assertThat(citizenSees(code)).doesNotContain(newSummary);
        browser.signOut();

        browser.signIn("admin", "admin-test-pw");
        browser.go("/admin/service/" + code);
        browser.screenshot("editor-in-review");
        browser.click("#action-approve");
        browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("已发布"));
        browser.signOut();

        browser.go("/service/" + code);
        assertThat(browser.find(".cc-detail-header").getText()).contains(newSummary);
        assertThat(citizenSees(code)).contains(newSummary);
    }

    @Test
    void a_publisher_sees_what_a_version_changed_and_rolls_it_back() throws Exception {
        String code = codeOf("博物馆");
        String original = summaryOf(code);
        String changed = "临时闭馆维护 " + System.nanoTime();

        browser.signIn("editor", "editor-test-pw");
        browser.go("/admin/service/" + code);
        browser.assertAccessible("the service editor");
        browser.type("#field-summary-zh textarea", changed);
        browser.click("#action-save");
        browser.click("#action-submit");
        browser.signOut();

        browser.signIn("publisher", "publisher-test-pw");
        browser.go("/admin/service/" + code);
        browser.click("#action-approve");
        browser.waitFor(d -> summaryOf(code).contains(changed));

        browser.go("/admin/service/" + code);
        browser.find("#editor-section-history").click();
        browser.settle();
        browser.waitFor(d -> d.findElements(By.cssSelector("#versions-grid vaadin-grid-cell-content")).stream()
                .anyMatch(c -> c.getText().equals("v1")));
        browser.driver.findElements(By.cssSelector("#versions-grid vaadin-grid-cell-content")).stream()
                .filter(c -> c.getText().equals("v1")).findFirst().orElseThrow().click();
        browser.settle();
        WebElement diff = browser.find(".cc-diff");
        assertThat(diff.getText()).contains("summary.zh");
        browser.click("#action-rollback");
        browser.type("#reason-field textarea", "维护已结束");
        browser.click("#reason-confirm");
        browser.waitFor(d -> !summaryOf(code).contains(changed));
        assertThat(summaryOf(code)).isEqualTo(original);
    }

    private String codeOf(String name) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/api/mp/v1/catalog/services?q="
                + java.net.URLEncoder.encode(name, "UTF-8")))).build(), HttpResponse.BodyHandlers.ofString()).body();
        int at = body.indexOf("\"code\":\"") + 8;
        return body.substring(at, body.indexOf('"', at));
    }

    private String summaryOf(String code) {
        try {
            String body = citizenSees(code);
            return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).get("summary").asString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_elder_friendly_switch_makes_body_text_at_least_24_pixels() {
        browser.go("/service/420200SW-GG-0001");
        double before = fontSize(".cc-conditions li");
        browser.click("#elder-toggle");
        browser.waitFor(d -> fontSize(".cc-conditions li") >= 24);
        assertThat(fontSize(".cc-conditions li")).isGreaterThanOrEqualTo(24).isGreaterThan(before);
        assertThat(browser.find("#elder-toggle").getDomAttribute("aria-pressed")).isEqualTo("true");
        browser.screenshot("service-elder");
        // the choice is remembered on the next visit
        browser.go("/");
        assertThat((Boolean) browser.js("return document.body.classList.contains('cc-elder')")).isTrue();
        browser.screenshot("home-elder");
    }

    @Test
    void dark_mode_darkens_the_page_and_is_remembered() {
        browser.go("/service/420200SW-GG-0001");
        browser.click("#dark-toggle");
        browser.waitFor(d -> "dark".equals(browser.js("return document.documentElement.getAttribute('theme')")));
        browser.waitFor(d -> luminance("body") < 0.2);
        browser.screenshot("service-dark");
        browser.go("/");
        browser.waitFor(d -> luminance("body") < 0.2);
    }

    /** Relative luminance (0 black to 1 white) of an element's background colour. */
    private double luminance(String css) {
        Object value = browser.js("const c = getComputedStyle(document.querySelector(arguments[0])).backgroundColor"
                + ".match(/[\\d.]+/g).map(Number);"
                + "const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };"
                + "return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);", css);
        return ((Number) value).doubleValue();
    }

    @Test
    void english_is_one_click_away_and_remembered() {
        browser.go("/");
        browser.click("#language-toggle");
        browser.waitFor(d -> d.findElement(By.cssSelector("h1")).getText().contains("One card"));
        browser.go("/service/420200SW-GG-0001");
        assertThat(browser.find("h1").getText()).isEqualTo("Water bill payment");
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("en");
    }

    @Test
    void the_editor_shows_what_is_missing_next_to_the_field_and_saves_nothing() throws Exception {
        browser.signIn("editor", "editor-test-pw");
        browser.go("/admin/service/new");
        browser.type("#field-code input", "420200TS-GG-0999");
        browser.type("#field-name-zh input", "测试事项");
        browser.click("#action-save");
        browser.waitFor(d -> "true".equals(String.valueOf(browser.js(
                "return document.querySelector('#field-name-en').hasAttribute('invalid')"))));
        assertThat(browser.find("#field-name-en").getText()).contains("必填");
        browser.screenshot("editor-validation");
        assertThat(browser.all("#action-submit")).isEmpty();
        var unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(
                "/api/mp/v1/catalog/services/420200TS-GG-0999"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        browser.go("/admin");
        browser.type("#admin-filter-text input", "420200TS-GG-0999");
        assertThat(browser.find("#admin-catalog-grid").getText()).doesNotContain("测试事项");
    }

    @Test
    void a_bad_import_file_is_refused_entry_by_entry() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("catalog", ".json");
        java.nio.file.Files.writeString(file, """
                {"format":"citycard-catalog","formatVersion":1,
                 "services":[{"code":"BAD","name":{"zh":"坏","en":"Bad"}}]}""");
        browser.signIn("admin", "admin-test-pw");
        browser.go("/admin/transfer");
        WebElement upload = browser.find("#import-catalog");
        upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
        browser.waitFor(d -> d.findElement(By.id("import-report")).getText().contains("什么都没有导入"));
        assertThat(browser.find("#import-report").getText()).contains("services[0]");
    }

    @Test
    void on_a_360_pixel_phone_nothing_scrolls_sideways_even_in_elder_mode() {
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(360, 780));
        for (String path : new String[] {"/", "/service/420200SW-GG-0001", "/search?q=gjj"}) {
            browser.go(path);
            assertThat(((Number) browser.js("return document.documentElement.scrollWidth")).intValue()).as(path).isLessThanOrEqualTo(360);
        }
        browser.click("#elder-toggle");
        browser.go("/service/420200SW-GG-0001");
        assertThat(((Number) browser.js("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(360);
        browser.screenshot("service-phone-elder");
    }

    @Test
    void the_keyboard_alone_reaches_the_search_and_a_guide() {
        browser.go("/");
        var keys = new org.openqa.selenium.interactions.Actions(browser.driver);
        keys.sendKeys(Keys.TAB).perform();
        assertThat(browser.js("return document.activeElement.className")).asString().contains("cc-skip-link");
        // Tab on until the search field has focus, then type and press Enter
        for (int i = 0; i < 12 && !"search-field".equals(browser.js(
                "return document.activeElement.closest('vaadin-text-field')?.id || document.activeElement.id")); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        keys.sendKeys("gongjijin").perform();
        browser.settle();
        keys.sendKeys(Keys.ENTER).perform();
        browser.waitFor(d -> d.getCurrentUrl().contains("/search?q=gongjijin"));
        browser.settle();
        assertThat(browser.find(".cc-result-count").getText()).doesNotContain("共找到 0");
    }

    private double fontSize(String css) {
        Object px = browser.js("const e = document.querySelector(arguments[0]); return e ? parseFloat(getComputedStyle(e).fontSize) : 0;", css);
        return ((Number) px).doubleValue();
    }

    private String libraryCode() throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/api/mp/v1/catalog/services?q="
                + java.net.URLEncoder.encode(LIBRARY, "UTF-8")))).build(), HttpResponse.BodyHandlers.ofString()).body();
        int at = body.indexOf("\"code\":\"") + 8;
        return body.substring(at, body.indexOf('"', at));
    }

    private String citizenSees(String code) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/api/mp/v1/catalog/services/" + code)))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
