package io.keyward.server.passkey;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasskeyNamesTest {

    @ParameterizedTest
    @ValueSource(ints = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C})
    void bidirectionalControlsAreRemovedFromNames(int control) {
        String name = "Work " + Character.toString(control) + "key";

        assertThat(PasskeyNames.require(name)).isEqualTo("Work key");
    }

    @Test
    void rightToLeftOverrideCannotReverseHowANameReads() {
        // "exe.doc" shown reversed after U+202E would read as a different name.
        assertThat(PasskeyNames.require("My \u202Ecod.exe")).isEqualTo("My cod.exe").doesNotContain("\u202E");
    }

    @Test
    void controlCharactersAndLineBreaksAreRemoved() {
        assertThat(PasskeyNames.require("Key\u0000\u0007\u001B[31m\nred\r\t\u2028\u2029\u0085\uFEFF")).isEqualTo("Key[31mred");
    }

    @Test
    void scriptsAndEmojiThatAreNotControlsAreKept() {
        assertThat(PasskeyNames.require("مفتاح 🔑 ключ")).isEqualTo("مفتاح 🔑 ключ");
        assertThat(PasskeyNames.require("👩\u200D💻 laptop")).as("a zero-width joiner inside an emoji").isEqualTo("👩\u200D💻 laptop");
    }

    @Test
    void aNameOfOnlyControlsIsEmptyAndRefused() {
        assertThatThrownBy(() -> PasskeyNames.require("\u202E\u2066 \u0000"))
                .isInstanceOf(Refused.class)
                .satisfies(e -> assertThat(((Refused) e).reason()).isEqualTo(ReasonCode.INVALID_REQUEST))
                .hasMessage("The passkey's display name cannot be empty.");
    }

    @Test
    void theLengthLimitCountsWhatRemainsAfterCleaning() {
        String thirty = "x".repeat(30);

        assertThat(PasskeyNames.require("\u202E".repeat(10) + thirty)).isEqualTo(thirty);
        assertThatThrownBy(() -> PasskeyNames.require(thirty + "y")).isInstanceOf(Refused.class).hasMessageContaining("longer than 30");
    }

    @Test
    void aNewPasskeyIsNamedAfterItsModel() {
        assertThat(PasskeyNames.forNewPasskey(Optional.of("YubiKey 5 NFC"), PasskeyKind.SECURITY_KEY, List.of())).isEqualTo("YubiKey 5 NFC");
    }

    @Test
    void aNewPasskeyOfAnUnknownModelIsNamedForItsKind() {
        assertThat(PasskeyNames.forNewPasskey(Optional.empty(), PasskeyKind.DEVICE, List.of())).isEqualTo("Passkey on this device");
        assertThat(PasskeyNames.forNewPasskey(Optional.empty(), PasskeyKind.SECURITY_KEY, List.of())).isEqualTo("Security key");
        assertThat(PasskeyNames.forNewPasskey(Optional.empty(), PasskeyKind.SYNCED, List.of())).isEqualTo("Synced passkey");
    }

    @Test
    void aNewPasskeyIsNumberedWhenTheAccountHasOneOfThatNameAlready() {
        assertThat(PasskeyNames.forNewPasskey(Optional.empty(), PasskeyKind.SECURITY_KEY, List.of("security key", "Security key 2")))
                .isEqualTo("Security key 3");
        assertThat(PasskeyNames.forNewPasskey(Optional.of("A".repeat(30)), PasskeyKind.SECURITY_KEY, List.of("A".repeat(30))))
                .isEqualTo("A".repeat(28) + " 2").hasSize(30);
    }

    @Test
    void aModelNameWithControlsIsCleanedBeforeItBecomesAName() {
        assertThat(PasskeyNames.defaultFor("Evil\u202E key")).isEqualTo("Evil key");
    }

    @Test
    void theKindComesFromBackupEligibilityTransportsOrAttachment() {
        assertThat(PasskeyKind.of(true, List.of("internal"), "platform")).isEqualTo(PasskeyKind.SYNCED);
        assertThat(PasskeyKind.of(false, List.of("internal"), "")).isEqualTo(PasskeyKind.DEVICE);
        assertThat(PasskeyKind.of(false, List.of(), "platform")).isEqualTo(PasskeyKind.DEVICE);
        assertThat(PasskeyKind.of(false, List.of("usb"), "cross-platform")).isEqualTo(PasskeyKind.SECURITY_KEY);
        assertThat(PasskeyKind.of(false, List.of(), "")).isEqualTo(PasskeyKind.SECURITY_KEY);
    }
}
