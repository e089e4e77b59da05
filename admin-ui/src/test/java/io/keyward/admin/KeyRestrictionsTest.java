package io.keyward.admin;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRestrictionsTest {

    static final String YUBIKEY = "cb69481e-8ff7-4039-93ec-0a2729a154a8";
    static final String VIRTUAL = "01020304-0506-0708-0102-030405060708";
    static final String NONE = "00000000-0000-0000-0000-000000000000";

    static final KeyRestrictions OFF = new KeyRestrictions(true, false, false, "block", Set.of());

    final List<KeyRestrictions.UserPasskeys> users = List.of(
            new KeyRestrictions.UserPasskeys("1", "ann@contoso", List.of(YUBIKEY)),
            new KeyRestrictions.UserPasskeys("2", "bob@contoso", List.of(VIRTUAL, YUBIKEY)),
            new KeyRestrictions.UserPasskeys("3", "cy@contoso", List.of(VIRTUAL, NONE)),
            new KeyRestrictions.UserPasskeys("4", "dee@contoso", List.of()));

    @Test
    void anAllowListLocksOutEveryPasskeyOfAnotherModel() {
        KeyRestrictions allowYubiKey = new KeyRestrictions(true, true, false, "allow", Set.of(YUBIKEY.toUpperCase()));

        KeyRestrictions.Lockout lockout = KeyRestrictions.preview(OFF, allowYubiKey, users);

        assertThat(lockout.passkeysRefused()).isEqualTo(3);
        assertThat(lockout.usersLockedOut()).containsExactly("cy@contoso");
        assertThat(lockout.usersLosingSome()).containsExactly("bob@contoso");
        assertThat(lockout.usersWithPasskeys()).isEqualTo(3);
    }

    @Test
    void aBlockListRefusesOnlyTheListedModels() {
        KeyRestrictions blockVirtual = new KeyRestrictions(true, true, false, "block", Set.of(VIRTUAL));

        KeyRestrictions.Lockout lockout = KeyRestrictions.preview(OFF, blockVirtual, users);

        assertThat(lockout.passkeysRefused()).isEqualTo(2);
        assertThat(lockout.usersLockedOut()).isEmpty();
        assertThat(lockout.usersLosingSome()).containsExactly("bob@contoso", "cy@contoso");
    }

    @Test
    void auditOnlyLocksNobodyOut() {
        KeyRestrictions auditOnly = new KeyRestrictions(true, true, true, "allow", Set.of(YUBIKEY));

        assertThat(KeyRestrictions.preview(OFF, auditOnly, users).locksAnyoneOut()).isFalse();
    }

    @Test
    void passkeysAlreadyRefusedAreNotCountedAgain() {
        KeyRestrictions blockVirtual = new KeyRestrictions(true, true, false, "block", Set.of(VIRTUAL));
        KeyRestrictions allowYubiKey = new KeyRestrictions(true, true, false, "allow", Set.of(YUBIKEY));

        KeyRestrictions.Lockout lockout = KeyRestrictions.preview(blockVirtual, allowYubiKey, users);

        assertThat(lockout.passkeysRefused()).as("only cy's all-zero AAGUID passkey still signed in").isEqualTo(1);
        assertThat(lockout.usersLockedOut()).containsExactly("cy@contoso");
    }

    @Test
    void turningPasskeysOffLocksOutEveryoneWithAPasskey() {
        KeyRestrictions disabled = new KeyRestrictions(false, false, false, "block", Set.of());

        KeyRestrictions.Lockout lockout = KeyRestrictions.preview(OFF, disabled, users);

        assertThat(lockout.passkeysRefused()).isEqualTo(5);
        assertThat(lockout.usersLockedOut()).containsExactly("ann@contoso", "bob@contoso", "cy@contoso");
    }
}
