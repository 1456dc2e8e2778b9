package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.store.WindowWriteResult;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.EntryKind;
import org.gridprint.ledger.StoredWindow;
import org.gridprint.ledger.WindowBlockCodec;

/**
 * {@code EmissionWindowStore.storeWindows} on the writer thread: per series and UTC day, the block row is read,
 * merged (new → version 1, same content → unchanged, different → next version, the superseded one moved to
 * WINDOW_HISTORY) and written back with its summary; the WINDOW_MONTH rows of the series and UTC months of the rewritten
 * blocks are recomputed from their day rows; the WINDOWS entry over the new versions and the reason is written in the
 * same transaction.
 */
final class WindowWriter {

    /** Source of WINDOWS entries. */
    static final String SOURCE = "windows";
    static final int MAX_REASON = 2000;

    private final StoreConnection db;
    private final BatchLedger ledger;

    WindowWriter(StoreConnection db, BatchLedger ledger) {
        this.db = db;
        this.ledger = ledger;
    }

    /** Refuses a key given twice (before anything is queued), naming it. */
    static void checkDistinct(List<EmissionWindow> windows) {
        var seen = new HashSet<WindowKey>(windows.size() * 2);
        for (var w : windows) {
            if (!seen.add(w.key())) {
                throw new IllegalArgumentException("window " + WindowRows.describe(w.key()) + " is given twice in one "
                        + "storeWindows call; nothing was stored");
            }
            if (w.meterId().length() > 512 || w.siteId().length() > 512) {
                throw new IllegalArgumentException("window " + WindowRows.describe(w.key()) + ": meter and site ids "
                        + "may have at most 512 characters; nothing was stored");
            }
        }
    }

    static String cut(String reason) {
        var r = reason == null ? "" : reason;
        return r.length() <= MAX_REASON ? r : r.substring(0, MAX_REASON);
    }

    WindowWriteResult store(List<EmissionWindow> given, String givenReason) {
        var reason = cut(givenReason);
        var sorted = new ArrayList<>(given);
        sorted.sort(Comparator.comparing(EmissionWindow::meterId).thenComparing(EmissionWindow::quantity)
                .thenComparing(EmissionWindow::scope).thenComparing(EmissionWindow::method)
                .thenComparing(EmissionWindow::start));
        record Out(int added, int revised, int unchanged, LedgerEntry entry) {
        }
        var out = db.transaction("storing " + given.size() + " emission windows", () -> {
            Connection c = db.connection();
            long entryId = ledger.nextId();
            int added = 0;
            int revised = 0;
            int unchanged = 0;
            long firstDay = Long.MAX_VALUE;
            long lastDay = Long.MIN_VALUE;
            var lines = new ArrayList<String>();
            var months = new java.util.LinkedHashSet<List<Long>>(); // {series, UTC month} of rewritten blocks
            int i = 0;
            while (i < sorted.size()) {
                var first = sorted.get(i);
                long day = WindowBlockCodec.blockStart(first.start().toEpochMilli());
                int j = i;
                while (j < sorted.size() && sameSeries(first, sorted.get(j))
                        && WindowBlockCodec.blockStart(sorted.get(j).start().toEpochMilli()) == day) {
                    j++;
                }
                int series = WindowRows.seriesId(c, first, true);
                var block = WindowRows.readBlock(c, series, day, first);
                var byStart = new TreeMap<Long, StoredWindow>();
                if (block != null) {
                    block.forEach(s -> byStart.put(s.window().start().toEpochMilli(), s));
                }
                boolean changed = false;
                for (int k = i; k < j; k++) {
                    var w = sorted.get(k);
                    long start = w.start().toEpochMilli();
                    var old = byStart.get(start);
                    if (old != null && old.window().sameContent(w)) {
                        unchanged++;
                        continue;
                    }
                    int version = old == null ? 1 : old.window().version() + 1;
                    if (old != null) {
                        WindowRows.insertHistory(c, series, old);
                        revised++;
                    } else {
                        added++;
                    }
                    var stored = StoredWindow.of(w.withVersion(version, w.computedAt()), entryId);
                    byStart.put(start, stored);
                    lines.add(CanonicalLines.windowVersion(stored.window()));
                    changed = true;
                }
                if (changed) {
                    WindowRows.writeBlock(c, series, day, new ArrayList<>(byStart.values()), block != null);
                    months.add(List.of((long) series, WindowMonths.monthStart(day)));
                    firstDay = Math.min(firstDay, day);
                    lastDay = Math.max(lastDay, day);
                }
                i = j;
            }
            if (lines.isEmpty()) {
                return new Out(0, 0, unchanged, null);
            }
            for (var m : months) {
                WindowMonths.refresh(c, m.get(0).intValue(), m.get(1));
            }
            lines.add(CanonicalLines.windowsReason(reason));
            try (var ps = c.prepareStatement("INSERT INTO WINDOW_ENTRY (ENTRY_ID, REASON, FIRST_DAY, LAST_DAY) "
                    + "VALUES (?,?,?,?)")) {
                ps.setLong(1, entryId);
                ps.setString(2, reason);
                ps.setLong(3, firstDay);
                ps.setLong(4, lastDay);
                ps.executeUpdate();
            }
            var entry = ledger.writeDerived(EntryKind.WINDOWS, SOURCE, lines);
            if (entry.batchId() != entryId) {
                throw new IllegalStateException("the WINDOWS entry took id " + entry.batchId() + ", expected " + entryId);
            }
            return new Out(added, revised, unchanged, entry);
        });
        if (out.entry() != null) {
            ledger.committed(out.entry(), false);
        }
        return new WindowWriteResult(out.added(), out.revised(), out.unchanged(), Optional.ofNullable(out.entry()));
    }

    private static boolean sameSeries(EmissionWindow a, EmissionWindow b) {
        return a.meterId().equals(b.meterId()) && a.quantity() == b.quantity() && a.scope() == b.scope()
                && a.method() == b.method();
    }
}
