package org.gridprint.bench;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.gridprint.api.MeterRegistry;
import org.gridprint.api.export.ExportRequest;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerifyScope;
import org.gridprint.export.csv.CsvExporter;

/** What every real store target does the same way: verify, export, and find the store's commit counter. */
final class StoreCalls {

    private StoreCalls() {
    }

    static String verify(LedgerService ledger) {
        var report = ledger.verify(VerifyScope.FULL);
        if (!(report instanceof VerificationReport.Intact)) {
            throw new IllegalStateException("bench check failed: verify under load reported " + report);
        }
        return String.format(Locale.ROOT, "Intact, %,d batches, %,d readings", report.batchesChecked(),
                report.readingsChecked());
    }

    /** The real CSV exporter over the whole year into {@code target}; the three files are deleted afterwards. */
    static String export(MeterRegistry registry, ReadingStore readings, EmissionStore emissions, LedgerService ledger,
            Path target) throws IOException {
        var result = new CsvExporter(registry, readings, emissions, ledger, Clock.systemUTC(), "bench")
                .export(new ExportRequest(EmissionYear.START, EmissionYear.END, List.of(), target));
        for (var p : List.of(target, CsvExporter.sidecar(target), CsvExporter.manifest(target))) {
            Files.deleteIfExists(p);
        }
        return String.format(Locale.ROOT, "%,d rows, ledger head %s", result.rows(),
                result.ledgerHead().map(h -> "batch " + h.batchId()).orElse("none"));
    }

    /**
     * The store's count of durable commits, when it keeps one: a no-argument method {@code durableCommits()} or
     * {@code commits()} returning long (read reflectively, also when not public: a bench reading a counter, not
     * a contract); -1 from the supplier when there is none.
     */
    static LongSupplier commitCounter(Object store) {
        for (var name : List.of("durableCommits", "commits")) {
            Method m = find(store.getClass(), name);
            if (m != null) {
                return () -> {
                    try {
                        return (long) m.invoke(store);
                    } catch (ReflectiveOperationException e) {
                        return -1;
                    }
                };
            }
        }
        return null;
    }

    private static Method find(Class<?> type, String name) {
        for (var c = type; c != null; c = c.getSuperclass()) {
            try {
                var m = c.getDeclaredMethod(name);
                if (m.getReturnType() == long.class) {
                    m.setAccessible(true);
                    return m;
                }
            } catch (NoSuchMethodException | RuntimeException e) {
                // not here, or not accessible: look further up
            }
        }
        return null;
    }
}
