package org.gridprint.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.IntervalFlag;
import org.junit.jupiter.api.Test;

class IntervalCalculatorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(15);
    /** A uint32 counter in Wh wraps at 2^32 Wh. */
    private static final double UINT32_WH_IN_KWH = 4_294_967.296;
    private static final String METER = "hq/b1/panel-3/ahu-2";

    private final IntervalCalculator calc = new IntervalCalculator(METER, Quantity.ACTIVE_ENERGY_IMPORT, 0);

    private static Reading at(int step, double kWh) {
        return at(step, kWh, Quality.GOOD);
    }

    private static Reading at(int step, double kWh, Quality quality) {
        return new Reading(METER, Quantity.ACTIVE_ENERGY_IMPORT, T0.plus(STEP.multipliedBy(step)), kWh, quality, "test");
    }

    @Test
    void consecutiveReadingsGiveDifferences() {
        var result = calc.intervals(Optional.empty(), List.of(at(0, 1234.5), at(1, 1234.6), at(2, 1240.1)));

        assertEquals(2, result.intervals().size());
        var first = result.intervals().get(0);
        assertEquals(T0, first.start());
        assertEquals(T0.plus(STEP), first.end());
        assertEquals(1234.5, first.startCounter());
        assertEquals(1234.6, first.endCounter());
        assertEquals(0.1, first.energy(), 0.0, "decimal difference, no binary noise");
        assertEquals(Quality.GOOD, first.quality());
        assertEquals(Set.of(), first.flags());
        assertEquals(5.5, result.intervals().get(1).energy(), 0.0);
        assertEquals(Optional.of(at(2, 1240.1)), result.last());
    }

    @Test
    void zeroConsumptionIsAZeroInterval() {
        var result = calc.intervals(Optional.empty(), List.of(at(0, 50), at(1, 50), at(2, 50)));

        assertEquals(List.of(0.0, 0.0), energies(result.intervals()));
        assertTrue(result.intervals().stream().allMatch(i -> i.flags().isEmpty() && i.quality() == Quality.GOOD));
    }

    @Test
    void uint32WattHourCounterRollsOver() {
        var wrapping = new IntervalCalculator(METER, Quantity.ACTIVE_ENERGY_IMPORT, UINT32_WH_IN_KWH);

        var result = wrapping.intervals(Optional.empty(), List.of(at(0, 4_294_966.0), at(1, 4_294_967.0), at(2, 0.704),
                at(3, 2.704)));

        assertEquals(List.of(1.0, 1.0, 2.0), energies(result.intervals()));
        var wrap = result.intervals().get(1);
        assertEquals(Set.of(IntervalFlag.ROLLOVER), wrap.flags());
        assertEquals(Quality.GOOD, wrap.quality());
        assertEquals(4_294_967.0, wrap.startCounter());
        assertEquals(0.704, wrap.endCounter());
    }

    @Test
    void dropWithoutKnownRolloverIsAReset() {
        var result = calc.intervals(Optional.empty(), List.of(at(0, 5000), at(1, 5002), at(2, 3), at(3, 4)));

        assertEquals(List.of(2.0, 3.0, 1.0), energies(result.intervals()));
        var reset = result.intervals().get(1);
        assertEquals(Set.of(IntervalFlag.COUNTER_RESET), reset.flags());
        assertEquals(Quality.SUSPECT, reset.quality());
        assertEquals(Quality.GOOD, result.intervals().get(2).quality());
    }

    @Test
    void dropThatDoesNotLookLikeAWrapIsAResetEvenWithAKnownRollover() {
        var wrapping = new IntervalCalculator(METER, Quantity.ACTIVE_ENERGY_IMPORT, UINT32_WH_IN_KWH);

        // start in the lower half of the range
        var low = wrapping.intervals(Optional.empty(), List.of(at(0, 1000), at(1, 5)));
        // start in the upper half, but the wrap would mean 1.29 million kWh in 15 minutes
        var huge = wrapping.intervals(Optional.empty(), List.of(at(0, 3_000_000), at(1, 0)));
        // a counter above its own rollover value
        var above = wrapping.intervals(Optional.empty(), List.of(at(0, 5_000_000), at(1, 1)));

        for (var result : List.of(low, huge, above)) {
            var i = result.intervals().get(0);
            assertEquals(Set.of(IntervalFlag.COUNTER_RESET), i.flags());
            assertEquals(i.endCounter(), i.energy(), 0.0);
            assertEquals(Quality.SUSPECT, i.quality());
        }
    }

    @Test
    void smallDropIsACounterDropWithNoEnergyNotAReset() {
        // review scenario: jitter of 0.01 kWh backwards on a 25 GWh counter with a known (uint32 centi-kWh) rollover
        var wrapping = new IntervalCalculator(METER, Quantity.ACTIVE_ENERGY_IMPORT, 42_949_672.96);

        var result = wrapping.intervals(Optional.empty(),
                List.of(at(0, 25_000_000.00), at(1, 24_999_999.99), at(2, 25_000_000.10)));

        var drop = result.intervals().get(0);
        assertEquals(0.0, drop.energy(), 0.0, "not the whole counter value");
        assertEquals(Set.of(IntervalFlag.COUNTER_DROP), drop.flags());
        assertEquals(Quality.SUSPECT, drop.quality());
        var next = result.intervals().get(1);
        assertEquals(0.11, next.energy(), 0.0, "the next interval starts from the lower value");
        assertEquals(Set.of(), next.flags());
        assertEquals(Quality.GOOD, next.quality());
        assertEquals(0.11, energies(result.intervals()).stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    }

    @Test
    void resetNeedsTheNewValueAtMostTenPercentOfTheOld() {
        var atLimit = calc.intervals(Optional.empty(), List.of(at(0, 1000), at(1, 100)));
        var aboveLimit = calc.intervals(Optional.empty(), List.of(at(0, 1000), at(1, 100.5)));

        assertEquals(Set.of(IntervalFlag.COUNTER_RESET), atLimit.intervals().get(0).flags());
        assertEquals(100.0, atLimit.intervals().get(0).energy(), 0.0);
        assertEquals(Set.of(IntervalFlag.COUNTER_DROP), aboveLimit.intervals().get(0).flags());
        assertEquals(0.0, aboveLimit.intervals().get(0).energy(), 0.0);
        assertEquals(Quality.SUSPECT, aboveLimit.intervals().get(0).quality());
        var degraded = calc.intervals(Optional.empty(), List.of(at(0, 1000, Quality.ESTIMATED), at(1, 999)));
        assertEquals(Set.of(IntervalFlag.COUNTER_DROP, IntervalFlag.DEGRADED_INPUT), degraded.intervals().get(0).flags());
        assertEquals(Quality.SUSPECT, degraded.intervals().get(0).quality());
    }

    @Test
    void outOfOrderInputIsSorted() {
        var ordered = List.of(at(0, 10), at(1, 12), at(2, 15), at(3, 15.5), at(4, 20));
        var shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new Random(7));

        var result = calc.intervals(Optional.empty(), shuffled);

        assertEquals(calc.intervals(Optional.empty(), ordered), result);
        assertEquals(List.of(2.0, 3.0, 0.5, 4.5), energies(result.intervals()));
        for (var k = 1; k < result.intervals().size(); k++) {
            assertEquals(result.intervals().get(k - 1).end(), result.intervals().get(k).start());
        }
    }

    @Test
    void badReadingIsSkipped() {
        var result = calc.intervals(Optional.empty(), List.of(at(0, 100), at(1, 99_999, Quality.BAD), at(2, 102)));

        assertEquals(1, result.intervals().size());
        var i = result.intervals().get(0);
        assertEquals(T0, i.start());
        assertEquals(T0.plus(STEP.multipliedBy(2)), i.end());
        assertEquals(2.0, i.energy(), 0.0);
        assertEquals(Quality.GOOD, i.quality());
        assertEquals(1, result.skipped());
    }

    @Test
    void nonGoodInputDegradesTheInterval() {
        var result = calc.intervals(Optional.empty(), List.of(at(0, 1), at(1, 2, Quality.ESTIMATED), at(2, 3)));

        for (var i : result.intervals()) {
            assertEquals(Quality.ESTIMATED, i.quality());
            assertEquals(Set.of(IntervalFlag.DEGRADED_INPUT), i.flags());
        }
        var suspectReset = calc.intervals(Optional.empty(), List.of(at(0, 90, Quality.ESTIMATED), at(1, 2)));
        assertEquals(Set.of(IntervalFlag.DEGRADED_INPUT, IntervalFlag.COUNTER_RESET), suspectReset.intervals().get(0).flags());
        assertEquals(Quality.SUSPECT, suspectReset.intervals().get(0).quality());
    }

    @Test
    void previousReadingStartsTheFirstIntervalAndEqualTimestampsAreSkipped() {
        var result = calc.intervals(Optional.of(at(0, 10)), List.of(at(0, 10), at(1, 11), at(1, 11), at(2, 13)));

        assertEquals(List.of(1.0, 2.0), energies(result.intervals()));
        assertEquals(T0, result.intervals().get(0).start());
        assertEquals(2, result.skipped());
    }

    @Test
    void nothingOrOneReadingGivesNoInterval() {
        assertEquals(0, calc.intervals(Optional.empty(), List.of()).intervals().size());
        assertEquals(Optional.empty(), calc.intervals(Optional.empty(), List.of()).last());
        var one = calc.intervals(Optional.empty(), List.of(at(3, 7)));
        assertEquals(0, one.intervals().size());
        assertEquals(Optional.of(at(3, 7)), one.last());
    }

    @Test
    void negativeOrNonFiniteCounterValuesAreSkipped() {
        var result = calc.intervals(Optional.empty(), List.of(at(0, 5), at(1, -3), at(2, Double.NaN), at(3, 6)));

        assertEquals(List.of(1.0), energies(result.intervals()));
        assertEquals(2, result.skipped());
    }

    @Test
    void energyIsNeverNegative() {
        var random = new Random(42);
        var wrapping = new IntervalCalculator(METER, Quantity.ACTIVE_ENERGY_IMPORT, 65_536);
        for (var run = 0; run < 200; run++) {
            var readings = new ArrayList<Reading>();
            for (var k = 0; k < 50; k++) {
                readings.add(at(random.nextInt(60), random.nextDouble() * 70_000));
            }
            for (var i : wrapping.intervals(Optional.empty(), readings).intervals()) {
                assertTrue(i.energy() >= 0, i.toString());
                assertTrue(i.end().isAfter(i.start()), i.toString());
            }
        }
    }

    @Test
    void readingsOfAnotherMeterAreRefused() {
        var other = new Reading("other", Quantity.ACTIVE_ENERGY_IMPORT, T0, 1, Quality.GOOD, "test");
        var e = assertThrows(IllegalArgumentException.class, () -> calc.intervals(Optional.empty(), List.of(other)));
        assertTrue(e.getMessage().contains("other") && e.getMessage().contains(METER), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IntervalCalculator(METER, Quantity.ACTIVE_POWER, 0));
        assertThrows(IllegalArgumentException.class, () -> new IntervalCalculator(METER, Quantity.ACTIVE_ENERGY_IMPORT, -1));
    }

    private static List<Double> energies(List<EnergyInterval> intervals) {
        return intervals.stream().map(EnergyInterval::energy).toList();
    }
}
