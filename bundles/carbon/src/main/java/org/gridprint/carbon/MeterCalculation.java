package org.gridprint.carbon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.ShortestDecimal;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.ReadingStore;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;

/**
 * One calculation of one meter: readings from the end of the last stored location-based interval (the reading at
 * that end is the start point; from the first reading if there is none) up to the newest reading, read in time
 * windows that adapt to the data density, differenced by {@link IntervalCalculator}, multiplied by the site's
 * factor and stored (idempotent). Meters are computed one at a time; a failing meter is an outcome, never an
 * exception.
 */
final class MeterCalculation {

    static final Quantity QUANTITY = Quantity.ACTIVE_ENERGY_IMPORT;
    static final AccountingMethod METHOD = SiteFactors.METHOD;
    /** First read window; it doubles while windows hold few readings and halves while they hold many. */
    static final Duration FIRST_WINDOW = Duration.ofDays(1);
    static final Duration MIN_WINDOW = Duration.ofMinutes(10);
    static final Duration MAX_WINDOW = Duration.ofDays(31);
    /** Granularity of the search for a meter's first reading when it has no interval yet. */
    static final Duration START_SEARCH_STEP = Duration.ofMinutes(1);
    /** Readings per window the adaptation aims at (bounds memory per meter run). */
    static final int TARGET_READINGS_PER_WINDOW = 10_000;

    static final String NO_READINGS = "no " + Quantity.ACTIVE_ENERGY_IMPORT + " readings yet";

    private static final Logger LOG = CarbonCalculatorImpl.LOG;

    private final Supplier<ReadingStore> readingStore;
    private final Supplier<EmissionStore> emissionStore;
    private final Supplier<MeterRegistry> meterRegistry;
    private final SiteFactors factors;
    private final Supplier<EventAdmin> eventAdmin;
    private final Clock clock;
    private final BooleanSupplier stopping;
    private final MeterProblems problems = new MeterProblems();
    private final Object computeLock = new Object();

    /**
     * The services are suppliers because the component's references are dynamic: each use reads the current one.
     *
     * @param eventAdmin the current EventAdmin, may supply null (no events)
     * @param stopping   true when the calculation should end at the next window
     */
    MeterCalculation(Supplier<ReadingStore> readingStore, Supplier<EmissionStore> emissionStore,
            Supplier<MeterRegistry> meterRegistry, SiteFactors factors, Supplier<EventAdmin> eventAdmin, Clock clock,
            BooleanSupplier stopping) {
        this.readingStore = readingStore;
        this.emissionStore = emissionStore;
        this.meterRegistry = meterRegistry;
        this.factors = factors;
        this.eventAdmin = eventAdmin;
        this.clock = clock;
        this.stopping = stopping;
    }

    /** Computes one meter (one meter at a time across threads), logs the outcome; never throws for a bad meter. */
    MeterRun computeSafely(String meterId) {
        try {
            MeterRun run;
            synchronized (computeLock) {
                run = compute(meterId);
            }
            problems.note(run);
            return run;
        } catch (RuntimeException e) {
            return problems.failed(meterId, e);
        }
    }

