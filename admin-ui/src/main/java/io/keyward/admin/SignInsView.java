package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.keyward.admin.LogPage.text;

/**
 * The sign-in log ({@code /auditLogs/signIns}): a GET form of filters (user, app, result, reason code, passkey model,
 * date range) turned into the Graph {@code $filter} Keyward accepts, 25 entries a page, newest first, and a detail pane
 * per entry: method, passkey model, conditional access result and the policies applied, reason code and the sentence
 * the person was shown.
 */
@Named
@RequestScoped
public class SignInsView {

    static final String SIGN_INS = "/auditLogs/signIns";
    /** Reason codes a sign-in can be refused with, for the filter's suggestions (any code can be typed). */
    static final List<String> REASONS = List.of("aaguidNotAllowed", "accountDisabled", "authenticationStrengthNotMet", "authenticatorCompromised",
            "blockedByConditionalAccess", "challengeExpired", "challengeNotFound", "credentialNotFound", "invalidAssertionResponse",
            "passkeyFlaggedAsPossibleClone", "passkeyMethodDisabled", "passkeyTypeNotAllowed", "signCountRegression", "tooManyRequests",
            "userNotInPasskeyPolicyScope");

    @Inject
    Graph graph;

    @Inject
    HttpServletRequest request;

    /** A conditional access policy's result for one sign-in. */
    public record Applied(String displayName, String result, String strength, String strengthResult) {

        public String resultLabel() {
            return switch (result) {
                case "success" -> "Applied and met";
                case "failure" -> "Applied and not met: refused";
                case "notApplied" -> "Not applied (user or app not targeted)";
                case "notEnabled" -> "Off";
                case "reportOnlySuccess" -> "Report-only: would let in";
                case "reportOnlyFailure" -> "Report-only: would refuse";
                case "reportOnlyNotApplied" -> "Report-only: not targeted";
                default -> result;
            };
        }
    }

    /** One sign-in, with what its detail pane shows. */
    public record Row(String id, String time, String userDisplayName, String userPrincipalName, String app, String appId, boolean succeeded,
                      String method, String methodDetail, String aaguid, String model, String conditionalAccessStatus, List<Applied> applied,
                      String reasonCode, String failureReason, String auditOnlyReason, String ipAddress) {

        public String conditionalAccessLabel() {
            return switch (conditionalAccessStatus) {
                case "success" -> "Policies applied and were met";
                case "failure" -> "A policy refused the sign-in";
                default -> "No enforced policy applied";
            };
        }
    }

    /** An app for the filter's suggestions. */
    public record App(String appId, String displayName) {
    }

    private final Map<String, String> filters = new LinkedHashMap<>();
    private List<Row> rows = List.of();
    private List<App> apps = List.of();
    private String nextPage;
    private boolean paged;
    private String error;

    @PostConstruct
    void load() {
        for (String name : List.of("user", "app", "result", "reason", "aaguid", "from", "to")) {
            String value = request.getParameter(name);
            filters.put(name, value == null ? "" : value.trim());
        }
        String skipToken = request.getParameter(Paging.SKIP_TOKEN);
        paged = skipToken != null && !skipToken.isBlank();
        try {
            apps = graph.list("/servicePrincipals?$select=appId,displayName").stream()
                    .map(a -> new App(a.getString("appId"), a.getString("displayName", a.getString("appId")))).toList();
        } catch (GraphRefused cannotListApps) {
            // The app filter takes an app id typed in.
        }
        String filter;
        try {
            filter = new LogFilter().startsWith("userPrincipalName", filters.get("user")).equal("appId", filters.get("app"))
                    .signInResult(filters.get("result")).equal("status/additionalDetails", filters.get("reason"))
                    .passkeyModel(filters.get("aaguid")).days("createdDateTime", filters.get("from"), filters.get("to")).text();
        } catch (LogFilter.Invalid invalid) {
            error = invalid.getMessage();
            return;
        }
        try {
            JsonObject page = graph.get(LogPage.path(SIGN_INS, filter, skipToken));
            Map<String, String> models = new HashMap<>();
            List<Row> list = new ArrayList<>();
            for (JsonValue v : page.getJsonArray("value")) {
                list.add(row(v.asJsonObject(), models));
            }
            rows = list;
            nextPage = Paging.nextSkipToken(page).map(t -> Paging.query(filters, t)).orElse(null);
        } catch (GraphRefused refusal) {
            error = (refusal.status() == 403 ? "The sign-in log needs a role that reads reports (Global Administrator, Global Reader, Reports Reader). " : "")
                    + Messages.words(refusal);
        }
    }

    private Row row(JsonObject s, Map<String, String> models) {
        JsonObject status = s.getJsonObject("status");
        JsonArray details = s.getJsonArray("authenticationDetails");
        JsonObject detail = details == null || details.isEmpty() ? null : details.getJsonObject(0);
        Map<String, String> processing = new HashMap<>();
        JsonArray processingDetails = s.getJsonArray("authenticationProcessingDetails");
        if (processingDetails != null) {
            processingDetails.getValuesAs(JsonObject.class).forEach(p -> processing.put(text(p, "key"), text(p, "value")));
        }
        String aaguid = processing.getOrDefault("Passkey AAGUID", "");
        List<Applied> applied = new ArrayList<>();
        JsonArray policies = s.getJsonArray("appliedConditionalAccessPolicies");
        if (policies != null) {
            for (JsonObject p : policies.getValuesAs(JsonObject.class)) {
                JsonObject strength = p.get("authenticationStrength") instanceof JsonObject o ? o : null;
                applied.add(new Applied(text(p, "displayName"), text(p, "result"), strength == null ? "" : text(strength, "displayName"),
                        strength == null ? "" : text(strength, "authenticationStrengthResult")));
            }
        }
        return new Row(text(s, "id"), LogPage.time(text(s, "createdDateTime")), text(s, "userDisplayName"), text(s, "userPrincipalName"),
                text(s, "appDisplayName"), text(s, "appId"), status == null || status.getInt("errorCode", 0) == 0,
                text(detail, "authenticationMethod"), text(detail, "authenticationMethodDetail"), aaguid,
                aaguid.isEmpty() ? "" : models.computeIfAbsent(aaguid, a -> ModelNames.of(graph, a)), text(s, "conditionalAccessStatus"),
                List.copyOf(applied), text(status, "additionalDetails"), text(status, "failureReason"),
                processing.getOrDefault("Keyward audit-only refusal", ""), text(s, "ipAddress"));
    }

    public List<Row> getRows() { return rows; }
    public List<App> getApps() { return apps; }
    public List<String> getReasons() { return REASONS; }
    public Map<String, String> getFilters() { return filters; }
    public String getNextPage() { return nextPage; }
    public boolean isPaged() { return paged; }
    public String getFirstPage() { return Paging.query(filters, null); }
    public String getError() { return error; }
}
