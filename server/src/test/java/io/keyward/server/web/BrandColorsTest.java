package io.keyward.server.web;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BrandColorsTest {

    @Test
    void contrastRatiosMatchWcagsDefinition() {
        assertThat(BrandColors.contrast("#000000", "#ffffff")).isCloseTo(21.0, within(0.001));
        assertThat(BrandColors.contrast("#ffffff", "#ffffff")).isCloseTo(1.0, within(0.001));
        // WCAG's own example pair: #767676 on white is the lightest grey that passes AA (4.54:1).
        assertThat(BrandColors.contrast("#767676", "#ffffff")).isCloseTo(4.54, within(0.01));
    }

    @Test
    void aPrimaryColorTooLightForWhiteTextIsDarkenedUntilItPassesAa() {
        BrandColors colors = BrandColors.of(Optional.of("#ffcc00"), Optional.empty());

        assertThat(colors.primary()).isNotEqualTo("#ffcc00");
        assertThat(BrandColors.contrast(colors.primary(), "#ffffff")).isGreaterThanOrEqualTo(4.5);
    }

    @Test
    void aDarkEnoughPrimaryColorIsKept() {
        assertThat(BrandColors.of(Optional.of("#123456"), Optional.empty()).primary()).isEqualTo("#123456");
    }

    @Test
    void theHeaderTextIsWhiteOrBlackWhicheverReadsOnTheHeaderColor() {
        BrandColors dark = BrandColors.of(Optional.empty(), Optional.of("#202060"));
        BrandColors light = BrandColors.of(Optional.empty(), Optional.of("#f0e68c"));

        assertThat(dark.headerText()).isEqualTo("#ffffff");
        assertThat(light.headerText()).isEqualTo("#000000");
        assertThat(BrandColors.contrast(dark.header(), dark.headerText())).isGreaterThanOrEqualTo(4.5);
    }

    @Test
    void anythingButHexColorsIsIgnoredSoTheStylesheetCannotBeInjected() {
        BrandColors colors = BrandColors.of(Optional.of("red; } body { display: none"), Optional.of("#12345"));

        assertThat(colors).isEqualTo(BrandColors.KEYWARD);
        assertThat(colors.css()).doesNotContain("display");
    }
}
