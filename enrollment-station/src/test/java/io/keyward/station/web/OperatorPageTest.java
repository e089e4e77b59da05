package io.keyward.station.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.station.enrollment.Enrollment;
import io.keyward.station.enrollment.FakeKeywardAccess;
import io.keyward.station.graph.KeywardClient;
import io.keyward.station.graph.StationGraph;
import io.keyward.station.key.UsbKeys;
import io.keyward.station.simulator.AttestationAuthority;
import io.keyward.station.simulator.KeyModel;
import io.keyward.station.usb.SimulatedUsbKey;
import io.keyward.station.usb.SimulatedUsbKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator page on a simulated USB key against the stand-in Keyward; its screenshot goes to target/screenshots. */
class OperatorPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SimulatedUsbKeys bus;
    private FakeKeywardAccess keyward;
    private OperatorPage page;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBus() throws IOException {
        bus = SimulatedUsbKeys.start(AttestationAuthority.generate("Keyward Page Test Root"));
        bus.exposeToThisProcess();
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @BeforeEach
    void start() throws IOException {
        keyward = new FakeKeywardAccess();
        StationGraph graph = new StationGraph(new KeywardClient(keyward.config()));
        page = new OperatorPage(keyward.config(), graph, new Enrollment(graph, "Olga Operator", Clock.systemUTC()), new UsbKeys(), 0);
    }

    @AfterEach
    void stop() throws IOException {
        page.close();
        keyward.close();
        for (SimulatedUsbKey key : bus.plugged()) {
            bus.pull(key);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(page.address().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postEnroll(String body, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(page.address().resolve("/api/enroll"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String origin() {
        return page.address().toString().replaceAll("/$", "");
    }

    @Test
    void showsTheInsertedKeyAndEnrollsWithAPrintableReceipt() throws Exception {
        bus.plugIn(KeyModel.KEYWARD_SIM_B);

        JsonNode key = JSON.readTree(get("/api/key").body());
        assertThat(key.path("product").asText()).isEqualTo("Keyward Simulated Key B");
        assertThat(key.path("aaguid").asText()).isEqualTo(KeyModel.KEYWARD_SIM_B.aaguid().toString());
        assertThat(key.path("slotsLeft").asInt()).isEqualTo(3);

        HttpResponse<String> enrolled = postEnroll("{\"userId\":\"ann@contoso.test\",\"profile\":\"default\"}", origin());

        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(enrolled.body());
        assertThat(result.path("pinSlip").asBoolean()).isTrue();
        String receipt = get(result.path("receipt").asText()).body();
        assertThat(receipt).contains("ann@contoso.test", "class=\"slip\"");
        assertThat(receipt.substring(0, receipt.indexOf("class=\"slip\""))).doesNotContain("PIN:");
        assertThat(receipt.substring(receipt.indexOf("class=\"slip\""))).contains("PIN:").doesNotContain("ann@contoso.test");
    }

    @Test
    void aGuestIsRefusedWithTheReasonAndTheKeyIsNotTouched() throws Exception {
        bus.plugIn(KeyModel.KEYWARD_SIM_A);

        HttpResponse<String> refused = postEnroll("{\"userId\":\"guest_x@contoso.test\",\"profile\":\"default\"}", origin());

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).path("reasonCode").asText()).isEqualTo("guestUserNotSupported");
        assertThat(bus.plugged().get(0).authenticator().pinSet()).isFalse();
    }

    @Test
    void refusesAPostFromAnotherOrigin() throws Exception {
        bus.plugIn(KeyModel.KEYWARD_SIM_A);

        assertThat(postEnroll("{\"userId\":\"ann@contoso.test\"}", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(postEnroll("{\"userId\":\"ann@contoso.test\"}", null).statusCode()).isEqualTo(403);
        assertThat(keyward.registrations()).isZero();
    }

    @Test
    void refusesAnotherHostNameAgainstDnsRebinding() throws Exception {
        try (Socket socket = new Socket(page.address().getHost(), page.address().getPort())) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void pageScreenshotForTheDocs() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(chromium), "no /usr/bin/chromium for the screenshot");
        bus.plugIn(KeyModel.KEYWARD_SIM_A);
        Path screenshot = Path.of("target/screenshots/operator-page.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        ProcessBuilder browser = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--user-data-dir=" + Files.createTempDirectory("station-chromium"), "--window-size=1200,760",
                "--virtual-time-budget=4000", "--screenshot=" + screenshot, page.address().toString()).redirectErrorStream(true);
        browser.environment().remove("LD_PRELOAD");
        Process process = browser.start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(5_000);
    }
}
