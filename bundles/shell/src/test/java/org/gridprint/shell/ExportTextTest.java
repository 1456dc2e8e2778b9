package org.gridprint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.export.ExportResult;
import org.junit.jupiter.api.Test;

class ExportTextTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
    private static final LedgerEntry HEAD = new LedgerEntry(4312, TO, 3, "0".repeat(64), "5d".repeat(32));

    @Test
    void aFinishedExportNamesRowsFileHashAndLedgerHead() {
        var text = ExportText.result(new ExportResult(Path.of("/x/nov.csv"), 8640, "9f".repeat(32), Optional.of(HEAD)),
                "csv", FROM, TO);
        assertEquals("Exported 8640 rows to " + Path.of("/x/nov.csv") + "\nSHA-256: " + "9f".repeat(32)
                + "\nLedger head: batch #4312 " + "5d".repeat(32), text);
    }

    @Test
    void aZeroRowExportSaysSo() {
        var text = ExportText.result(new ExportResult(Path.of("/x/nov.csv"), 0, "e3".repeat(32), Optional.empty()),
                "readings-csv", FROM, TO);
        assertTrue(text.startsWith("0 rows: no readings of the selected meters between 2026-11-01T00:00:00Z and"
                + " 2026-12-01T00:00:00Z; the file holds only the header"), text);
        assertTrue(text.endsWith("Ledger head: none (empty ledger)"), text);
        assertTrue(ExportText.result(new ExportResult(Path.of("a.csv"), 0, "e3", Optional.empty()), "csv", FROM, TO)
                .startsWith("0 rows: no emission intervals of"));
        assertEquals("export cancelled; nothing written to " + Path.of("/x/nov.csv"),
                ExportText.cancelled(Path.of("/x/nov.csv")));
    }

    @Test
    void progressIsQuietForTwoSecondsThenALineEveryFiveSeconds() {
        var lines = new ArrayList<String>();
        var now = new long[] {0};
        var printer = new ExportProgressPrinter(lines::add, () -> now[0]);
        for (var k = 1; k <= 40; k++) { // told every half second for 20 s
            now[0] += Duration.ofMillis(500).toNanos();
            printer.progress(k * 1000L, k / 4, 10);
        }
        assertEquals(4, lines.size(), lines.toString()); // at 2 s, 7 s, 12 s, 17 s
        assertEquals("exporting: 4000 rows, 1 of 10 meters, 2s — Ctrl-C cancels", lines.get(0));

        var quiet = new ArrayList<String>();
        var shortRun = new ExportProgressPrinter(quiet::add, () -> 0);
        shortRun.progress(10, 1, 1);
        assertEquals(0, quiet.size(), "an export shorter than two seconds prints no progress");
    }
}
