package org.gridprint.carbon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.gridprint.api.Alarm;
import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.IntensityService;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.carbon.market.MarketPricing;
import org.gridprint.carbon.plausibility.IntervalAlarms;
import org.gridprint.carbon.site.Site;
import org.gridprint.carbon.site.Sites;
import org.gridprint.carbon.site.SitesImpl;
import org.gridprint.carbon.window.Nano;
import org.gridprint.carbon.window.WindowSplitter;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;

/**
 * One computation of one meter's windows: its counter readings, read in time chunks that adapt to the data density,
 * split exactly by {@link WindowSplitter} into the site's windows (cut at the intensity provider's resolution when
 * finer), priced ({@link WindowPricing}) and stored ({@link EmissionWindowStore#storeWindows}, idempotent, versions
 * for changed content):
 * <ul>
 * <li>electricity meters ({@link Quantity#ACTIVE_ENERGY_IMPORT}): SCOPE_2 LOCATION_BASED, its MARKET_BASED twin
 * ({@link MarketPricing}) and, with a loss series, a SCOPE_3 LOCATION_BASED window of the loss energy;</li>
 * <li>fuel meters (the site's {@code fuelSeries}, {@link Quantity#FUEL_VOLUME} in m3): SCOPE_1 DIRECT;</li>
 * <li>the site's net meter: self-consumed generation (generation − export, per window, &gt;= 0) netted out, flag
 * ONSITE_NETTED; generation and export meters themselves get no windows.</li>
 * </ul>
 * Windows already stored and decided by an operator are kept: a CORRECTED window stays as corrected, an ACCEPTED
 * spike stays accepted while its amount is the same. A failing meter is an outcome, never an exception of the run.
 */
final class MeterWindows {

    static final String NO_READINGS = "no readings";
    /** The reason a generation or export meter gets no windows of its own (not a problem: logged at DEBUG). */
    static final String NETTED = "netted into its net meter";
    static final Duration FIRST_CHUNK = Duration.ofDays(1);
    static final Duration MIN_CHUNK = Duration.ofMinutes(10);
    static final Duration MAX_CHUNK = Duration.ofDays(31);
    static final Duration START_SEARCH_STEP = Duration.ofMinutes(1);
    static final int TARGET_READINGS_PER_CHUNK = 10_000;
    /** Windows per storeWindows call (one ledger entry each). */
    static final int STORE_SLICE = 4_000;

    private static final Logger LOG = CarbonEngineImpl.LOG;

    /** Meters (and quantities) whose readings before 1970 were reported once. */
    private static final java.util.Set<String> PRE_EPOCH_WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Supplier<ReadingStore> readings;
    private final Supplier<EmissionWindowStore> store;
    private final Supplier<MeterRegistry> registry;
    private final Supplier<Sites> sites;
    private final Supplier<MarketPricing> market;
    private final Supplier<IntensityService> intensity;
    private final Supplier<EventAdmin> eventAdmin;
    private final WindowPricing pricing;
    private final IntervalAlarms alarms;
    private final Clock clock;
    private final BooleanSupplier stopping;

    MeterWindows(Supplier<ReadingStore> readings, Supplier<EmissionWindowStore> store,
            Supplier<MeterRegistry> registry, Supplier<Sites> sites, Supplier<MarketPricing> market,
            Supplier<IntensityService> intensity, Supplier<EventAdmin> eventAdmin, WindowPricing pricing,
            IntervalAlarms alarms, Clock clock, BooleanSupplier stopping) {
        this.readings = readings;
        this.store = store;
        this.registry = registry;
        this.sites = sites;
        this.market = market;
        this.intensity = intensity;
        this.eventAdmin = eventAdmin;
        this.pricing = pricing;
        this.alarms = alarms;
        this.clock = clock;
        this.stopping = stopping;
    }

    /** What a meter is at its site. */
    enum Role { LOAD, FUEL, NET, GENERATION, EXPORT }

    static Role role(Site site, String meterId) {
        if (site.fuelSeries().containsKey(meterId)) {
            return Role.FUEL;
        }
        if (site.generationMeters().contains(meterId)) {
            return Role.GENERATION;
        }
        if (site.exportMeters().contains(meterId)) {
            return Role.EXPORT;
        }
        return meterId.equals(site.netMeter()) ? Role.NET : Role.LOAD;
    }

