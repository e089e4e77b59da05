package io.keyward.admin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import static io.keyward.admin.AdminPage.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The navigation and the dashboard's list of pages come from one list, and show each role the pages it can use. */
class AdminPageTest {

    private static final Path WEBAPP = Path.of("src/main/webapp");

    private static SignedInAdmin with(AdminRole... roles) {
        return new SignedInAdmin("token", null, "Ann", "ann@contoso.example", roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles));
    }

    @Test
    void everyPageIsAFileOfTheAdminCenter() {
        assertThat(AdminPage.values()).allSatisfy(p -> assertThat(WEBAPP.resolve(p.path())).isRegularFile());
    }

    @Test
    void theTemplateAndTheDashboardLinkNoPageByHandSoNoneCanBeLeftOut() throws IOException {
        for (String file : new String[] {"WEB-INF/templates/page.xhtml", "index.xhtml"}) {
            String text = Files.readString(WEBAPP.resolve(file));
            assertThat(AdminPage.values()).as(file).allSatisfy(p -> assertThat(text).doesNotContain("/" + p.path() + "\""));
        }
    }

    @Test
    void aGlobalAdministratorHasEveryPageAndTheDashboardListsTheOthers() {
        assertThat(AdminPage.usableBy(with(AdminRole.GLOBAL_ADMINISTRATOR), true)).containsExactly(AdminPage.values());
        assertThat(AdminPage.usableBy(with(AdminRole.GLOBAL_ADMINISTRATOR), false)).doesNotContain(DASHBOARD).hasSize(AdminPage.values().length - 1);
    }

    @Test
    void eachRoleSeesThePagesItCanRead() {
        assertThat(AdminPage.usableBy(with(AdminRole.REPORTS_READER), true)).containsExactly(DASHBOARD, INVENTORY, SIGN_INS, AUDIT_LOGS);
        assertThat(AdminPage.usableBy(with(AdminRole.USER_ADMINISTRATOR), true)).containsExactly(DASHBOARD, USERS, GROUPS, GUESTS);
        assertThat(AdminPage.usableBy(with(AdminRole.CONDITIONAL_ACCESS_ADMINISTRATOR), true))
                .containsExactly(DASHBOARD, PASSKEY_POLICY, PASSKEY_PROFILES, USERS, GROUPS, GUESTS, STRENGTHS, CONDITIONAL_ACCESS, METADATA);
        assertThat(AdminPage.usableBy(with(AdminRole.REPORTS_READER, AdminRole.USER_ADMINISTRATOR), true))
                .containsExactly(DASHBOARD, USERS, GROUPS, GUESTS, INVENTORY, SIGN_INS, AUDIT_LOGS);
    }

    @Test
    void someoneWithoutARoleHasNoPage() {
        assertThat(AdminPage.usableBy(with(), true)).isEmpty();
        assertThat(AdminPage.usableBy(null, true)).isEmpty();
    }
}