    private MeterRun compute(String meterId) {
        var meter = meterRegistry.get().meter(meterId);
        if (meter.isEmpty()) {
            return new MeterRun.Skipped(meterId, "meter '" + meterId
                    + "' is not in the meter registry (no meter configuration with this id)");
        }
        var m = meter.get();
        var latest = readingStore.get().latest(meterId, QUANTITY);
        if (latest.isEmpty()) {
            return new MeterRun.Skipped(meterId, NO_READINGS);
        }
        var newest = latest.get().timestamp();
        var lastEnd = emissionStore.get().lastIntervalEnd(meterId, METHOD);
        if (lastEnd.isPresent() && !newest.isAfter(lastEnd.get())) {
            return new MeterRun.Computed(meterId, 0, 0, Optional.empty(), Optional.empty(), 0, Optional.empty());
        }
        var firstLookup = factors.factorFor(m, newest);
        if (firstLookup.factor().isEmpty()) {
            return new MeterRun.Skipped(meterId, firstLookup.problem());
        }
        var calculator = IntervalCalculator.forMeter(m, QUANTITY);
        var computedAt = clock.instant();
        var endExclusive = newest.plusMillis(1);
        var cursor = lastEnd.isPresent() ? lastEnd.get() : firstReadingBound(meterId, newest);
        var window = FIRST_WINDOW;
        Optional<Reading> carry = Optional.empty();
        var intervals = 0;
        var stored = 0;
        var resets = 0;
        Instant from = null;
        Instant to = null;
        String incomplete = null;
        var checkedStart = lastEnd.isEmpty();
        // bounded: the cursor moves forward by at least MIN_WINDOW per pass and stops after the newest reading
        while (cursor.isBefore(endExclusive) && !stopping.getAsBoolean() && incomplete == null) {
            var windowEnd = min(cursor.plus(window), endExclusive);
            var readings = readingStore.get().readings(meterId, QUANTITY, cursor, windowEnd);
            var result = calculator.intervals(carry, readings);
            if (!checkedStart && result.last().isPresent()) {
                checkedStart = true;
                var startPoint = carry.isPresent() ? carry : result.last();
                var first = result.intervals().isEmpty() ? startPoint.get().timestamp() : result.intervals().get(0).start();
                if (!first.equals(lastEnd.get())) {
                    LOG.warn("meter '{}': no usable reading at the end of its last interval ({}); continuing from {},"
                            + " the energy in between is not counted", meterId, lastEnd.get(), first);
                }
            }
            var records = new ArrayList<EmissionRecord>(result.intervals().size());
            for (var interval : result.intervals()) {
                var lookup = factors.factorFor(m, interval.start());
                if (lookup.factor().isEmpty()) {
                    incomplete = lookup.problem() + " for the interval starting " + interval.start();
                    break;
                }
                records.add(record(interval, m.siteId(), lookup.factor().get(), computedAt));
            }
            if (!records.isEmpty()) {
                var added = emissionStore.get().store(records);
                stored += added;
                intervals += records.size();
                if (from == null) {
                    from = records.get(0).interval().start();
                }
                to = records.get(records.size() - 1).interval().end();
                if (added > 0) {
                    resets += CalculationEvents.raiseResetAlarms(eventAdmin.get(), m, records, resets);
                }
            }
            if (result.last().isPresent()) {
                carry = result.last();
            }
            cursor = windowEnd;
            window = adapt(window, readings.size());
        }
        return new MeterRun.Computed(meterId, intervals, stored, Optional.ofNullable(from), Optional.ofNullable(to),
                resets, Optional.ofNullable(incomplete));
    }

    /**
     * A time at or before the meter's first reading, found by bisection with {@link ReadingStore#latestBefore}
     * (about 25 indexed look-ups), so a first run reads from the first reading on instead of from 1970.
     */
    private Instant firstReadingBound(String meterId, Instant newest) {
        var step = START_SEARCH_STEP.toMillis();
        if (readingStore.get().latestBefore(meterId, QUANTITY, Instant.EPOCH).isPresent()) {
            LOG.warn("meter '{}' has readings before 1970-01-01; they are not used", meterId);
            return Instant.EPOCH;
        }
        var lo = 0L; // no reading before lo * step
        var hi = Math.floorDiv(newest.toEpochMilli(), step) + 1; // the newest reading is before hi * step
        for (var i = 0; i < 64 && hi - lo > 1; i++) {
            var mid = lo + (hi - lo) / 2;
            if (readingStore.get().latestBefore(meterId, QUANTITY, Instant.ofEpochMilli(mid * step)).isPresent()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Instant.ofEpochMilli(lo * step);
    }

    /**
     * {@code gramsCo2e = energy × factor}, in decimal from the shortest decimals of the two doubles (as the CSV
     * export prints them), rounded once to a double.
     */
    static EmissionRecord record(EnergyInterval interval, String siteId, EmissionFactor factor, Instant computedAt) {
        var grams = ShortestDecimal.of(interval.energy()).multiply(ShortestDecimal.of(factor.gramsCo2ePerUnit()))
                .doubleValue();
        return new EmissionRecord(interval, siteId, factor, grams, computedAt);
    }

    private static Duration adapt(Duration window, int readings) {
        if (readings > TARGET_READINGS_PER_WINDOW) {
            var half = window.dividedBy(2);
            return half.compareTo(MIN_WINDOW) < 0 ? MIN_WINDOW : half;
        }
        if (readings < TARGET_READINGS_PER_WINDOW / 4) {
            var twice = window.multipliedBy(2);
            return twice.compareTo(MAX_WINDOW) > 0 ? MAX_WINDOW : twice;
        }
        return window;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
