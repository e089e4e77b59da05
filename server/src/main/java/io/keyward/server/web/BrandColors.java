package io.keyward.server.web;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The organization's colors, made safe to show text on: contrast ratios as WCAG 2.2 defines them (§1.4.3 Contrast
 * (Minimum), "relative luminance" and "contrast ratio" in its glossary). Text needs 4.5:1 (level AA); a configured
 * color that is too light for white text or links on white is darkened until it has it, so branding can never make
 * a button unreadable.
 */
record BrandColors(String primary, String header, String headerText) {

    static final double AA_TEXT = 4.5;
    static final BrandColors KEYWARD = new BrandColors("#0b5cad", "#ffffff", "#1b1f24");
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

    /** From configured {@code #rrggbb} values; anything else keeps Keyward's own color (a stylesheet takes nothing else). */
    static BrandColors of(Optional<String> primary, Optional<String> header) {
        String p = primary.filter(c -> HEX.matcher(c).matches()).map(c -> readableOn("#ffffff", c)).orElse(KEYWARD.primary);
        String h = header.filter(c -> HEX.matcher(c).matches()).map(c -> c.toLowerCase(Locale.ROOT)).orElse(KEYWARD.header);
        String text = contrast(h, "#000000") >= contrast(h, "#ffffff") ? "#000000" : "#ffffff";
        return new BrandColors(p, h, h.equals(KEYWARD.header) ? KEYWARD.headerText : text);
    }

    /** Whether a value is a color these settings take. */
    static boolean valid(String color) {
        return HEX.matcher(color).matches();
    }

    /** The stylesheet the pages link after keyward.css: custom properties only. */
    String css() {
        return ":root { --accent: " + primary + "; --bar-bg: " + header + "; --bar-fg: " + headerText + "; }\n";
    }

    /** {@code color} darkened in small steps until it reaches 4.5:1 against {@code background}. */
    static String readableOn(String background, String color) {
        int[] rgb = rgb(color);
        while (contrast(background, hex(rgb)) < AA_TEXT) {
            for (int i = 0; i < 3; i++) {
                rgb[i] = (int) Math.floor(rgb[i] * 0.95);
            }
        }
        return hex(rgb);
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(String color) {
        int[] rgb = rgb(color);
        double[] linear = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = rgb[i] / 255.0;
            linear[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    }

    private static int[] rgb(String color) {
        int value = Integer.parseInt(color.substring(1), 16);
        return new int[] {(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff};
    }

    private static String hex(int[] rgb) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    }
}
