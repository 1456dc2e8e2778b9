package org.gridprint.export.csv;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.IntervalFlag;
import org.gridprint.api.export.ExportRequest;
import org.gridprint.api.export.ExportResult;
import org.gridprint.api.export.Exporter;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.ReadingStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes emission records as RFC 4180 CSV (UTF-8 without BOM, CRLF), one row per interval, with everything an
 * auditor needs to recompute {@code co2e_kg = energy_kwh × factor_g_co2e_per_kwh / 1000}; then a sha256sum-style
 * sidecar {@code <file>.sha256} and a {@code <file>.manifest.json}. The hash is taken of the bytes as they are
 * written; the three files are written to temp files in the target directory first and then moved into place
 * atomically, CSV, sidecar, manifest; a failure removes what the export wrote; exports to the same path are
 * serialised. The format is described in docs/export-format.md.
 *
 * <p>Rows: the intervals of the selected meters with {@code from <= start} and {@code end <= to}, ordered by
 * meter id, interval start, then method. The ledger head in the manifest is read before the data.
 *
 * <p>Safety: the target must be a regular file path (an existing one only with {@code force}); only the part of the
 * period that overlaps the readings held is read, and a period far beyond them is refused; the export runs on its
 * own thread, so interrupting the caller cancels it without the interrupt reaching a store (see the README).
 */
@Component(service = Exporter.class, property = Exporter.FORMAT + "=" + CsvExporter.FORMAT_NAME)
public class CsvExporter implements Exporter {

    public static final String FORMAT_NAME = "csv";
    public static final String MANIFEST_FORMAT = "gridprint-emissions-csv";
    public static final int FORMAT_VERSION = 1;

    public static final List<String> HEADER = List.of("meter_id", "site_id", "interval_start", "interval_end",
            "start_counter_kwh", "end_counter_kwh", "energy_kwh", "quality", "flags", "scope", "method",
            "factor_g_co2e_per_kwh", "factor_unit", "factor_source", "factor_edition", "gwp_set", "region", "co2e_kg");

    /** Emission records are read per meter in windows of this length, bounding memory for long periods. */
    static final Duration READ_WINDOW = Duration.ofDays(31);

    private static final Logger LOG = LoggerFactory.getLogger(CsvExporter.class);

    @Reference
    private volatile MeterRegistry meterRegistry;

    @Reference
    private volatile ReadingStore readingStore;

    @Reference
    private volatile EmissionStore emissionStore;

    @Reference
    private volatile LedgerService ledgerService;

    private final Clock clock;
    private volatile String version = "unknown";
    private volatile ExportFiles.Mover mover = AtomicFiles::move;

    /** For DS. */
    public CsvExporter() {
        this.clock = Clock.systemUTC();
    }

    /** Plain wiring without OSGi. */
    public CsvExporter(MeterRegistry meterRegistry, ReadingStore readingStore, EmissionStore emissionStore,
            LedgerService ledgerService, Clock clock, String version) {
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        this.readingStore = Objects.requireNonNull(readingStore, "readingStore");
        this.emissionStore = Objects.requireNonNull(emissionStore, "emissionStore");
        this.ledgerService = Objects.requireNonNull(ledgerService, "ledgerService");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.version = Objects.requireNonNull(version, "version");
    }

    @Activate
    void activate(BundleContext context) {
        version = context.getBundle().getVersion().toString();
    }

    /**
     * @throws IllegalArgumentException when a pattern matches no meter, or the period holds all the data and reaches
     *                                  more than a day beyond it (the message names the data held)
     * @throws IllegalStateException    when the store holds no readings
     * @throws IOException              when the target cannot be written (the message names the path and why)
     * @throws java.util.concurrent.CancellationException when the calling thread was interrupted: nothing is left
     *                                  under the target name and no temp file
     */
    @Override
    public ExportResult export(ExportRequest request) throws IOException {
        return StreamingExport.run(request, (target, progress) -> export(request, target, progress));
    }

    /** On the export's own thread. */
    private ExportResult export(ExportRequest request, Path target, ExportProgress progress) throws IOException {
        ExportTarget.check(target, request.force());
        var all = meterRegistry.meters();
        var meters = MeterSelector.select(all, request.meterPatterns());
        progress.metersTotal(meters.size());
        var range = DataWindow.clip(request.from(), request.to(),
                HeldSpans.of(readingStore, all.stream().map(Meter::id).toList()));
        // before the data: every reading up to the head's batch is behind the rows
        var snapshot = StreamingExport.snapshot(progress, ledgerService, clock);
        var head = snapshot.head();
        var totals = new Totals();
        var sha256 = ExportFiles.write(target, request.force(), HEADER, out -> {
            for (var meter : meters) {
                writeMeter(out, meter, range, request.to(), totals, progress);
                progress.meterDone();
            }
        }, (sha, bytes) -> manifestContent(target, sha, bytes, request, meters, snapshot, totals),
                progress, mover);
        progress.finish();
        if (totals.rows == 0) {
            LOG.info("exported 0 rows to {}: no emission intervals of {} meters between {} and {}; the file holds only"
                    + " the header", target, meters.size(), request.from(), request.to());
        } else {
            LOG.info("exported {} rows of {} meters ({} .. {}) to {}, sha256 {}, ledger head {}", totals.rows,
                    meters.size(), request.from(), request.to(), target, sha256,
                    head.map(h -> "batch " + h.batchId()).orElse("none"));
        }
        return new ExportResult(target, totals.rows, sha256, head);
    }

