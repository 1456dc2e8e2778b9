package org.gridprint.http.ingest;

/** A field of one item is not usable: which field, what it held (abbreviated) and what was expected. */
final class FieldRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    final String field;

    FieldRefusal(String field, String shown, String expected) {
        super("field '" + field + "' is " + shown + "; expected " + expected, null, false, false);
        this.field = field;
    }

    static String shown(String value) {
        if (value == null) {
            return "missing";
        }
        var s = value.length() <= 60 ? value : value.substring(0, 57) + "...";
        return "'" + s.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
