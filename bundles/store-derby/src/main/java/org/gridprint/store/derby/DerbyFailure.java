package org.gridprint.store.derby;

import java.sql.SQLException;

/** Puts a Derby failure into words for the operator (disk full, I/O error, database shut down ...). */
final class DerbyFailure {

    static final String CONNECTION_LOST = "the database connection was lost";

    private DerbyFailure() {
    }

    /**
     * Whether {@code e} means the database or its connection failed (connection, shutdown, log or disk I/O, disk
     * full) rather than one statement (a constraint, a bad value): then the store recovers.
     */
    static boolean isFatal(SQLException e) {
        var state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.startsWith("XJ") || state.startsWith("40XD") || state.startsWith("XSDG")
                || state.startsWith("XSLA") || state.startsWith("XSLB") || state.startsWith("XSDB")
                || state.startsWith("XBM") || state.startsWith("XSAI") || state.startsWith("XSTB")
                || describe(e).startsWith("the disk is full");
    }

    /** The cause of {@code e} in words, with Derby's SQLState and message. */
    static String describe(Throwable e) {
        SQLException sql = null;
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                sql = s;
            }
        }
        if (sql == null) {
            return e.toString();
        }
        var state = sql.getSQLState() == null ? "" : sql.getSQLState();
        var text = String.valueOf(sql.getMessage());
        var all = new StringBuilder(text);
        for (var next = sql.getNextException(); next != null; next = next.getNextException()) {
            all.append(' ').append(next.getMessage());
        }
        var lower = all.toString().toLowerCase(java.util.Locale.ROOT);
        String words;
        if (lower.contains("no space") || lower.contains("disk full") || lower.contains("not enough space")
                || lower.contains("space left")) {
            words = "the disk is full";
        } else if (state.startsWith("08") || state.equals("XJ004") || state.equals("XJ001")) {
            words = CONNECTION_LOST + " (the database was shut down or failed)";
        } else if (state.startsWith("XSDG") || state.startsWith("XSLA") || state.startsWith("XSLB")
                || state.startsWith("XSDB") || state.startsWith("40XD")) {
            words = "a disk or log I/O error";
        } else {
            words = "a database error";
        }
        return words + " (SQLState " + state + ": " + text + ")";
    }
}
