package dev.souk.stack;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's service map in a real browser (Debian's Chromium driven by Playwright): every node shows
 * live health, and a service node leads to that service's Swagger UI.
 */
@ExtendWith(SoukStack.class)
class ServiceMapBrowserIT {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Set<String> HEALTH_STATES = Set.of("UP", "DOWN", "UNKNOWN", "PLANNED");

    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void launchBrowser() {
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-sync")));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void mapShowsLiveHealthAndLeadsToSwaggerUi() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900));
        Page page = context.newPage();

        // when the map is opened
        page.navigate("http://localhost:8080/");
        page.waitForSelector("body[data-health-loaded=true]", new Page.WaitForSelectorOptions().setTimeout(30_000));

        // then every service node carries a health state
        Locator nodes = page.locator("a.svc[data-service]");
        assertThat(nodes.count()).isGreaterThanOrEqualTo(4);
        for (int i = 0; i < nodes.count(); i++) {
            Locator node = nodes.nth(i);
            assertThat(node.getAttribute("data-health"))
                    .as("data-health of %s", node.getAttribute("data-service"))
                    .isIn(HEALTH_STATES);
        }
        // and the running services are UP
        for (String service : List.of("users", "products", "inventory", "gateway")) {
            assertThat(page.locator("a.svc[data-service=" + service + "]"))
                    .hasAttribute("data-health", "UP", new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "service-map.png")).setFullPage(true));

        // when the products node is followed
        Locator products = page.locator("a.svc[data-service=products]");
        Page swagger = "_blank".equals(products.getAttribute("target"))
                ? context.waitForPage(products::click)
                : page;
        if (swagger == page) {
            products.click();
        }

        // then the products API's Swagger UI renders
        swagger.waitForURL("**/api/products/swagger-ui/**");
        swagger.waitForSelector(".swagger-ui .information-container",
                new Page.WaitForSelectorOptions().setTimeout(60_000));
        assertThat(swagger.locator(".swagger-ui .information-container .title")).isVisible();
        swagger.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "swagger-products.png")).setFullPage(true));

        context.close();
    }
}
