package io.keyward.admin;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The body of a new group: a security group, not mail-enabled, with a mail nickname Graph accepts. */
class GroupsViewTest {

    @Test
    void aNewGroupIsASecurityGroupWithANicknameFromItsName() {
        JsonObject body = GroupsView.newGroup("Passkey pilot (Berlin)", "  The first people  ");
        assertThat(body.getBoolean("securityEnabled")).isTrue();
        assertThat(body.getBoolean("mailEnabled")).isFalse();
        assertThat(body.getString("displayName")).isEqualTo("Passkey pilot (Berlin)");
        assertThat(body.getString("mailNickname")).isEqualTo("passkey-pilot-berlin");
        assertThat(body.getString("description")).isEqualTo("The first people");
    }

    @Test
    void aNameWithoutLettersOrDigitsStillGetsANicknameAndNoDescriptionIsLeftOut() {
        JsonObject body = GroupsView.newGroup("Ünïcødé ✓", " ");
        assertThat(body.getString("mailNickname")).isEqualTo("n-c-d");
        assertThat(body.containsKey("description")).isFalse();
        assertThat(GroupsView.newGroup("✓✓", null).getString("mailNickname")).isEqualTo("group");
    }
}
