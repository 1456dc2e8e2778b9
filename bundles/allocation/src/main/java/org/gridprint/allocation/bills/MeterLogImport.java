package org.gridprint.allocation.bills;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.IngestService;
import org.gridprint.api.allocation.ItemError;
import org.gridprint.api.allocation.SubmitReport;

/**
 * Imports one meter log through the ingest service in batches of {@value #BATCH} readings (the file is streamed:
 * memory holds one batch). The ingest service stores idempotently, so a file imported again stores nothing: its
 * readings come back as duplicates. Counted per file: readings stored, readings already there; one error per
 * refused line (parse errors, readings the ingest service refused as invalid or in conflict with a stored value).
 */
final class MeterLogImport {

    static final int BATCH = 1_000;
    /** Most errors listed per file; the rest are counted in one last error. */
    static final int MAX_ERRORS = 1_000;

    private MeterLogImport() {
    }

    static SubmitReport run(IngestService ingest, String fileName, MeterLogFormat format, Reader csv) {
        var source = "meterlog:" + (fileName.length() > 100 ? fileName.substring(fileName.length() - 100) : fileName);
        var state = new State(ingest, source);
        var fileErrors = MeterLogParser.parse(fileName, format, csv, source, new MeterLogParser.Sink() {
            @Override
            public void reading(MeterLogParser.LineReading r) {
                state.pending.add(r);
                if (state.pending.size() >= BATCH) {
                    state.flush();
                }
            }

            @Override
            public void error(ItemError e) {
                state.error(e);
            }
        });
        state.flush();
        fileErrors.forEach(state::error);
        state.errors.sort(Comparator.comparingInt(ItemError::index));
        if (state.dropped > 0) {
            state.errors.add(new ItemError(Integer.MAX_VALUE, "", "", state.dropped + " more refused lines of "
                    + fileName + " are not listed (at most " + MAX_ERRORS + " are)"));
        }
        return new SubmitReport(state.accepted, state.duplicates, state.errors);
    }

    private static final class State {
        final IngestService ingest;
        final String source;
        final List<MeterLogParser.LineReading> pending = new ArrayList<>();
        final List<ItemError> errors = new ArrayList<>();
        int accepted;
        int duplicates;
        int dropped;

        State(IngestService ingest, String source) {
            this.ingest = ingest;
            this.source = source;
        }

        void error(ItemError e) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(e);
            } else {
                dropped++;
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            var batch = pending.stream().map(MeterLogParser.LineReading::reading).toList();
            try {
                var result = ingest.submit(source, batch);
                for (int i = 0; i < result.outcomes().size(); i++) {
                    var o = result.outcomes().get(i);
                    int line = pending.get(i).line();
                    var r = o.reading();
                    var what = "meter " + r.meterId() + " " + r.quantity() + " at " + r.timestamp();
                    if (o instanceof IngestOutcome.Accepted) {
                        accepted++;
                    } else if (o instanceof IngestOutcome.Duplicate) {
                        duplicates++;
                    } else if (o instanceof IngestOutcome.Conflict c) {
                        error(new ItemError(line, "line " + line, "value", what + ": the store holds " + c.storedValue()
                                + ", the file says " + r.value() + " (" + c.reason() + "); quarantined, the stored"
                                + " value is kept"));
                    } else if (o instanceof IngestOutcome.Invalid inv) {
                        // the ingest service's reason names the reading already
                        error(new ItemError(line, "line " + line, "", inv.reason().contains(r.meterId())
                                ? inv.reason() : what + ": " + inv.reason()));
                    }
                }
            } catch (IllegalStateException | IllegalArgumentException e) {
                for (var p : pending) {
                    error(new ItemError(p.line(), "line " + p.line(), "", "not stored: " + e.getMessage()));
                }
            }
            pending.clear();
        }
    }
}