    /** The site of a meter, or why there is none. */
    Optional<Site> siteOf(Meter m, String[] problem) {
        if (m.siteId().isBlank()) {
            problem[0] = "meter '" + m.id() + "' has no siteId, so no site applies; no emission windows";
            return Optional.empty();
        }
        var s = sites.get();
        var site = s.site(m.siteId());
        if (site.isEmpty()) {
            problem[0] = "meter '" + m.id() + "': " + (s instanceof SitesImpl impl ? impl.problem(m.siteId())
                    : "site '" + m.siteId() + "' is not configured") + "; no emission windows";
        }
        return site;
    }

    /**
     * Computes one meter.
     *
     * @param fromMs     a late reading's time (recompute the windows it touches), {@link Long#MAX_VALUE}: continue
     * @param toMs       windows starting at or after this are not computed ({@link Long#MAX_VALUE}: no limit)
     * @param reason     recorded with revised windows; null: "computed" or "late reading"
     * @param exactRange recalculation: the windows from {@code fromMs} to {@code toMs} only
     */
    MeterRun compute(String meterId, long fromMs, long toMs, String reason, boolean exactRange) {
        var meter = registry.get().meter(meterId);
        if (meter.isEmpty()) {
            return new MeterRun.Skipped(meterId, "meter '" + meterId
                    + "' is not in the meter registry (no meter configuration with this id)");
        }
        var m = meter.get();
        var problem = new String[1];
        var siteOpt = siteOf(m, problem);
        if (siteOpt.isEmpty()) {
            return new MeterRun.Skipped(meterId, problem[0]);
        }
        var site = siteOpt.get();
        var role = role(site, meterId);
        if (role == Role.GENERATION || role == Role.EXPORT) {
            return new MeterRun.Skipped(meterId, "meter '" + meterId + "' is a " + role.name().toLowerCase()
                    + " meter of site '" + site.id() + "': " + NETTED + " '" + site.netMeter() + "'");
        }
        var run = new Run(m, site, role, reason == null ? (fromMs == Long.MAX_VALUE ? "computed" : "late reading")
                : reason);
        return run.compute(fromMs, toMs, exactRange);
    }

    /** One run of one meter. */
    private final class Run {
        final Meter meter;
        final Site site;
        final Role role;
        final Quantity quantity;
        final Scope scope;
        final AccountingMethod method;
        final String reason;
        final Instant computedAt;
        final long windowMs;
        long resumeMs = Long.MIN_VALUE;
        long windows;
        long added;
        long revised;
        long unchanged;
        Instant changedFrom;
        Instant changedTo;
        String incomplete;
        final RawWindows raw = new RawWindows();

        Run(Meter meter, Site site, Role role, String reason) {
            this.meter = meter;
            this.site = site;
            this.role = role;
            this.reason = reason;
            this.quantity = role == Role.FUEL ? Quantity.FUEL_VOLUME : Quantity.ACTIVE_ENERGY_IMPORT;
            this.scope = role == Role.FUEL ? Scope.SCOPE_1 : Scope.SCOPE_2;
            this.method = role == Role.FUEL ? AccountingMethod.DIRECT : AccountingMethod.LOCATION_BASED;
            this.computedAt = clock.instant();
            this.windowMs = windowMs(site, role);
        }

