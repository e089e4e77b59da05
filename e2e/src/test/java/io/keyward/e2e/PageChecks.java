package io.keyward.e2e;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person sees, checked in the browser: words without developer jargon, text contrast (WCAG 2.2 §1.4.3, AA),
 * a page that does not scroll sideways (§1.4.10 Reflow, at 320 CSS px and up), visible focus (§2.4.7), and
 * screenshots at desktop and phone width to look at.
 */
final class PageChecks {

    /** A desktop window and an iPhone 12–15 sized phone (390 × 844 CSS px). */
    enum Width {
        DESKTOP(1280, 900, false), PHONE(390, 844, true);

        final int width;
        final int height;
        final boolean mobile;

        Width(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }
    }

    /** Words that belong to the API, the specs or the code, not to a page for people. */
    private static final List<String> JARGON = List.of("{", "}", "Exception", "§", "clientDataJSON", "rpIdHash", "webauthn4j",
            "AAGUID", "aaGuid", "Request_", "Resource '", "displayName", "userPrincipalName", "invalidRequest", "&lt;", "&gt;", "&amp;");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NULL = Pattern.compile("\\b(null|undefined|NaN)\\b");
    private static final Pattern QUOTED_FIELD = Pattern.compile("'[A-Za-z.]+' (is|must|does)");

    private PageChecks() {
    }

    /** Asserts that a text shown to a person has no jargon, ids, quoted field names or "null". */
    static void assertPlainWords(String what, String text) {
        assertThat(text).as(what).isNotBlank().doesNotContain(JARGON.toArray(String[]::new));
        assertThat(text).as(what + ": no AAGUID or other id").doesNotContainPattern(UUID);
        assertThat(text).as(what + ": no null").doesNotContainPattern(NULL);
        assertThat(text).as(what + ": no quoted field names").doesNotContainPattern(QUOTED_FIELD);
    }

    /** All the text the page shows now (closed details and hidden elements excluded). */
    static String visibleText(ChromeDriver driver) {
        return String.valueOf(driver.executeScript("return document.body.innerText;"));
    }

    /** Emulates the width (CSS px) and, for the phone, touch and the mobile viewport. */
    static void use(ChromeDriver driver, Width width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width.width, "height", width.height,
                "deviceScaleFactor", 1, "mobile", width.mobile));
    }

    static void reset(ChromeDriver driver) {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Asserts that nothing sticks out sideways and the element with this id is on screen. */
    static void assertFitsTheWidth(ChromeDriver driver, String... onScreenIds) {
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) driver.executeScript("""
                const out = { viewport: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth, off: [] };
                for (const id of arguments[0]) {
                  const r = document.getElementById(id).getBoundingClientRect();
                  if (r.width === 0 || r.left < 0 || r.right > out.viewport) { out.off.push(id + ' at ' + r.left + '..' + r.right); }
                }
                return out;""", List.of(onScreenIds));
        assertThat(((Number) box.get("scroll")).intValue()).as("page width (scrolls sideways when wider than %s)", box.get("viewport"))
                .isLessThanOrEqualTo(((Number) box.get("viewport")).intValue());
        assertThat((List<?>) box.get("off")).as("elements off screen").isEmpty();
    }

    /**
     * Every visible element with text of its own, against the background it is drawn on: at least 4.5:1, or 3:1 for
     * large text (24 px, or 18.66 px bold). Returns the failures, each with its colors, for the assertion message.
     */
    @SuppressWarnings("unchecked")
    static List<String> contrastFailures(ChromeDriver driver) {
        return (List<String>) driver.executeScript("""
                const rgb = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
                  const p = m[1].split(',').map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
                const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
                const over = (top, bottom) => ({ r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
                  b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
                const background = (el) => { const layers = [];
                  for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                    if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
                  let result = { r: 255, g: 255, b: 255, a: 1 };
                  for (let i = layers.length - 1; i >= 0; i--) result = over(layers[i], result);
                  return result; };
                const failures = [];
                for (const el of document.body.querySelectorAll('*')) {
                  const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
                  if (!own || !el.getClientRects().length) continue;
                  const style = getComputedStyle(el);
                  if (style.visibility === 'hidden' || el.closest('[hidden]')) continue;
                  const bg = background(el);
                  const fg = over(rgb(style.color), bg);
                  const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
                  const ratio = (hi + 0.05) / (lo + 0.05);
                  const size = parseFloat(style.fontSize); const bold = parseInt(style.fontWeight, 10) >= 700;
                  const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                  if (ratio < needed) failures.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}": `
                    + `${ratio.toFixed(2)}:1 (${style.color} on rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)}))`);
                }
                return failures;""");
    }

    /** Whether the focused element shows a focus outline (not only a color change). */
    static boolean focusVisible(ChromeDriver driver) {
        return (Boolean) driver.executeScript("""
                const s = getComputedStyle(document.activeElement);
                return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;""");
    }

    /** Saves what the page looks like now as {@code target/screenshots/<width>-<name>.png} (full page). */
    static Path screenshot(ChromeDriver driver, Width width, String name) {
        Path directory = Path.of(System.getProperty("keyward.e2e.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(width.name().toLowerCase() + "-" + name + ".png");
            Object height = driver.executeScript("return Math.max(document.documentElement.scrollHeight, window.innerHeight);");
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width.width,
                    "height", Math.max(width.height, ((Number) height).intValue()), "deviceScaleFactor", 1, "mobile", width.mobile));
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            use(driver, width);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save the screenshot " + name, e);
        }
    }
}
