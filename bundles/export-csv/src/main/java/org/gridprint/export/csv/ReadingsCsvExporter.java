package org.gridprint.export.csv;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.ShortestDecimal;
import org.gridprint.api.export.ExportRequest;
import org.gridprint.api.export.ExportResult;
import org.gridprint.api.export.Exporter;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.ReadingStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the stored readings themselves as RFC 4180 CSV, one row per reading, with the same proof as the emissions
 * export (sha256sum sidecar, manifest naming the ledger head read before the data, the three files moved into place
 * together). Streams: each series (meter and quantity) is read with {@link ReadingStore#scan} and written as it
 * comes, so memory does not grow with the number of rows. Format {@value #FORMAT_NAME}; described in
 * docs/export-format.md.
 */
@Component(service = Exporter.class, property = Exporter.FORMAT + "=" + ReadingsCsvExporter.FORMAT_NAME)
public class ReadingsCsvExporter implements Exporter {

    public static final String FORMAT_NAME = "readings-csv";
    public static final String MANIFEST_FORMAT = "gridprint-readings-csv";
    public static final int FORMAT_VERSION = 1;

    public static final List<String> HEADER = List.of("meter_id", "quantity", "unit", "timestamp", "value", "quality",
            "source");

    private static final Logger LOG = LoggerFactory.getLogger(ReadingsCsvExporter.class);

    @Reference
    private volatile MeterRegistry meterRegistry;

    @Reference
    private volatile ReadingStore readingStore;

    @Reference
    private volatile LedgerService ledgerService;

    private final Clock clock;
    private volatile String version = "unknown";

    /** For DS. */
    public ReadingsCsvExporter() {
        this.clock = Clock.systemUTC();
    }

    /** Plain wiring without OSGi. */
    public ReadingsCsvExporter(MeterRegistry meterRegistry, ReadingStore readingStore, LedgerService ledgerService,
            Clock clock, String version) {
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        this.readingStore = Objects.requireNonNull(readingStore, "readingStore");
        this.ledgerService = Objects.requireNonNull(ledgerService, "ledgerService");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.version = Objects.requireNonNull(version, "version");
    }

    @Activate
    void activate(BundleContext context) {
        version = context.getBundle().getVersion().toString();
    }

    /** The same refusals and cancellation as {@link CsvExporter#export}. */
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
        // before the data: every reading up to the head's batch was committed
        var snapshot = StreamingExport.snapshot(progress, ledgerService, clock);
        var head = snapshot.head();
        var byQuantity = new EnumMap<Quantity, Long>(Quantity.class);
        var sha256 = ExportFiles.write(target, request.force(), HEADER, out -> {
            for (var meter : meters) {
                for (var quantity : Quantity.values()) {
                    if (!range.isEmpty()) {
                        var rows = writeSeries(out, meter, quantity, range, progress);
                        if (rows > 0) {
                            byQuantity.merge(quantity, rows, Long::sum);
                        }
                    }
                }
                progress.meterDone();
            }
        }, (sha, bytes) -> manifestContent(target, sha, bytes, request, meters, snapshot, progress.rows(),
                byQuantity), progress, AtomicFiles::move);
        progress.finish();
        if (progress.rows() == 0) {
            LOG.info("exported 0 rows to {}: no readings of {} meters between {} and {}; the file holds only the"
                    + " header", target, meters.size(), request.from(), request.to());
        } else {
            LOG.info("exported {} readings of {} meters ({} .. {}) to {}, sha256 {}, ledger head {}", progress.rows(),
                    meters.size(), request.from(), request.to(), target, sha256,
                    head.map(h -> "batch " + h.batchId()).orElse("none"));
        }
        return new ExportResult(target, progress.rows(), sha256, head);
    }

    /** Streams one series to {@code out}; stops at the first row after an interrupt. Returns the rows written. */
    private long writeSeries(Writer out, String meter, Quantity quantity, DataWindow.Range range,
            ExportProgress progress) throws IOException {
        progress.checkCancelled();
        var before = progress.rows();
        StreamingExport.<Reading>stream(out, progress,
                sink -> readingStore.scan(meter, quantity, range.from(), range.to(), sink::test),
                ReadingsCsvExporter::row);
        return progress.rows() - before;
    }

    static List<String> row(Reading r) {
        return List.of(r.meterId(), r.quantity().name(), r.quantity().canonicalUnit(), Numbers.time(r.timestamp()),
                value(r.value()), r.quality().name(), r.source());
    }

    /** The shortest decimal that reads back as the stored double; NaN and infinities by name. */
    static String value(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return ShortestDecimal.of(v).toPlainString();
    }

    private Map<String, Object> manifestContent(Path target, String sha256, long bytes, ExportRequest request,
            List<String> meters, StreamingExport.Snapshot snapshot, long rows, Map<Quantity, Long> byQuantity) {
        var m = StreamingExport.manifest(MANIFEST_FORMAT, FORMAT_VERSION, HEADER,
                "readings with from <= timestamp < to", target, sha256, bytes, rows, request, meters, snapshot,
                version);
        var counts = new LinkedHashMap<String, Object>();
        byQuantity.forEach((q, n) -> counts.put(q.name(), n));
        m.put("rows_by_quantity", counts);
        return m;
    }
}