        MeterRun compute(long requestedFrom, long toMs, boolean exactRange) {
            var fromMs = requestedFrom;
            var rs = readings.get();
            var id = meter.id();
            var latest = rs.latest(id, quantity);
            if (latest.isEmpty()) {
                return new MeterRun.Skipped(id, NO_READINGS + " of " + quantity + " yet");
            }
            var newest = latest.get().timestamp().toEpochMilli();
            var last = store.get().lastWindow(id, quantity, scope, method);
            if (last.isPresent()) {
                resumeMs = last.get().end().toEpochMilli();
            }
            long windowsFrom;
            if (fromMs != Long.MAX_VALUE && !exactRange && resumeMs != Long.MIN_VALUE) {
                // a reading whose previous reading is at or after the last window's end touches no stored window:
                // a plain continuation (the common case: every STORED event carries its batch's FROM)
                var before = rs.latestBefore(id, quantity, Instant.ofEpochMilli(fromMs));
                var touched = before.map(r -> r.timestamp().toEpochMilli()).orElse(fromMs);
                if (touched >= resumeMs) {
                    fromMs = Long.MAX_VALUE;
                }
            }
            if (fromMs != Long.MAX_VALUE) {
                var before = rs.latestBefore(id, quantity, Instant.ofEpochMilli(fromMs));
                var earliest = Math.floorDiv(before.map(r -> r.timestamp().toEpochMilli()).orElse(fromMs), windowMs)
                        * windowMs;
                windowsFrom = exactRange ? Math.max(earliest, Math.floorDiv(fromMs, windowMs) * windowMs)
                        : resumeMs == Long.MIN_VALUE ? Long.MIN_VALUE : Math.min(earliest, resumeMs);
                if (exactRange && before.isEmpty()) {
                    windowsFrom = Long.MIN_VALUE; // the meter's first window, partial, is in the range
                }
            } else {
                windowsFrom = resumeMs;
                if (resumeMs != Long.MIN_VALUE && newest < resumeMs + windowMs) {
                    return MeterRun.Computed.nothing(id); // no new closed window yet
                }
            }
            Instant readFrom;
            if (windowsFrom == Long.MIN_VALUE) {
                readFrom = firstReadingBound(id, latest.get().timestamp());
            } else {
                readFrom = rs.latestBefore(id, quantity, Instant.ofEpochMilli(windowsFrom + 1))
                        .map(Reading::timestamp).orElse(Instant.ofEpochMilli(windowsFrom));
            }
            var maxPower = maxPower();
            var splitter = new WindowSplitter(windowMs, meter.counterRollover() > 0 ? Nano.of(meter.counterRollover())
                    : 0, site.gapThreshold().toMillis(), maxPower);
            var observer = alarms.run(id, quantity.canonicalUnit(), maxPower,
                    resumeMs == Long.MIN_VALUE ? Long.MIN_VALUE : resumeMs);
            splitter.start(windowsFrom, toMs, raw::add, observer);
            var end = Instant.ofEpochMilli(newest + 1);
            var cursor = readFrom;
            var chunk = FIRST_CHUNK;
            var buffers = new Buffers();
            try {
                // bounded: the cursor moves forward by at least MIN_CHUNK per pass and stops after the newest reading
                while (cursor.isBefore(end) && !stopping.getAsBoolean() && incomplete == null
                        && splitter.openWindowStart() < toMs) {
                    var chunkEnd = cursor.plus(chunk).isBefore(end) ? cursor.plus(chunk) : end;
                    var list = rs.readings(id, quantity, cursor, chunkEnd);
                    buffers.fill(list);
                    splitter.feed(buffers.t, buffers.c, buffers.q, 0, list.size());
                    if (raw.size > 0) {
                        process();
                        raw.clear();
                    }
                    cursor = chunkEnd;
                    chunk = adapt(chunk, list.size());
                }
            } finally {
                post(observer.finish());
            }
            return new MeterRun.Computed(id, windows, added, revised, unchanged, Optional.ofNullable(changedFrom),
                    Optional.ofNullable(changedTo), observer.resets(), Optional.ofNullable(incomplete));
        }

        private double maxPower() {
            var perMeter = site.meterMaxPowerKw().get(meter.id());
            if (perMeter != null) {
                return perMeter.doubleValue();
            }
            return role == Role.FUEL ? 0 : site.maxPowerKw().doubleValue();
        }

