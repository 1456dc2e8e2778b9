package org.gridprint.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.TotalsQuery.GroupBy;
import org.gridprint.carbon.window.Co2eRate;
import org.gridprint.carbon.window.WindowConsumer;
import org.gridprint.carbon.window.WindowSplitter;
import org.gridprint.api.store.EmissionWindowStore;

/**
 * Phases (b) and (c) of CarbonBench against the real Derby store (bundles/store-derby, the classes Karaf runs) or
 * the real PostgreSQL store ({@link CarbonTarget}):
 * (b) the year's windows of each meter, location- and market-based, computed with the engine's WindowSplitter and
 * stored with {@code EmissionWindowStore.storeWindows} (one call per meter and month, each one ledger entry), with
 * one registered factor version per hourly intensity value (register {@code factor}), a residual mix and a
 * certificate per site (register {@code instrument}); bytes per window = growth of the database directory (all
 * tables, indexes, the ledger entries, the register, after a clean close) over the windows stored; (c) the year's
 * totals by month for all meters, {@code EmissionWindowStore.totals}, cold (first query after reopening) and warm,
 * in UTC and in America/New_York (whose months cut UTC days: boundary blocks decoded).
 */
final class CarbonStoreRun {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private CarbonStoreRun() {
    }

    static void run(CarbonTarget target, int meters, int sites) {
        System.out.println("(b)/(c) on " + target.name());
        long empty = target.bytes();
        for (int m = 0; m < meters; m++) {
            target.registerMeter(Meter.of(meterId(m), "site-" + (m % sites)));
        }
        var register = target.register();
        var store = target.windows();
        // factor versions of the hourly series: one register record each (what the intensity provider's values
        // become when they price windows), the residual mix, one certificate per site
        var location = CarbonYear.hourlyIntensity();
        var refs = new long[CarbonYear.HOURS];
        long t0 = System.nanoTime();
        for (int h = 0; h < CarbonYear.HOURS; h++) {
            var start = Instant.ofEpochMilli(CarbonYear.START_MS + h * CarbonYear.HOUR_MS);
            refs[h] = register.put("factor", "intensity/bench-file/BENCH/" + start, factorText(start,
                    location[h].gramsPerUnit()), "bench").ref();
        }
        long residualRef = register.put("factor", "operator/bench-residual-mix/2025-01-01",
                factorText(CarbonYear.START, CarbonYear.RESIDUAL_MIX), "bench").ref();
        var recRefs = new long[sites];
        for (int s = 0; s < sites; s++) {
            recRefs[s] = register.put("instrument", "BENCH-REC-2025-" + s, "id=BENCH-REC-2025-" + s + "\nmwh=1000\n"
                    + "type=REC\nvintageFrom=2025-01-01\nvintageTo=2025-12-31\nmarket=US\n", "bench").ref();
        }
        double registerSeconds = (System.nanoTime() - t0) / 1e9;
        long registered = target.bytes();
        store = target.windows();
        var recNano = CarbonBench.certificates(meters, sites);
        var residual = new Co2eRate(CarbonYear.RESIDUAL_MIX);
        var builder = new Builder(location, refs, residual, residualRef, recRefs, recNano);
        long windows = 0;
        long calls = 0;
        t0 = System.nanoTime();
        long lastReport = t0;
        for (int m = 0; m < meters; m++) {
            builder.meter(m, m % sites);
            for (var month : builder.byMonth()) {
                store.storeWindows(month, "computed");
                windows += month.size();
                calls++;
            }
            long now = System.nanoTime();
            if (now - lastReport > 60_000_000_000L) {
                System.out.printf(Locale.ROOT, "    ... %d meters, %,d windows stored (%.0f windows/s)%n", m + 1,
                        windows, windows / ((now - t0) / 1e9));
                lastReport = now;
            }
        }
        double storeSeconds = (System.nanoTime() - t0) / 1e9;
        long held = store.windowCount();
        long full = target.bytes();
        System.out.printf(Locale.ROOT, "(b) %d meters: %,d windows stored in %,d storeWindows calls (one ledger entry"
                + " each) in %.1f s (%,.0f windows/s); %,d factor/instrument records registered in %.1f s; store holds"
                + " %,d windows%n", meters, windows, calls, storeSeconds, windows / storeSeconds,
                CarbonYear.HOURS + 1 + sites, registerSeconds, held);
        System.out.printf(Locale.ROOT, "    bytes held: %,d empty, %,d with the meters and %,d register records, %,d with"
                + " the windows: %.1f bytes per window (window blocks, series, history, entries, ledger entries,"
                + " indexes)%n", empty, registered, CarbonYear.HOURS + 1 + sites, full,
                (full - registered) / (double) windows);
        totalsOnly(target);
    }

