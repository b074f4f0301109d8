package org.citycard.app;

import java.io.File;
import java.time.Duration;
import java.util.List;

import org.citycard.testing.RequiredServices;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven by Selenium, with waits that understand Vaadin. */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("citycard.test.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("citycard.test.chromedriver", "/usr/bin/chromedriver");

    final WebDriver driver;
    private final String base;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    static Browser open(String base) {
        RequiredServices.need("Chromium", new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "install the Debian packages chromium and chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--lang=zh-CN");
        // the browser's console, to see Content-Security-Policy violations
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
        return new Browser(new ChromeDriver(service, options), base);
    }

    WebDriver driver() {
        return driver;
    }

    void go(String path) {
        driver.get(base + path);
        settle();
    }

    /** Waits until Vaadin has no request in flight (at once on a page without Vaadin, such as the sandbox's). */
    void settle() {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete' && !document.querySelector('script[src*=\"VAADIN\"]')"
                        + " || !!(window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients"
                        + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive()))")));
    }

    java.util.List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement find(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        });
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(() -> "the page is " + driver.getCurrentUrl())
                .until(condition::apply);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Chooses the item of a Vaadin select by what it says (not by its place in the list, which other tests' data can
     * move), then lets the server catch up.
     */
    void choose(String css, String label) {
        WebElement select = find(css);
        waitFor(d -> Boolean.TRUE.equals(js("return [...arguments[0].querySelectorAll('vaadin-select-item')]"
                + ".some(i => i.textContent.trim() === arguments[1])", select, label)));
        js("const item = [...arguments[0].querySelectorAll('vaadin-select-item')]"
                + ".find(i => i.textContent.trim() === arguments[1]); arguments[0].value = item.getAttribute('value')",
                select, label);
        settle();
    }

    /** Sets a Vaadin field's value the way typing would, then lets the server catch up. */
    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
        settle();
    }

    void click(String css) {
        find(css).click();
        settle();
    }

    /** Signs in at the identity provider's page, then follows the single sign-on back into the portal. */
    void signIn(String user, String password) {
        go("/signin");
        type("#signin-login input", user);
        type("#signin-password input", password);
        find("#signin-submit").click();
        waitFor(d -> !d.getCurrentUrl().contains("/signin") && !d.getCurrentUrl().contains("/oauth2/")
                && !d.getCurrentUrl().contains("/login"));
        settle();
    }

    void signOut() {
        // the sign-out link is in the bar under the sticky header: from lower down the page, back to the top first
        js("window.scrollTo(0, 0)");
        click("#logout");
        waitFor(d -> d.findElements(By.cssSelector("#logout")).isEmpty());
    }

    /**
     * axe-core's WCAG 2.0-2.2 A and AA rules on the page as it is now, shadow DOM included; fails naming each
     * violation and where it is.
     */
    void assertAccessible(String what) {
        settle();
        com.deque.html.axecore.results.Results results = new com.deque.html.axecore.selenium.AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")).analyze(driver);
        String found = results.getViolations().stream()
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(3).toList())
                .collect(java.util.stream.Collectors.joining("\n"));
        org.assertj.core.api.Assertions.assertThat(results.getViolations()).as("axe-core on %s:%n%s", what, found).isEmpty();
    }

    /** Nothing the page did was blocked by its Content-Security-Policy (read from the browser's console). */
    void assertNoCspViolations() {
        List<String> blocked = driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        org.assertj.core.api.Assertions.assertThat(blocked).as("CSP violations").isEmpty();
    }

    /** Keeps a picture of the page under target/screenshots, for people reviewing a run. */
    void screenshot(String name) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
            java.nio.file.Files.createDirectories(dir);
            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            java.nio.file.Files.write(dir.resolve(name + ".png"), png);
            if (name.startsWith("last-")) {
                // and what the page said in its console
                java.nio.file.Files.write(dir.resolve(name + ".console.txt"), driver.manage().logs()
                        .get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                        .map(org.openqa.selenium.logging.LogEntry::toString).toList());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
