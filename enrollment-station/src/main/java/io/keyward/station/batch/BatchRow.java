package io.keyward.station.batch;

import java.util.List;

/**
 * One line of a batch's result file: {@code userPrincipalName,aaGuid,model,credentialId,status,reasonCode}.
 *
 * @param status {@code enrolled} or {@code failed}
 */
public record BatchRow(String userPrincipalName, String aaGuid, String model, String credentialId, String status,
                       String reasonCode) {

    public static final String HEADER = "userPrincipalName,aaGuid,model,credentialId,status,reasonCode";
    public static final String ENROLLED = "enrolled";
    public static final String FAILED = "failed";

    String csv() {
        return String.join(",", List.of(text(userPrincipalName), aaGuid, text(model), credentialId, status, reasonCode).stream()
                .map(BatchRow::field).toList());
    }

    /** A leading =, +, - or @ in a text column is neutralised so a spreadsheet shows it as text, not a formula. */
    private static String text(String value) {
        return value.matches("^[=+\\-@].*") ? "'" + value : value;
    }

    /** RFC 4180 quoting where needed. */
    private static String field(String value) {
        String safe = value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    static BatchRow parse(String line) {
        List<String> fields = Csv.fields(line);
        while (fields.size() < 6) {
            fields.add("");
        }
        return new BatchRow(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4), fields.get(5));
    }
}