    /** Phase (c): the year's totals, cold after reopening, then warm (best of 5). */
    static void totalsOnly(CarbonTarget target) {
        target.reopen();
        var store = target.windows();
        System.out.printf(Locale.ROOT, "(c) %s holds %,d windows%n", target.name(), store.windowCount());
        target.reopen();
        store = target.windows();
        totals(store, ZoneOffset.UTC, List.of(GroupBy.MONTH), "cold, UTC, by month");
        totals(store, ZoneOffset.UTC, List.of(GroupBy.MONTH), "warm, UTC, by month");
        totals(store, ZoneOffset.UTC, List.of(GroupBy.MONTH, GroupBy.METHOD), "warm, UTC, by month and method");
        totals(store, NEW_YORK, List.of(GroupBy.MONTH), "warm, America/New_York, by month");
        totals(store, ZoneOffset.UTC, List.of(GroupBy.MONTH, GroupBy.SITE), "warm, UTC, by month and site");
        totals(store, ZoneOffset.UTC, List.of(GroupBy.MONTH, GroupBy.METER), "warm, UTC, by month and meter");
    }

    private static void totals(EmissionWindowStore store, ZoneId zone, List<GroupBy> by, String label) {
        var from = CarbonYear.START.atZone(ZoneOffset.UTC).withZoneSameLocal(zone).toInstant();
        var to = CarbonYear.END.atZone(ZoneOffset.UTC).withZoneSameLocal(zone).toInstant();
        var q = new TotalsQuery(from, to, zone, by, Set.of(), "", Optional.empty(), Optional.empty(), "");
        long t0 = System.nanoTime();
        var totals = store.totals(q);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (label.startsWith("warm")) { // the best of 5 (the first of them warms this query's code path)
            for (int i = 0; i < 4; i++) {
                long t1 = System.nanoTime();
                store.totals(q);
                ms = Math.min(ms, (System.nanoTime() - t1) / 1e6);
            }
        }
        long windows = totals.stream().mapToLong(t -> t.windows()).sum();
        long ug = totals.stream().mapToLong(t -> t.co2eMicrograms()).sum();
        System.out.printf(Locale.ROOT, "(c) totals %s: %,d groups over %,d windows in %.0f ms%s (sum %s t CO2e, location +"
                + " market)%n", label, totals.size(), windows, ms, label.startsWith("warm") ? " (best of 5)" : "",
                BigDecimal.valueOf(ug, 12).setScale(3, java.math.RoundingMode.HALF_EVEN).toPlainString());
    }

    static String meterId(int m) {
        return String.format(Locale.ROOT, "bench/site-%02d/meter-%04d", m % 100, m);
    }

    /** A factor text in the shape of the catalog's (sorted key=value lines), about the size the catalog writes. */
    private static String factorText(Instant start, BigDecimal grams) {
        return "edition=bench hourly file\nestimated=false\nformat=1\ngramsPerUnit=" + grams.toPlainString()
                + "\ngwpSet=as published\nid=intensity/bench-file/BENCH/" + start + "\nkind=GRID_AVERAGE\nmethod="
                + "LOCATION_BASED\nmodel=\nperUnit=kWh\nprovider=bench-file\npublishedUnit=g/kWh\npublishedValue="
                + grams.toPlainString() + "\nregion=BENCH\nscope=SCOPE_2\nsource=CarbonBench synthetic hourly series\n"
                + "validFrom=" + start + "\nvalidTo=" + start.plusSeconds(3600) + "\n";
    }

