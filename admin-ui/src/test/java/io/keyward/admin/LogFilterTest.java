package io.keyward.admin;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The log pages' filters as the Graph $filter Keyward's sign-in and audit logs accept. */
class LogFilterTest {

    static final String VIRTUAL = "01020304-0506-0708-0102-030405060708";

    @Test
    void noFilterIsNoClause() {
        assertThat(new LogFilter().startsWith("userPrincipalName", " ").equal("appId", null).signInResult("").passkeyModel("")
                .days("createdDateTime", "", null).text()).isEmpty();
    }

    @Test
    void everySignInFilterBecomesOneClauseJoinedByAnd() {
        String filter = new LogFilter().startsWith("userPrincipalName", " ann@contoso ").equal("appId", "a1").signInResult("failure")
                .equal("status/additionalDetails", "aaguidNotAllowed").passkeyModel(VIRTUAL.toUpperCase())
                .days("createdDateTime", "2026-12-01", "2026-12-02").text();

        assertThat(filter).isEqualTo("startswith(userPrincipalName,'ann@contoso') and appId eq 'a1' and status/errorCode ne 0"
                + " and status/additionalDetails eq 'aaguidNotAllowed'"
                + " and authenticationProcessingDetails/any(d:d/key eq 'Passkey AAGUID' and d/value eq '" + VIRTUAL + "')"
                + " and createdDateTime ge 2026-12-01T00:00:00Z and createdDateTime lt 2026-12-03T00:00:00Z");
        assertThat(new LogFilter().signInResult("success").text()).isEqualTo("status/errorCode eq 0");
        assertThat(new LogFilter().signInResult("anything else").text()).isEmpty();
    }

    @Test
    void aQuoteInAValueIsDoubledAsODataQuotesIt() {
        assertThat(new LogFilter().startsWith("userPrincipalName", "o'neil' or 1 eq 1").text())
                .isEqualTo("startswith(userPrincipalName,'o''neil'' or 1 eq 1')");
    }

    @Test
    void aModelThatIsNotAnAaguidAndDatesThatAreNotDaysAreRefusedInWords() {
        assertThatThrownBy(() -> new LogFilter().passkeyModel("yubikey')")).isInstanceOf(LogFilter.Invalid.class)
                .hasMessageContaining("is not an AAGUID");
        assertThatThrownBy(() -> new LogFilter().days("createdDateTime", "yesterday", null)).isInstanceOf(LogFilter.Invalid.class)
                .hasMessage("From 'yesterday' is not a date: write it as 2026-12-31.");
        assertThatThrownBy(() -> new LogFilter().days("createdDateTime", "2026-12-02", "2026-12-01")).isInstanceOf(LogFilter.Invalid.class)
                .hasMessageContaining("ends (2026-12-01) before it starts (2026-12-02)");
    }

    @Test
    void pagingKeepsTheFiltersAndTakesOnlyTheSkipTokenFromTheNextLink() {
        String next = "http://localhost:8080/graph/v1.0/auditLogs/signIns?$top=25&$filter=appId%20eq%20%27a1%27&$skiptoken=AbC-_x%3D";
        assertThat(Paging.nextSkipToken(Json.createObjectBuilder().add("@odata.nextLink", next).add("value", Json.createArrayBuilder()).build()))
                .hasValue("AbC-_x=");
        assertThat(Paging.nextSkipToken(Json.createObjectBuilder().add("value", Json.createArrayBuilder()).build())).isEmpty();

        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("user", "ann@contoso");
        filters.put("app", "");
        filters.put("result", "failure");
        assertThat(Paging.query(filters, "AbC-_x=")).isEqualTo("user=ann%40contoso&result=failure&skiptoken=AbC-_x%3D");
        assertThat(LogPage.path("/auditLogs/signIns", "appId eq 'a1'", "AbC-_x="))
                .isEqualTo("/auditLogs/signIns?$top=25&$filter=appId%20eq%20%27a1%27&$skiptoken=AbC-_x%3D");
    }
}
