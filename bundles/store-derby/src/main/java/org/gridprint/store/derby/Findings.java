package org.gridprint.store.derby;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerificationReport.Finding;

/** What a verify found: the first {@link VerificationReport#MAX_FINDINGS} findings and how many there were. */
final class Findings {

    private final List<Finding> listed = new ArrayList<>();
    private final Set<Long> entriesWithRowFindings = new HashSet<>();
    private long count;

    void add(long entryId, String row, String reason) {
        count++;
        if (listed.size() < VerificationReport.MAX_FINDINGS) {
            listed.add(new Finding(entryId, Optional.ofNullable(row), reason));
        }
    }

    void add(Finding f) {
        add(f.batchId(), f.row().orElse(null), f.reason());
    }

    /** A finding that names a row of the entry: the entry's own hash mismatch is then not reported again. */
    void addRow(long entryId, String row, String reason) {
        entriesWithRowFindings.add(entryId);
        add(entryId, row, reason);
    }

    boolean rowNamed(long entryId) {
        return entriesWithRowFindings.contains(entryId);
    }

    long count() {
        return count;
    }

    VerificationReport report(long entries, long readings, Optional<org.gridprint.api.LedgerEntry> head, long from) {
        if (count == 0) {
            return new VerificationReport.Intact(entries, readings, head, from);
        }
        var sorted = new ArrayList<>(listed);
        sorted.sort((a, b) -> Long.compare(a.batchId(), b.batchId()));
        return new VerificationReport.Broken(entries, readings, sorted, count);
    }
}