    /** Builds one meter's year of windows (both methods) as the engine would store them. */
    private static final class Builder implements WindowConsumer {
        private final Co2eRate[] location;
        private final long[] refs;
        private final Co2eRate residual;
        private final long residualRef;
        private final long[] recRefs;
        private final long[] recNano;
        private final long[] times = new long[CarbonYear.INTERVALS + 1];
        private final long[] counters = new long[CarbonYear.INTERVALS + 1];
        private final WindowSplitter splitter = new WindowSplitter(CarbonYear.HOUR_MS, 0, 2 * CarbonYear.STEP_MS,
                1_000);
        private final List<EmissionWindow> windows = new ArrayList<>(2 * CarbonYear.HOURS);
        private final Instant computedAt = Instant.now();
        private String meterId;
        private String siteId;
        private int site;

        Builder(Co2eRate[] location, long[] refs, Co2eRate residual, long residualRef, long[] recRefs, long[] recNano) {
            this.location = location;
            this.refs = refs;
            this.residual = residual;
            this.residualRef = residualRef;
            this.recRefs = recRefs;
            this.recNano = recNano;
        }

        void meter(int m, int siteIndex) {
            meterId = meterId(m);
            site = siteIndex;
            siteId = "site-" + siteIndex;
            windows.clear();
            CarbonYear.readings(m, times, counters);
            splitter.start(CarbonYear.START_MS, CarbonYear.END_MS, this, null);
            splitter.feed(times, counters, null, 0, times.length);
        }

        /** The windows in UTC months (location and market of a month in one call). */
        List<List<EmissionWindow>> byMonth() {
            var months = new ArrayList<List<EmissionWindow>>();
            var current = new ArrayList<EmissionWindow>();
            int month = -1;
            for (var w : windows) {
                int mo = w.start().atZone(ZoneOffset.UTC).getMonthValue();
                if (mo != month && !current.isEmpty()) {
                    months.add(current);
                    current = new ArrayList<>();
                }
                month = mo;
                current.add(w);
            }
            if (!current.isEmpty()) {
                months.add(current);
            }
            return months;
        }

        @Override
        public void window(long startMs, long endMs, long amount, int flags, int quality, long firstReadingMs,
                long lastReadingMs) {
            int hour = (int) ((startMs - CarbonYear.START_MS) / CarbonYear.HOUR_MS);
            var start = Instant.ofEpochMilli(startMs);
            var end = Instant.ofEpochMilli(endMs);
            var first = Instant.ofEpochMilli(firstReadingMs);
            var last = Instant.ofEpochMilli(lastReadingMs);
            var q = Quality.values()[quality];
            var f = flags == 0 ? Set.<WindowFlag>of() : flagSet(flags);
            windows.add(new EmissionWindow(meterId, siteId, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                    AccountingMethod.LOCATION_BASED, start, end, amount, location[hour].micrograms(amount), refs[hour], 0,
                    0, q, f, first, last, 1, computedAt));
            long covered = Math.min(amount, recNano[site]);
            recNano[site] -= covered;
            windows.add(new EmissionWindow(meterId, siteId, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                    AccountingMethod.MARKET_BASED, start, end, amount, residual.micrograms(amount - covered),
                    residualRef, covered > 0 ? recRefs[site] : 0, covered, q, f, first, last, 1, computedAt));
        }

        private static Set<WindowFlag> flagSet(int bits) {
            var set = java.util.EnumSet.noneOf(WindowFlag.class);
            for (var flag : WindowFlag.values()) {
                if ((bits & (1 << flag.ordinal())) != 0) {
                    set.add(flag);
                }
            }
            return set;
        }
    }
}
