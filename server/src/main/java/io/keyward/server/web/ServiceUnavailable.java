package io.keyward.server.web;

import io.keyward.server.platform.DatabaseUnavailable;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The answer to a request that failed because the database did not answer ({@link DatabaseUnavailable}): 503 with
 * {@code Retry-After}, in the shape the caller reads. A browser navigating (it accepts HTML, not JSON) gets a plain
 * page that says so; the pages' JSON API ({@code /signin}, {@code /myaccount}) its {@code {"error":{"code","message"}}}
 * with {@code serviceUnavailable}; the OAuth endpoints RFC 6749's {@code temporarily_unavailable}.
 */
public final class ServiceUnavailable {

    private static final System.Logger LOG = System.getLogger(ServiceUnavailable.class.getName());
    private static final List<String> PAGES_API = List.of("signin/", "myaccount");

    private ServiceUnavailable() {
    }

    /**
     * Logs the outage with its reason code, the status, the words the caller was given and the cause (one line, no
     * stack trace: it is not a defect).
     */
    public static void log(String request, Throwable failure) {
        String cause = DatabaseUnavailable.causeOf(failure).map(c -> c.getClass().getSimpleName() + ": " + c.getMessage()).orElse("");
        LOG.log(System.Logger.Level.WARNING, "{0} refused: {1} (503) {2} Database unavailable: {3}", request,
                ReasonCode.SERVICE_UNAVAILABLE.code(), DatabaseUnavailable.MESSAGE, cause);
    }

    /**
     * The response for a request to {@code path} (relative to the server root, no leading slash) whose client
     * accepts {@code accept} (the header, or null).
     */
    public static Response response(String path, String accept) {
        long retryAfter = DatabaseUnavailable.RETRY_AFTER.toSeconds();
        Response response;
        if (wantsPage(accept)) {
            response = Response.status(503).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page()).build();
        } else if (PAGES_API.stream().anyMatch(path::startsWith)) {
            response = WebJson.error(new Refused(ReasonCode.SERVICE_UNAVAILABLE, DatabaseUnavailable.MESSAGE));
        } else {
            response = new OAuthError(503, "temporarily_unavailable", DatabaseUnavailable.MESSAGE).getResponse();
        }
        return Response.fromResponse(response).header("Retry-After", retryAfter).header("Cache-Control", "no-store").build();
    }

    /** A browser's navigation: HTML accepted, JSON not asked for (the pages' scripts ask for JSON). */
    static boolean wantsPage(String accept) {
        return accept != null && accept.contains("text/html") && !accept.contains("application/json");
    }

    private static String page() {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <meta http-equiv="refresh" content="%d"><title>Keyward is unavailable</title></head>
                <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; color: #1b1b1b; background: #fff">
                <main>
                <h1>Sign-in is unavailable for a moment</h1>
                <p>%s</p>
                <p>This page tries again by itself. Error code: <code>%s</code>.</p>
                </main>
                </body>
                </html>
                """.formatted(DatabaseUnavailable.RETRY_AFTER.toSeconds(), Html.escape(DatabaseUnavailable.MESSAGE),
                ReasonCode.SERVICE_UNAVAILABLE.code());
    }
}