        /** Prices and stores the raw windows of a chunk; stops at the first window without a factor. */
        private void process() {
            var n = raw.size;
            long[] self = null;
            if (role == Role.NET) {
                self = new long[n];
                n = Math.min(n, selfConsumed(self));
            }
            var primary = new ArrayList<EmissionWindow>(n);
            var scope3 = new ArrayList<EmissionWindow>();
            for (var i = 0; i < n; i++) {
                var start = Instant.ofEpochMilli(raw.start[i]);
                var end = Instant.ofEpochMilli(raw.end[i]);
                var amount = raw.nano[i];
                var flags = raw.flags[i];
                if (self != null && self[i] > 0) {
                    amount = Math.max(0, amount - self[i]);
                    flags |= WindowPricing.bit(WindowFlag.ONSITE_NETTED);
                }
                var outcome = role == Role.FUEL ? pricing.fuel(site, site.fuelSeries().get(meter.id()), start)
                        : pricing.location(site, start, end, computedAt);
                if (outcome instanceof WindowPricing.Missing missing) {
                    incomplete = missing.problem();
                    break;
                }
                var p = (WindowPricing.Priced) outcome;
                var quality = org.gridprint.api.Quality.values()[raw.quality[i]];
                var w = new EmissionWindow(meter.id(), site.id(), quantity, scope, method, start, end, amount,
                        p.rate().micrograms(amount), p.ref(), 0, 0, quality, WindowPricing.flags(flags | p.flags()),
                        Instant.ofEpochMilli(raw.first[i]), Instant.ofEpochMilli(raw.last[i]), 1, computedAt);
                primary.add(w);
                if (role != Role.FUEL) {
                    var loss = pricing.loss(site, start);
                    if (loss.isPresent()) {
                        var s3 = pricing.scope3(p, loss.get());
                        var lossNano = WindowPricing.lossNano(amount, loss.get().factor().gramsPerUnit());
                        scope3.add(new EmissionWindow(meter.id(), site.id(), quantity, Scope.SCOPE_3,
                                AccountingMethod.LOCATION_BASED, start, end, lossNano, s3.rate().micrograms(lossNano),
                                s3.ref(), 0, 0, quality, WindowPricing.flags(flags | s3.flags()), w.firstReading(),
                                w.lastReading(), 1, computedAt));
                    }
                }
            }
            if (primary.isEmpty()) {
                return;
            }
            windows += primary.size();
            var firstStart = primary.get(0).start();
            var lastEnd = primary.get(primary.size() - 1).end();
            // operator decisions first, market pricing after: an ACCEPTED spike counts, so its market twin draws on
            // the site's instruments like any counted window (MarketPricing skips uncounted windows); a CORRECTED
            // window keeps its stored twin (priced when it was corrected) and is not priced again
            var decisions = firstStart.toEpochMilli() < resumeMs ? storedDecisions(firstStart, lastEnd)
                    : Map.<WindowKey, EmissionWindow>of();
            var all = new ArrayList<EmissionWindow>(primary.size() * 3);
            all.addAll(keepOperatorDecisions(primary, decisions));
            if (role != Role.FUEL) {
                var toPrice = new ArrayList<EmissionWindow>(primary.size());
                for (var w : all) {
                    var stored = decisions.get(w.key());
                    if (stored == null || !stored.flags().contains(WindowFlag.CORRECTED)) {
                        toPrice.add(w);
                    }
                }
                var marketWindows = toPrice.isEmpty() ? List.<EmissionWindow>of()
                        : market.get().marketWindows(site, toPrice, computedAt);
                var twins = new ArrayList<EmissionWindow>(primary.size());
                twins.addAll(marketWindows);
                for (var w : all) {
                    var stored = decisions.get(w.key());
                    if (stored != null && stored.flags().contains(WindowFlag.CORRECTED)) {
                        var twin = decisions.get(new WindowKey(w.meterId(), w.quantity(), w.scope(),
                                AccountingMethod.MARKET_BASED, w.start()));
                        if (twin != null) {
                            twins.add(twin);
                        }
                    }
                }
                all.addAll(keepOperatorDecisions(twins, decisions));
                all.addAll(keepOperatorDecisions(scope3, decisions));
            }
            // slices of whole window starts: a window and its twins are always stored in the same call
            var byStart = new java.util.TreeMap<Instant, List<EmissionWindow>>();
            for (var w : all) {
                byStart.computeIfAbsent(w.start(), k -> new ArrayList<>(3)).add(w);
            }
            var slice = new ArrayList<EmissionWindow>(STORE_SLICE + 8);
            for (var group : byStart.values()) {
                slice.addAll(group);
                if (slice.size() >= STORE_SLICE) {
                    store(slice);
                    slice.clear();
                }
            }
            if (!slice.isEmpty()) {
                store(slice);
            }
        }

        private void store(List<EmissionWindow> slice) {
            var result = store.get().storeWindows(slice, reason);
            added += result.added();
            revised += result.revised();
            unchanged += result.unchanged();
            if (result.added() + result.revised() > 0) {
                var firstStart = slice.get(0).start();
                var lastEnd = slice.get(slice.size() - 1).end();
                changedFrom = changedFrom == null || firstStart.isBefore(changedFrom) ? firstStart : changedFrom;
                changedTo = changedTo == null || lastEnd.isAfter(changedTo) ? lastEnd : changedTo;
            }
        }

        /** The stored windows (all scopes and methods) of this meter in {@code [from, to)} an operator decided on. */
        private Map<WindowKey, EmissionWindow> storedDecisions(Instant from, Instant to) {
            var stored = new HashMap<WindowKey, EmissionWindow>();
            store.get().scanWindows(new WindowQuery(from, to, Set.of(meter.id()), "", Optional.empty(),
                    Optional.empty()), w -> {
                        if (w.flags().contains(WindowFlag.CORRECTED) || w.flags().contains(WindowFlag.ACCEPTED)) {
                            stored.put(w.key(), w);
                        }
                        return true;
                    });
            return stored;
        }

