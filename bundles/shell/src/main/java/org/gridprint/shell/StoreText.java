package org.gridprint.shell;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.store.StoreStatus;

/** {@code gridprint:store}: the store's status as a readable block, or as {@code key=value} lines for scripts. */
public final class StoreText {

    private StoreText() {
    }

    public static List<String> lines(StoreStatus s, Instant now) {
        var out = new ArrayList<String>();
        out.add("Store:        " + s.backend() + ", " + (s.available() ? "available" : "NOT AVAILABLE (appends refused)"));
        out.add("Location:     " + s.location());
        out.add("On disk:      " + size(s.bytesOnDisk()));
        out.add("Readings:     " + s.readings() + " in " + (s.series() < 0 ? "? (not readable)" : s.series()) + " series");
        out.add("WAL depth:    " + s.walDepth() + " readings not yet in block rows");
        out.add("Last flush:   " + s.lastFlush().map(t -> Texts.timeAgo(t, now)).orElse("none yet"));
        out.add("Ledger head:  " + entry(s.head(), now, "none (empty ledger)"));
        out.add("Checkpoint:   " + entry(s.checkpoint(), now, "none (the next verify checks from entry 1)"));
        out.add("Last verify:  " + s.lastVerify().map(t -> Texts.timeAgo(t, now)
                + s.lastVerifyIntact().map(ok -> ok ? ": intact" : ": BROKEN (gridprint:verify --full)").orElse(""))
                .orElse("none recorded"));
        out.add("Last error:   " + s.lastError().map(StoreText::oneLine).orElse("none"));
        return out;
    }

    /** One {@code key=value} line per field; absent values are empty, times ISO-8601 UTC, sizes in bytes. */
    public static List<String> keyValues(StoreStatus s) {
        var out = new ArrayList<String>();
        out.add("backend=" + s.backend());
        out.add("location=" + s.location());
        out.add("available=" + s.available());
        out.add("lastError=" + s.lastError().map(StoreText::oneLine).orElse(""));
        out.add("bytesOnDisk=" + s.bytesOnDisk());
        out.add("readings=" + s.readings());
        out.add("series=" + s.series());
        out.add("walDepth=" + s.walDepth());
        out.add("lastFlush=" + s.lastFlush().map(Texts::time).orElse(""));
        entryKeys(out, "head", s.head());
        entryKeys(out, "checkpoint", s.checkpoint());
        out.add("lastVerify=" + s.lastVerify().map(Texts::time).orElse(""));
        out.add("lastVerifyIntact=" + s.lastVerifyIntact().map(String::valueOf).orElse(""));
        return out;
    }

    /** {@code 12.3 MiB (12,901,234 bytes)}; "unknown" when the backend cannot tell (-1). */
    static String size(long bytes) {
        if (bytes < 0) {
            return "unknown (a server: see its own tools)";
        }
        if (bytes < 1024 * 1024) {
            return Texts.number(bytes / 1024.0, 1) + " KiB (" + String.format("%,d", bytes) + " bytes)";
        }
        return Texts.number(bytes / (1024.0 * 1024.0), 1) + " MiB (" + String.format("%,d", bytes) + " bytes)";
    }

    private static String entry(Optional<LedgerEntry> e, Instant now, String none) {
        return e.map(h -> "#" + h.batchId() + " " + h.hash() + ", committed " + Texts.timeAgo(h.committedAt(), now))
                .orElse(none);
    }

    private static void entryKeys(List<String> out, String prefix, Optional<LedgerEntry> e) {
        out.add(prefix + "Entry=" + e.map(h -> Long.toString(h.batchId())).orElse(""));
        out.add(prefix + "Hash=" + e.map(LedgerEntry::hash).orElse(""));
        out.add(prefix + "CommittedAt=" + e.map(h -> Texts.time(h.committedAt())).orElse(""));
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
