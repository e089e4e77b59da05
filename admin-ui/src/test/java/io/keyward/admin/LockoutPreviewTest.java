package io.keyward.admin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The preview's counts come from Keyward (PasskeyReportsIT); the page lists the first names and says how many more. */
class LockoutPreviewTest {

    @Test
    void namesBeyondTheListedOnesAreCountedAsMore() {
        LockoutPreview preview = new LockoutPreview(1200, 900, 870, 3, 330, List.of("ann@contoso", "bob@contoso"), List.of("cy@contoso"));

        assertThat(preview.moreLockedOut()).isEqualTo(868);
        assertThat(preview.moreLosingSome()).isEqualTo(2);
        assertThat(preview.locksAnyoneOut()).isTrue();
    }

    @Test
    void aChangeThatRefusesNoPasskeyLocksNobodyOutAndHasNoMore() {
        LockoutPreview preview = new LockoutPreview(4, 0, 0, 0, 4, List.of(), List.of());

        assertThat(preview.locksAnyoneOut()).isFalse();
        assertThat(preview.moreLockedOut()).isZero();
        assertThat(preview.moreLosingSome()).isZero();
    }
}