        /**
         * Stored windows an operator decided on win over the recomputation: CORRECTED ones stay; an ACCEPTED spike
         * whose amount is unchanged stays accepted.
         */
        private ArrayList<EmissionWindow> keepOperatorDecisions(List<EmissionWindow> computed,
                Map<WindowKey, EmissionWindow> stored) {
            if (stored.isEmpty()) {
                return new ArrayList<>(computed);
            }
            var out = new ArrayList<EmissionWindow>(computed.size());
            for (var w : computed) {
                var s = stored.get(w.key());
                if (s == null) {
                    out.add(w);
                } else if (s.flags().contains(WindowFlag.CORRECTED)) {
                    out.add(s);
                } else if (w.flags().contains(WindowFlag.SUSPECT_SPIKE) && w.amountNano() == s.amountNano()) {
                    var flags = java.util.EnumSet.copyOf(w.flags());
                    flags.add(WindowFlag.ACCEPTED);
                    out.add(new EmissionWindow(w.meterId(), w.siteId(), w.quantity(), w.scope(), w.method(),
                            w.start(), w.end(), w.amountNano(), w.co2eMicrograms(), w.factorRef(), w.instrumentRef(),
                            w.coveredNano(), w.quality(), flags, w.firstReading(), w.lastReading(), 1, computedAt));
                } else {
                    out.add(w);
                }
            }
            return out;
        }

        /**
         * Self-consumed generation per raw window (generation − export, &gt;= 0) of the site's generation and export
         * meters' ACTIVE_ENERGY_EXPORT counters; returns how many leading windows can be netted (a generation or
         * export meter whose readings do not reach a window's end holds that window and the later ones back; a meter
         * without any reading counts 0).
         */
        private int selfConsumed(long[] self) {
            var n = raw.size;
            var gen = new long[n];
            var exp = new long[n];
            var limit = n;
            for (var g : site.generationMeters()) {
                limit = Math.min(limit, split(g, gen));
            }
            for (var x : site.exportMeters()) {
                limit = Math.min(limit, split(x, exp));
            }
            for (var i = 0; i < n; i++) {
                self[i] = Math.max(0, gen[i] - exp[i]);
            }
            if (limit < n && incomplete == null) {
                incomplete = WindowPricing.WAITING + " the readings of the generation/export meters of site '" + site.id()
                        + "' up to " + Instant.ofEpochMilli(raw.end[limit]) + " to net the windows of '" + meter.id()
                        + "'";
            }
            return limit;
        }

        private int split(String meterId, long[] into) {
            var rs = readings.get();
            var q = Quantity.ACTIVE_ENERGY_EXPORT;
            var latest = rs.latest(meterId, q);
            if (latest.isEmpty()) {
                LOG.debug("site '{}': generation/export meter '{}' has no {} readings; counted as 0", site.id(),
                        meterId, q);
                return raw.size;
            }
            var s0 = raw.start[0];
            var endAll = raw.end[raw.size - 1];
            var newest = latest.get().timestamp().toEpochMilli();
            var from = rs.latestBefore(meterId, q, Instant.ofEpochMilli(s0 + 1)).map(Reading::timestamp)
                    .orElse(Instant.ofEpochMilli(s0));
            var to = Instant.ofEpochMilli(Math.min(newest + 1, endAll + 86_400_000L));
            var list = rs.readings(meterId, q, from, to);
            var rollover = registry.get().meter(meterId).map(Meter::counterRollover).orElse(0d);
            var splitter = new WindowSplitter(windowMs, rollover > 0 ? Nano.of(rollover) : 0, 0, 0);
            splitter.start(s0, endAll, (a, b, nano, f, qq, first, lastReading) -> {
                var idx = (int) ((a - s0) / windowMs);
                if (idx >= 0 && idx < into.length) {
                    into[idx] += nano;
                }
            }, null);
            var buffers = new Buffers();
            buffers.fill(list);
            splitter.feed(buffers.t, buffers.c, buffers.q, 0, list.size());
            var covered = 0;
            while (covered < raw.size && raw.end[covered] <= newest) {
                covered++;
            }
            return covered;
        }

