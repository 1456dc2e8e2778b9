package org.gridprint.export.csv;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.gridprint.api.MeterRegistry;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.export.ExportRequest;
import org.gridprint.api.export.ExportResult;
import org.gridprint.api.export.Exporter;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.WindowQuery;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the current versions of the emission windows as RFC 4180 CSV, one row per window (meter, quantity, scope,
 * method, start), each with its factor version's provenance in full (resolved with {@link FactorCatalog#byRef}, once
 * per ref): the auditor recomputes {@code co2e_kg = amount × factor_g_per_unit / 1000} from the row alone, rounded
 * half-even to the microgram. Streams with {@link EmissionWindowStore#scanWindows}: memory does not grow with the
 * number of rows (only the distinct factor refs are held). Same proof as the other exports (sha256sum sidecar,
 * manifest naming the ledger head read before the data). Format {@value #FORMAT_NAME}; docs/export-format.md.
 */
@Component(service = Exporter.class, property = Exporter.FORMAT + "=" + EmissionWindowsCsvExporter.FORMAT_NAME)
public class EmissionWindowsCsvExporter implements Exporter {

    public static final String FORMAT_NAME = "emission-windows-csv";
    public static final String MANIFEST_FORMAT = "gridprint-emission-windows-csv";
    public static final int FORMAT_VERSION = 1;

    public static final List<String> HEADER = List.of("meter_id", "site_id", "quantity", "unit", "scope", "method",
            "start", "end", "amount", "co2e_kg", "quality", "flags", "counted", "covered_amount", "instrument_ref",
            "factor_ref", "factor_id", "factor_kind", "factor_region", "factor_value", "factor_unit",
            "factor_g_per_unit", "factor_per_unit", "gwp_set", "factor_source", "factor_edition", "factor_valid_from",
            "factor_valid_to", "factor_provider", "factor_model", "factor_estimated", "first_reading", "last_reading",
            "version", "computed_at");

    private static final Logger LOG = LoggerFactory.getLogger(EmissionWindowsCsvExporter.class);
    private static final Instant FAR_PAST = Instant.parse("-1000000000-01-01T00:00:00Z");

    @Reference
    private volatile MeterRegistry meterRegistry;

    @Reference
    private volatile EmissionWindowStore windowStore;

    @Reference
    private volatile FactorCatalog catalog;

    @Reference
    private volatile LedgerService ledgerService;

    private final Clock clock;
    private volatile String version = "unknown";

    /** For DS. */
    public EmissionWindowsCsvExporter() {
        this.clock = Clock.systemUTC();
    }

    /** Plain wiring without OSGi. */
    public EmissionWindowsCsvExporter(MeterRegistry meterRegistry, EmissionWindowStore windowStore,
            FactorCatalog catalog, LedgerService ledgerService, Clock clock, String version) {
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        this.windowStore = Objects.requireNonNull(windowStore, "windowStore");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.ledgerService = Objects.requireNonNull(ledgerService, "ledgerService");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.version = Objects.requireNonNull(version, "version");
    }

    @Activate
    void activate(BundleContext context) {
        version = context.getBundle().getVersion().toString();
    }

    /**
     * The same target refusals and cancellation as {@link CsvExporter#export}. Meter patterns select declared meters;
     * no pattern selects every window held, also those of ghost-load assets (their meter id is the asset id).
     */
    @Override
    public ExportResult export(ExportRequest request) throws IOException {
        return StreamingExport.run(request, (target, progress) -> export(request, target, progress));
    }

    private ExportResult export(ExportRequest request, Path target, ExportProgress progress) throws IOException {
        ExportTarget.check(target, request.force());
        if (!request.to().isAfter(request.from())) {
            throw new IllegalArgumentException("export period must end after it starts: " + request.from() + " .. "
                    + request.to());
        }
        List<String> meters = request.meterPatterns().isEmpty() ? List.of()
                : MeterSelector.select(meterRegistry.meters(), request.meterPatterns());
        progress.metersTotal(meters.size());
        var snapshot = StreamingExport.snapshot(progress, ledgerService, clock); // the head before the data
        var head = snapshot.head();
        var query = new WindowQuery(request.from(), request.to(), Set.copyOf(meters), "", Optional.empty(),
                Optional.empty());
        var factors = new HashMap<Long, Optional<FactorVersion>>();
        var byMethod = new EnumMap<AccountingMethod, Long>(AccountingMethod.class);
        var unresolved = new ArrayList<Long>();
        var sha256 = ExportFiles.write(target, request.force(), HEADER, out -> {
            StreamingExport.<EmissionWindow>stream(out, progress, sink -> windowStore.scanWindows(query, sink::test),
                    w -> {
                        var f = w.factorRef() == 0 ? Optional.<FactorVersion>empty()
                                : factors.computeIfAbsent(w.factorRef(), ref -> {
                                    var found = catalog.byRef(ref);
                                    if (found.isEmpty()) {
                                        unresolved.add(ref);
                                    }
                                    return found;
                                });
                        byMethod.merge(w.method(), 1L, Long::sum); // counted with its row (a failed write fails all)
                        return row(w, f);
                    });
        }, (sha, bytes) -> manifestContent(target, sha, bytes, request, meters, snapshot, progress.rows(),
                byMethod, factors.size(), unresolved), progress, AtomicFiles::move);
        progress.finish();
        if (!unresolved.isEmpty()) {
            LOG.warn("export {}: {} factor ref(s) could not be resolved by the catalog ({}); their rows carry the ref"
                    + " without provenance", target, unresolved.size(), unresolved);
        }
        LOG.info("exported {} emission windows ({} .. {}) to {}, sha256 {}, ledger head {}", progress.rows(),
                request.from(), request.to(), target, sha256, head.map(h -> "batch " + h.batchId()).orElse("none"));
        return new ExportResult(target, progress.rows(), sha256, head);
    }

    /** One row: the window's exact numbers, then its factor version in full (empty cells when it has none). */
    static List<String> row(EmissionWindow w, Optional<FactorVersion> factor) {
        var cells = new ArrayList<String>(HEADER.size());
        cells.add(w.meterId());
        cells.add(w.siteId());
        cells.add(w.quantity().name());
        cells.add(w.quantity().canonicalUnit());
        cells.add(w.scope().name());
        cells.add(w.method().name());
        cells.add(Numbers.time(w.start()));
        cells.add(Numbers.time(w.end()));
        cells.add(exact(w.amountNano(), 9));
        cells.add(exact(w.co2eMicrograms(), 9));
        cells.add(w.quality().name());
        cells.add(w.flags().isEmpty() ? "" : EnumSet.copyOf(w.flags()).stream().map(Enum::name)
                .collect(Collectors.joining(";")));
        cells.add(w.counted() ? "true" : "false");
        cells.add(exact(w.coveredNano(), 9));
        cells.add(w.instrumentRef() == 0 ? "" : Long.toString(w.instrumentRef()));
        cells.add(w.factorRef() == 0 ? "" : Long.toString(w.factorRef()));
        if (factor.isPresent()) {
            var f = factor.get();
            cells.add(f.id());
            cells.add(f.kind().name());
            cells.add(f.region());
            cells.add(f.publishedValue().toPlainString());
            cells.add(f.publishedUnit());
            cells.add(f.gramsPerUnit().toPlainString());
            cells.add(f.perUnit());
            cells.add(f.gwpSet());
            cells.add(f.source());
            cells.add(f.edition());
            // open ends are empty cells: Instant.MIN (or the catalog's far past) and Instant.MAX
            cells.add(f.validFrom().isAfter(FAR_PAST) ? Numbers.time(f.validFrom()) : "");
            cells.add(Instant.MAX.equals(f.validTo()) ? "" : Numbers.time(f.validTo()));
            cells.add(f.provider());
            cells.add(f.model());
            cells.add(Boolean.toString(f.estimated()));
        } else {
            for (int i = 0; i < 15; i++) {
                cells.add("");
            }
        }
        cells.add(Numbers.time(w.firstReading()));
        cells.add(Numbers.time(w.lastReading()));
        cells.add(Integer.toString(w.version()));
        cells.add(Numbers.time(w.computedAt()));
        return cells;
    }

    /** An exact decimal of an integer count of 10^-scale units: 1000000000 nano → {@code 1}, 9720000 → {@code 0.00972}. */
    static String exact(long units, int scale) {
        var d = BigDecimal.valueOf(units, scale).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private Map<String, Object> manifestContent(Path target, String sha256, long bytes, ExportRequest request,
            List<String> meters, StreamingExport.Snapshot snapshot, long rows, Map<AccountingMethod, Long> byMethod,
            int factorVersions, List<Long> unresolved) {
        var m = StreamingExport.manifest(MANIFEST_FORMAT, FORMAT_VERSION, HEADER,
                "current window versions with from <= start < to", target, sha256, bytes, rows, request,
                meters.isEmpty() ? "all" : meters, snapshot, version);
        var counts = new LinkedHashMap<String, Object>();
        byMethod.forEach((k, n) -> counts.put(k.name(), n));
        m.put("rows_by_method", counts);
        m.put("factor_versions", factorVersions);
        m.put("unresolved_factor_refs", unresolved);
        m.put("recompute", "co2e_kg = amount * factor_g_per_unit / 1000 for the uncovered part, rounded half-even to"
                + " 1e-9 kg; market-based covered_amount priced at the instrument's rate");
        return m;
    }
}
