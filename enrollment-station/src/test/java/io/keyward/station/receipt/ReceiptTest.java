package io.keyward.station.receipt;

import io.keyward.station.enrollment.EnrollmentResult;
import io.keyward.station.enrollment.KeyFacts;
import io.keyward.station.graph.Employee;
import io.keyward.station.graph.RegisteredPasskey;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptTest {

    private static EnrollmentResult result(Optional<char[]> randomPin, boolean forced) {
        KeyFacts facts = new KeyFacts(UUID.fromString("6b657977-6172-4401-8000-000000000a01"), List.of("FIDO_2_1"), Optional.of(0x0501),
                true, true, true, true, true, false, Optional.of(24), 4, forced, List.of(2, 1));
        return new EnrollmentResult(new Employee("u-1", "jane@contoso.test", "Jane Doe", false, true), facts,
                "Keyward Simulated Key A", Optional.of("SIMA0001"), new RegisteredPasskey("m-1", "Keyward Simulated Key SIMA0001",
                "6b657977-6172-4401-8000-000000000a01", "Keyward Simulated Key A", "attested"), new byte[]{1}, true, randomPin,
                forced, List.of(), "Olga Operator", Instant.parse("2026-03-02T09:30:00Z"));
    }

    private static String page(PDDocument document, int page) throws Exception {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(document);
    }

    @Test
    void thePinIsOnASeparatePageThatDoesNotNameTheEmployee(@TempDir Path directory) throws Exception {
        Path pdf = directory.resolve("receipt.pdf");
        new Receipt(result(Optional.of("482913".toCharArray()), true), ZoneOffset.UTC).writePdf(pdf);

        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            String receipt = page(document, 1);
            assertThat(receipt).contains("Jane Doe", "jane@contoso.test", "Keyward Simulated Key A, serial SIMA0001",
                    "2 March 2026, 09:30 by Olga Operator", "choose a new PIN the first time").doesNotContain("482913");
            String slip = page(document, 2);
            assertThat(slip).contains("PIN: 482913", "serial SIMA0001").doesNotContain("Jane", "jane@contoso.test");
        }
    }

    @Test
    void aPinChosenByAPersonIsNotPrinted(@TempDir Path directory) throws Exception {
        Path pdf = directory.resolve("receipt.pdf");
        new Receipt(result(Optional.empty(), false), ZoneOffset.UTC).writePdf(pdf);

        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(page(document, 1)).doesNotContain("PIN:", "choose a new PIN");
        }
    }
}