        /**
         * A time at or before the meter's first reading, found by bisection with {@link ReadingStore#latestBefore}
         * (about 25 indexed look-ups).
         */
        private Instant firstReadingBound(String id, Instant newest) {
            var rs = readings.get();
            var step = START_SEARCH_STEP.toMillis();
            if (rs.latestBefore(id, quantity, Instant.EPOCH).isPresent()) {
                if (PRE_EPOCH_WARNED.add(id + '\u0000' + quantity)) { // once per meter and quantity, not per run
                    LOG.warn("meter '{}' has readings before 1970-01-01; they are not used", id);
                }
                return Instant.EPOCH;
            }
            var lo = 0L;
            var hi = Math.floorDiv(newest.toEpochMilli(), step) + 1;
            for (var i = 0; i < 64 && hi - lo > 1; i++) {
                var mid = lo + (hi - lo) / 2;
                if (rs.latestBefore(id, quantity, Instant.ofEpochMilli(mid * step)).isPresent()) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return Instant.ofEpochMilli(lo * step);
        }
    }

    /** The site's window, cut at the first-ranked intensity provider's resolution where finer (electricity only). */
    long windowMs(Site site, Role role) {
        var w = site.window().toMillis();
        var service = intensity.get();
        if (role != Role.FUEL && service != null) {
            try {
                var res = service.resolution(site.id());
                if (res.isPresent()) {
                    var r = res.get().toMillis();
                    if (r > 0 && r < w && 86_400_000L % r == 0) {
                        return r;
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("site '{}': intensity resolution unknown: {}", site.id(), e.toString());
            }
        }
        return w;
    }

    private void post(List<Alarm> list) {
        var ea = eventAdmin.get();
        for (var a : list) {
            if (a.kind() == org.gridprint.api.AlarmKind.SUSPECT_INTERVAL
                    && org.gridprint.api.EventKeys.RAISED.equals(a.details().get(org.gridprint.api.EventKeys.ALARM_STATE))) {
                LOG.warn(a.message());
            } else if (a.kind() == org.gridprint.api.AlarmKind.COUNTER_RESET) {
                LOG.warn(a.message());
            } else {
                LOG.info(a.message());
            }
            Events.post(ea, a);
        }
    }

    private static Duration adapt(Duration chunk, int n) {
        if (n > TARGET_READINGS_PER_CHUNK) {
            var half = chunk.dividedBy(2);
            return half.compareTo(MIN_CHUNK) < 0 ? MIN_CHUNK : half;
        }
        if (n < TARGET_READINGS_PER_CHUNK / 4) {
            var twice = chunk.multipliedBy(2);
            return twice.compareTo(MAX_CHUNK) > 0 ? MAX_CHUNK : twice;
        }
        return chunk;
    }

    /** Reading arrays reused across chunks. */
    static final class Buffers {
        long[] t = new long[0];
        long[] c = new long[0];
        byte[] q = new byte[0];

        void fill(List<Reading> list) {
            var n = list.size();
            if (t.length < n) {
                t = new long[n];
                c = new long[n];
                q = new byte[n];
            }
            for (var i = 0; i < n; i++) {
                var r = list.get(i);
                t[i] = r.timestamp().toEpochMilli();
                var v = r.value();
                c[i] = Double.isFinite(v) && v >= 0 && v < 9.2e9 ? Nano.of(v) : -1;
                q[i] = (byte) r.quality().ordinal();
            }
        }
    }

    /** The closed windows of a chunk, as primitives. */
    static final class RawWindows {
        long[] start = new long[64];
        long[] end = new long[64];
        long[] nano = new long[64];
        int[] flags = new int[64];
        int[] quality = new int[64];
        long[] first = new long[64];
        long[] last = new long[64];
        int size;

        void add(long s, long e, long n, int f, int q, long fi, long la) {
            if (size == start.length) {
                var cap = size * 2;
                start = java.util.Arrays.copyOf(start, cap);
                end = java.util.Arrays.copyOf(end, cap);
                nano = java.util.Arrays.copyOf(nano, cap);
                flags = java.util.Arrays.copyOf(flags, cap);
                quality = java.util.Arrays.copyOf(quality, cap);
                first = java.util.Arrays.copyOf(first, cap);
                last = java.util.Arrays.copyOf(last, cap);
            }
            start[size] = s;
            end[size] = e;
            nano[size] = n;
            flags[size] = f;
            quality[size] = q;
            first[size] = fi;
            last[size] = la;
            size++;
        }

        void clear() {
            size = 0;
        }
    }
}