    /** For tests: how staged files are moved into place. */
    void mover(ExportFiles.Mover mover) {
        this.mover = Objects.requireNonNull(mover, "mover");
    }

    /** {@code <file>.sha256}. */
    public static Path sidecar(Path target) {
        return target.resolveSibling(target.getFileName() + ".sha256");
    }

    /** {@code <file>.manifest.json}. */
    public static Path manifest(Path target) {
        return target.resolveSibling(target.getFileName() + ".manifest.json");
    }

    /**
     * The meter's intervals starting in the part of the period that can hold data, read in windows of
     * {@link #READ_WINDOW} (so one read holds at most one window of one meter), each ending by {@code to}.
     */
    private void writeMeter(Writer writer, String meterId, DataWindow.Range range, Instant to, Totals totals,
            ExportProgress progress) throws IOException {
        var windowStart = range.from();
        while (windowStart.isBefore(range.to())) {
            progress.checkCancelled();
            var windowEnd = windowStart.plus(READ_WINDOW).isBefore(range.to()) ? windowStart.plus(READ_WINDOW)
                    : range.to();
            var ws = windowStart;
            var records = new ArrayList<EmissionRecord>();
            for (var r : emissionStore.emissions(List.of(meterId), ws, windowEnd)) {
                var i = r.interval();
                // each record once: in the window its start falls in; only whole intervals inside the period
                if (i.meterId().equals(meterId) && !i.start().isBefore(ws) && i.start().isBefore(windowEnd)
                        && !i.end().isAfter(to)) {
                    records.add(r);
                }
            }
            records.sort(Comparator.comparing((EmissionRecord r) -> r.interval().start())
                    .thenComparing(r -> r.factor().method()));
            for (var r : records) {
                progress.checkCancelled();
                Csv.writeRow(writer, row(r, totals));
                progress.row();
            }
            windowStart = windowEnd;
        }
    }

    private static List<String> row(EmissionRecord r, Totals totals) {
        var i = r.interval();
        var f = r.factor();
        var what = "meter " + i.meterId() + " interval " + i.start();
        var energy = Numbers.decimal(i.energy(), "energy of " + what);
        var kg = Numbers.kilograms(r.gramsCo2e(), "gramsCo2e of " + what);
        totals.add(f.scope() + "/" + f.method(), energy, kg);
        var flags = i.flags().stream().map(IntervalFlag::name).sorted().collect(Collectors.joining("|"));
        return List.of(i.meterId(), r.siteId(), Numbers.time(i.start()), Numbers.time(i.end()),
                Numbers.plain(Numbers.decimal(i.startCounter(), "start counter of " + what)),
                Numbers.plain(Numbers.decimal(i.endCounter(), "end counter of " + what)),
                Numbers.plain(energy), i.quality().name(), flags, f.scope().name(), f.method().name(),
                Numbers.plain(Numbers.decimal(f.gramsCo2ePerUnit(), "factor of " + what)), f.unit(), f.source(),
                f.edition(), f.gwpSet(), f.region(), Numbers.plain(kg));
    }

    private Map<String, Object> manifestContent(Path target, String sha256, long bytes, ExportRequest request,
            List<String> meters, StreamingExport.Snapshot snapshot, Totals totals) {
        var m = StreamingExport.manifest(MANIFEST_FORMAT, FORMAT_VERSION, HEADER,
                "intervals with from <= interval_start and interval_end <= to", target, sha256, bytes, totals.rows,
                request, meters, snapshot, version);
        m.put("total_energy_kwh", totals.energyKwh);
        m.put("total_co2e_kg", totals.co2eKg);
        var byMethod = new ArrayList<Object>();
        for (var e : totals.byScopeMethod.entrySet()) {
            var parts = e.getKey().split("/");
            var t = new LinkedHashMap<String, Object>();
            t.put("scope", parts[0]);
            t.put("method", parts[1]);
            t.put("rows", e.getValue().rows);
            t.put("energy_kwh", e.getValue().energyKwh);
            t.put("co2e_kg", e.getValue().co2eKg);
            byMethod.add(t);
        }
        m.put("totals_by_scope_and_method", byMethod);
        return m;
    }

    /** Exact decimal sums of the printed values. */
    private static final class Totals {
        long rows;
        BigDecimal energyKwh = BigDecimal.ZERO;
        BigDecimal co2eKg = BigDecimal.ZERO;
        final Map<String, Totals> byScopeMethod = new TreeMap<>();

        void add(String scopeMethod, BigDecimal energy, BigDecimal kg) {
            addOwn(energy, kg);
            byScopeMethod.computeIfAbsent(scopeMethod, k -> new Totals()).addOwn(energy, kg);
        }

        private void addOwn(BigDecimal energy, BigDecimal kg) {
            rows++;
            energyKwh = energyKwh.add(energy);
            co2eKg = co2eKg.add(kg);
        }
    }
}
