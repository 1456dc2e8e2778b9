package org.gridprint.http;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.gridprint.api.IngestService;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.allocation.JobService;
import org.gridprint.api.allocation.UtilityBillService;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.export.Exporter;
import org.gridprint.api.security.TokenService;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.ReadingStore;

/**
 * The services the API consumes, each possibly absent (the component's references are dynamic and optional): an
 * endpoint whose service is missing answers 503 and names it. Thread-safe; set by the DS component or a test.
 */
public final class ApiServices {

    private volatile IngestService ingest;
    private volatile MeterRegistry meters;
    private volatile ReadingStore readings;
    private volatile EmissionWindowStore windows;
    private volatile FactorCatalog factors;
    private volatile JobService jobs;
    private volatile UtilityBillService bills;
    private volatile TokenService tokens;
    private final Map<String, Exporter> exporters = new ConcurrentHashMap<>();

    public Optional<IngestService> ingest() {
        return Optional.ofNullable(ingest);
    }

    public Optional<MeterRegistry> meters() {
        return Optional.ofNullable(meters);
    }

    public Optional<ReadingStore> readings() {
        return Optional.ofNullable(readings);
    }

    public Optional<EmissionWindowStore> windows() {
        return Optional.ofNullable(windows);
    }

    public Optional<FactorCatalog> factors() {
        return Optional.ofNullable(factors);
    }

    public Optional<JobService> jobs() {
        return Optional.ofNullable(jobs);
    }

    public Optional<UtilityBillService> bills() {
        return Optional.ofNullable(bills);
    }

    public Optional<TokenService> tokens() {
        return Optional.ofNullable(tokens);
    }

    public Optional<Exporter> exporter(String format) {
        return Optional.ofNullable(exporters.get(format));
    }

    public ApiServices ingest(IngestService s) {
        ingest = s;
        return this;
    }

    public ApiServices meters(MeterRegistry s) {
        meters = s;
        return this;
    }

    public ApiServices readings(ReadingStore s) {
        readings = s;
        return this;
    }

    public ApiServices windows(EmissionWindowStore s) {
        windows = s;
        return this;
    }

    public ApiServices factors(FactorCatalog s) {
        factors = s;
        return this;
    }

    public ApiServices jobs(JobService s) {
        jobs = s;
        return this;
    }

    public ApiServices bills(UtilityBillService s) {
        bills = s;
        return this;
    }

    public ApiServices tokens(TokenService s) {
        tokens = s;
        return this;
    }

    public ApiServices exporter(String format, Exporter s) {
        if (s == null) {
            exporters.remove(format);
        } else {
            exporters.put(format, s);
        }
        return this;
    }

    /** Removes the service only if it is still the one given (DS unbind after a rebind). */
    synchronized void unset(Object s) {
        if (ingest == s) {
            ingest = null;
        }
        if (meters == s) {
            meters = null;
        }
        if (readings == s) {
            readings = null;
        }
        if (windows == s) {
            windows = null;
        }
        if (factors == s) {
            factors = null;
        }
        if (jobs == s) {
            jobs = null;
        }
        if (bills == s) {
            bills = null;
        }
        if (tokens == s) {
            tokens = null;
        }
        exporters.values().removeIf(e -> e == s);
    }
}
