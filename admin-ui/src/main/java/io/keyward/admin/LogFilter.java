package io.keyward.admin;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Graph {@code $filter} of a log page's filters, clause by clause, joined by {@code and}: only the shapes Keyward's
 * sign-in and audit logs accept (GRAPH-API §8, docs/admin-center.md). Blank filters add nothing. String values are
 * quoted as OData does ({@code 'O''Neil'}); dates are whole days in UTC.
 */
final class LogFilter {

    /** A filter the page cannot turn into a query (not a date, not an AAGUID): the sentence says which and why. */
    static final class Invalid extends IllegalArgumentException {
        Invalid(String message) {
            super(message);
        }
    }

    private final List<String> clauses = new ArrayList<>();

    LogFilter equal(String property, String value) {
        if (!blank(value)) {
            clauses.add(property + " eq " + quote(value.trim()));
        }
        return this;
    }

    LogFilter startsWith(String property, String value) {
        if (!blank(value)) {
            clauses.add("startswith(" + property + "," + quote(value.trim()) + ")");
        }
        return this;
    }

    /** The outcome of a sign-in: {@code success} (errorCode 0) or {@code failure} (any other); anything else adds nothing. */
    LogFilter signInResult(String result) {
        if ("success".equals(result)) {
            clauses.add("status/errorCode eq 0");
        } else if ("failure".equals(result)) {
            clauses.add("status/errorCode ne 0");
        }
        return this;
    }

    /** Sign-ins with a passkey of this model: the "Passkey AAGUID" entry of authenticationProcessingDetails. */
    LogFilter passkeyModel(String aaguid) {
        if (!blank(aaguid)) {
            String value = aaguid.trim().toLowerCase(java.util.Locale.ROOT);
            if (!ModelNames.AAGUID.matcher(value).matches()) {
                throw new Invalid(ModelNames.notAnAaguid(aaguid.trim()));
            }
            clauses.add("authenticationProcessingDetails/any(d:d/key eq 'Passkey AAGUID' and d/value eq '" + value + "')");
        }
        return this;
    }

    /** From the start of {@code from} to the end of {@code to} (both optional, UTC days). */
    LogFilter days(String property, String from, String to) {
        LocalDate start = date(from, "From");
        LocalDate end = date(to, "To");
        if (start != null && end != null && end.isBefore(start)) {
            throw new Invalid("The date range ends (" + end + ") before it starts (" + start + ").");
        }
        if (start != null) {
            clauses.add(property + " ge " + start + "T00:00:00Z");
        }
        if (end != null) {
            clauses.add(property + " lt " + end.plusDays(1) + "T00:00:00Z");
        }
        return this;
    }

    /** The {@code $filter} text, empty when no filter is set. */
    String text() {
        return String.join(" and ", clauses);
    }

    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static LocalDate date(String text, String which) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new Invalid(which + " '" + text.trim() + "' is not a date: write it as 2026-12-31.");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
