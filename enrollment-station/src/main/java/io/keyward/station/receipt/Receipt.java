package io.keyward.station.receipt;

import io.keyward.station.enrollment.EnrollmentResult;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The employee's receipt for an enrolled key (PDF, PDFBox): who, which key, when, by whom, and what to do next.
 * A PIN the station drew goes on a separate page, the PIN slip, which names the key by its serial number but never
 * the employee: the two pages can be handed over or mailed apart.
 */
public final class Receipt {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm", Locale.ENGLISH);

    private final EnrollmentResult result;
    private final ZoneId zone;

    public Receipt(EnrollmentResult result, ZoneId zone) {
        this.result = result;
        this.zone = zone;
    }

    /** The receipt page's lines (also the printable HTML view). */
    public List<String> receiptLines() {
        List<String> lines = new ArrayList<>();
        lines.add("Security key receipt");
        lines.add("");
        lines.add("Employee: " + result.employee().displayName());
        lines.add("Account: " + result.employee().userPrincipalName());
        lines.add("Key: " + result.modelName() + result.serialNumber().map(serial -> ", serial " + serial).orElse(""));
        lines.add("Key name in your account: " + result.passkey().displayName());
        lines.add("Enrolled: " + DATE.format(result.enrolledAt().atZone(zone)) + " by " + result.operator());
        lines.add("");
        lines.add("How to sign in: insert the key when the sign-in page asks for a passkey, enter the key's PIN");
        lines.add("and touch the key when it blinks.");
        if (result.pinChangeForced()) {
            lines.add("The key asks you to choose a new PIN the first time you use it.");
        }
        lines.add("Never write the PIN on the key or keep it with the key. Lost key? Tell the help desk at once.");
        return lines;
    }

    /** The PIN slip's lines, when the station drew the PIN; no name, no account. */
    public List<String> pinSlipLines() {
        if (result.randomPin().isEmpty()) {
            return List.of();
        }
        return List.of("PIN slip", "",
                "Key: " + result.modelName() + result.serialNumber().map(serial -> ", serial " + serial).orElse(""),
                "PIN: " + new String(result.randomPin().get()), "",
                "Keep this slip apart from the key. Destroy it once you know the PIN"
                        + (result.pinChangeForced() ? " or have changed it." : "."));
    }

    public void writePdf(Path file) throws IOException {
        try (PDDocument document = new PDDocument()) {
            page(document, receiptLines());
            List<String> slip = pinSlipLines();
            if (!slip.isEmpty()) {
                page(document, slip);
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            document.save(file.toFile());
        }
    }

    private static void page(PDDocument document, List<String> lines) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        PDType1Font title = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDType1Font body = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.beginText();
            content.newLineAtOffset(60, page.getMediaBox().getHeight() - 80);
            for (int i = 0; i < lines.size(); i++) {
                content.setFont(i == 0 ? title : body, i == 0 ? 18 : 11);
                content.showText(printable(lines.get(i)));
                content.newLineAtOffset(0, i == 0 ? -26 : -16);
            }
            content.endText();
        }
    }

    /** The standard Type 1 fonts cover WinAnsi only; other characters become '?' rather than failing the receipt. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c < 0x100 && c >= 0x20 ? (char) c : '?'));
        return out.toString();
    }
}
