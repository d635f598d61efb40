package org.virtualvisits.analytics.export;

/**
 * Text that a spreadsheet must show as text. Meeting ids and department names come from
 * clients; a value starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
 * carriage return would be run as a formula by Excel or LibreOffice when a CSV is opened (or
 * when an xlsx is re-saved as CSV), so such a value gets a leading single quote (OWASP's
 * advice for CSV injection). The quote is kept in the cell, so the original is recognisable.
 */
public final class SpreadsheetText {

    private static final String FORMULA_TRIGGERS = "=+-@\t\r";

    private SpreadsheetText() {
    }

    /** The value, prefixed with a single quote when it would start a formula; null stays null. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return FORMULA_TRIGGERS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
