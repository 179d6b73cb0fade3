package io.revtops.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web app in a real browser (Debian's Chromium driven by Playwright) against the real server: it loads within
 * its budgets, a person signs in with the dev login, sees the chat, starts a conversation, and every screen renders.
 * Screenshots of each screen go to frontend/e2e-screenshots/ (git-ignored) for people to look at.
 */
@RevtopsTest
class WebAppE2EIT {
    static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic");
    static final Path SHOTS = Path.of("..", "frontend", "e2e-screenshots");
    static final Pattern CONVERSATION_URL = Pattern.compile(".*/chat/[0-9a-f-]{36}$");

    static Playwright playwright;
    static Browser browser;

    @LocalServerPort int port;

    static Path chromium() {
        String configured = System.getenv("REVTOPS_CHROMIUM");
        return Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        assumeTrue(Files.isExecutable(chromium()), "Skipped: no Chromium at " + chromium()
                + " (install Debian's chromium, as .ci/run does, or set REVTOPS_CHROMIUM)");
        Files.createDirectories(SHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium()).setHeadless(true).setArgs(CHROMIUM_FLAGS));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
    }

    String base() {
        return "http://localhost:" + port;
    }

    static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")));
    }

    BrowserContext context(int width, int height, ColorScheme scheme) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height).setColorScheme(scheme));
    }

    @Test
    void signInChatAndEveryScreen() {
        boolean chatServer = new TestApi(port).get("/api/conversations", new TestApi(port)
                .devLogin("probe@e2e" + UUID.randomUUID().toString().substring(0, 8) + ".test").caller()).status() == 200;
        try (BrowserContext ctx = context(1280, 800, ColorScheme.LIGHT)) {
            Page page = ctx.newPage();
            page.navigate(base() + "/");
            page.locator("#email").waitFor();
            shot(page, "01-sign-in-1280");

            page.locator("#email").fill("ada@e2e" + UUID.randomUUID().toString().substring(0, 8) + ".test");
            page.locator("button[type=submit]").click();
            page.locator("#main").waitFor();
            page.locator("#composer").waitFor();
            assertThat(page.locator("h1").first().textContent()).isEqualTo("New chat");
            assertThat(page.locator("[data-testid=pending-count]").textContent()).isEqualTo("0");
            shot(page, "02-chat-1280");

            if (chatServer) {
                page.locator("#composer").fill("Hello Penny, which deals close this month?");
                page.keyboard().press("Enter");
                page.waitForURL(CONVERSATION_URL);
                // the new conversation is listed under its title, and Penny answers (or says what to configure)
                page.locator("nav[aria-label=Conversations] a[aria-current=page]").waitFor();
                page.locator("[data-testid=live-answer], .prose-chat").first().waitFor();
                shot(page, "03-conversation-1280");
            } else {
                page.getByText("Not available on this server yet").first().waitFor();
                System.out.println("[e2e] the chat REST/socket is not on this server yet: conversation creation not exercised");
            }

            Map<String, String> screens = new LinkedHashMap<>();
            screens.put("04-data", "/data/deals");
            screens.put("05-search", "/search?q=pricing");
            screens.put("06-integrations", "/integrations");
            screens.put("07-settings", "/settings");
            screens.put("08-memories", "/memories");
            screens.put("09-workflows", "/workflows");
            for (var screen : screens.entrySet()) {
                page.navigate(base() + screen.getValue());
                page.locator("#main h1").first().waitFor();
                page.waitForLoadState();
                shot(page, screen.getKey() + "-1280");
            }
            assertThat(page.url()).endsWith("/workflows");

            page.navigate(base() + "/chat");
            page.locator("button[aria-controls=pending-panel]").click();
            page.locator("#pending-panel").waitFor();
            shot(page, "10-pending-1280");
        }
    }

    @Test
    void phoneWidthAndDarkTheme() {
        try (BrowserContext ctx = context(390, 844, ColorScheme.DARK)) {
            Page page = ctx.newPage();
            page.navigate(base() + "/");
            page.locator("#email").fill("bo@e2e" + UUID.randomUUID().toString().substring(0, 8) + ".test");
            page.locator("button[type=submit]").click();
            page.locator("#main").waitFor();
            assertThat((Boolean) page.evaluate("document.documentElement.classList.contains('dark')")).isTrue();
            // no horizontal scrolling on a phone
            assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
            shot(page, "11-chat-list-390-dark");
            page.getByText("New chat").first().click();
            page.locator("#composer").waitFor();
            shot(page, "12-new-chat-390-dark");
            page.locator("button[aria-label='Open menu']").click();
            page.locator("nav[aria-label=Main] >> text=Data").last().click();
            page.locator("#main h1").first().waitFor();
            shot(page, "13-data-390-dark");
        }
    }

    @Test
    void firstLoadStaysWithinItsBudgets() {
        try (BrowserContext ctx = context(1280, 800, ColorScheme.LIGHT)) {
            Page page = ctx.newPage();
            page.navigate(base() + "/"); // warm the server's caches once, as a returning visit would not need to
            page.locator("#email").waitFor();
        }
        try (BrowserContext ctx = context(1280, 800, ColorScheme.LIGHT)) {
            Page page = ctx.newPage();
            page.navigate(base() + "/");
            page.locator("#email").waitFor();
            double interactiveMs = ((Number) page.evaluate("performance.now()")).doubleValue();
            double jsBytes = ((Number) page.evaluate("""
                    performance.getEntriesByType('resource').filter(r => r.name.endsWith('.js'))
                      .reduce((sum, r) => sum + (r.decodedBodySize || 0), 0)""")).doubleValue();
            boolean plotlyLoaded = (Boolean) page.evaluate(
                    "performance.getEntriesByType('resource').some(r => r.name.includes('plotly'))");
            System.out.printf("[e2e] budget: sign-in screen interactive after %.0f ms; JavaScript loaded %.0f KB (plotly loaded: %s)%n",
                    interactiveMs, jsBytes / 1024, plotlyLoaded);
            assertThat(plotlyLoaded).as("Plotly is loaded only with the first chart").isFalse();
            assertThat(jsBytes).as("JavaScript of the first load").isLessThan(1.5 * 1024 * 1024);
            // the budget is 1 s on a developer machine; a loaded CI machine gets slack
            assertThat(interactiveMs).as("time to interactive").isLessThan(3000);

            // signed in, a reload shows the chat ready to type into (session, /auth/me, conversations, socket)
            page.locator("#email").fill("tti@e2e" + UUID.randomUUID().toString().substring(0, 8) + ".test");
            page.locator("button[type=submit]").click();
            page.locator("#composer").waitFor();
            page.reload();
            page.locator("#composer").waitFor();
            page.waitForFunction("!document.querySelector('[role=status] .animate-spin')");
            double appMs = ((Number) page.evaluate("performance.now()")).doubleValue();
            System.out.printf("[e2e] budget: signed-in chat interactive after %.0f ms%n", appMs);
            assertThat(appMs).as("time to interactive, signed in").isLessThan(3000);
        }
    }
}
