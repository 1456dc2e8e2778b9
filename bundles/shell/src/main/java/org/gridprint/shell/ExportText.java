package org.gridprint.shell;

import java.nio.file.Path;
import java.time.Instant;

import org.gridprint.api.export.ExportResult;

/** What {@code gridprint:export} prints about a finished or cancelled export. */
final class ExportText {

    private ExportText() {
    }

    /** The lines after a finished export: rows and file (or why there are none), SHA-256, ledger head. */
    static String result(ExportResult r, String format, Instant from, Instant to) {
        var first = r.rows() == 0
                ? "0 rows: no " + what(format) + " of the selected meters between " + Texts.time(from) + " and "
                        + Texts.time(to) + "; the file holds only the header (written to " + r.file() + ")"
                : "Exported " + r.rows() + " rows to " + r.file();
        return first + "\nSHA-256: " + r.sha256() + "\nLedger head: " + r.ledgerHead()
                .map(h -> "batch #" + h.batchId() + " " + h.hash()).orElse("none (empty ledger)");
    }

    static String cancelled(Path target) {
        return "export cancelled; nothing written to " + target;
    }

    /** What the rows of a format are. */
    static String what(String format) {
        return switch (format) {
            case "csv" -> "emission intervals";
            case "readings-csv" -> "readings";
            default -> "rows";
        };
    }
}
