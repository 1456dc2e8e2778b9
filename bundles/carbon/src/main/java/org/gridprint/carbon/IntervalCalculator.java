package org.gridprint.carbon;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.IntervalFlag;
import org.gridprint.api.carbon.ShortestDecimal;

/**
 * Turns readings of one meter's cumulative counter into energy intervals between consecutive readings.
 * Pure: no clock, no I/O, no state between calls.
 *
 * <ul>
 * <li>{@code end >= start}: energy = end − start.</li>
 * <li>{@code end < start} and the drop looks like a wrap of a counter with a known rollover value R
 * ({@code start} in the upper half of the range, {@code end} in the lower half and the wrapped energy
 * {@code R − start + end} at most a quarter of the range): energy = R − start + end, flag ROLLOVER.</li>
 * <li>any other drop to near zero ({@code end <= }{@value #RESET_MAX_SHARE}{@code × start}, i.e. the new value
 * is at most 10 % of the old one) is a reset to zero: energy = end (counted since the reset), flag COUNTER_RESET,
 * quality at least SUSPECT.</li>
 * <li>any other drop (e.g. jitter 25000000.00 → 24999999.99, a glitch, a swapped meter) is neither: energy 0,
 * flag COUNTER_DROP, quality at least SUSPECT. Booking it as a reset would count the whole counter value as the
 * interval's energy.</li>
 * </ul>
 * Differences are taken in decimal ({@link ShortestDecimal#of(double)}) and rounded once to the nearest double,
 * so {@code end − start} recomputed from the printed counter values gives the printed energy.
 * Readings that are BAD, not finite or negative are skipped; readings with the same timestamp as an earlier
 * one are skipped; the input may be in any order. An interval from a non-GOOD reading gets DEGRADED_INPUT
 * and the worse of the two qualities. Energy is never negative.
 */
public final class IntervalCalculator {

    /** The largest share of the counter range that one wrapped interval may cover to count as a rollover. */
    static final double MAX_WRAP_SHARE = 0.25;
    /**
     * A drop that is not a rollover counts as a reset to zero only when the new value is at most this share of
     * the old one ({@code end <= RESET_MAX_SHARE × start}); a smaller drop is a COUNTER_DROP with no energy.
     */
    static final double RESET_MAX_SHARE = 0.10;

    private final String meterId;
    private final Quantity quantity;
    private final double counterRollover;

    /**
     * @param counterRollover value at which the counter wraps to zero (canonical unit); 0 if unknown, then
     *                        every drop is a reset
     */
    public IntervalCalculator(String meterId, Quantity quantity, double counterRollover) {
        this.meterId = Objects.requireNonNull(meterId, "meterId");
        this.quantity = Objects.requireNonNull(quantity, "quantity");
        if (!quantity.cumulative()) {
            throw new IllegalArgumentException("intervals of meter " + meterId + " need a cumulative quantity, "
                    + quantity + " is not one");
        }
        if (!(counterRollover >= 0) || Double.isInfinite(counterRollover)) {
            throw new IllegalArgumentException("counterRollover of meter " + meterId
                    + " must be a finite number >= 0 (0 = unknown), was " + counterRollover);
        }
        this.counterRollover = counterRollover;
    }

    public static IntervalCalculator forMeter(Meter meter, Quantity quantity) {
        return new IntervalCalculator(meter.id(), quantity, meter.counterRollover());
    }

    /**
     * @param previous the reading before {@code readings} (the start of the first interval), if known
     * @param readings readings of this calculator's meter and quantity, any order
     */
    public Result intervals(Optional<Reading> previous, List<Reading> readings) {
        var usable = new ArrayList<Reading>(readings.size() + 1);
        var skipped = 0;
        var all = new ArrayList<Reading>(readings.size() + 1);
        previous.ifPresent(all::add);
        all.addAll(readings);
        for (var r : all) {
            if (!r.meterId().equals(meterId) || r.quantity() != quantity) {
                throw new IllegalArgumentException("reading of " + r.meterId() + "/" + r.quantity()
                        + " given to the interval calculator of " + meterId + "/" + quantity);
            }
            if (usable(r)) {
                usable.add(r);
            } else {
                skipped++;
            }
        }
        // stable: on equal timestamps the earlier element (the previous reading first) is kept
        usable.sort(Comparator.comparing(Reading::timestamp));
        var intervals = new ArrayList<EnergyInterval>(usable.size());
        Reading last = null;
        for (var r : usable) {
            if (last != null && !r.timestamp().isAfter(last.timestamp())) {
                skipped++;
                continue;
            }
            if (last != null) {
                intervals.add(between(last, r));
            }
            last = r;
        }
        return new Result(intervals, Optional.ofNullable(last), skipped);
    }

    private static boolean usable(Reading r) {
        return r.quality() != Quality.BAD && Double.isFinite(r.value()) && r.value() >= 0;
    }

    private EnergyInterval between(Reading a, Reading b) {
        var flags = EnumSet.noneOf(IntervalFlag.class);
        var quality = a.quality().worst(b.quality());
        if (quality != Quality.GOOD) {
            flags.add(IntervalFlag.DEGRADED_INPUT);
        }
        var start = ShortestDecimal.of(a.value());
        var end = ShortestDecimal.of(b.value());
        double energy;
        if (b.value() >= a.value()) {
            energy = end.subtract(start).doubleValue();
        } else if (isWrap(a.value(), b.value())) {
            energy = ShortestDecimal.of(counterRollover).subtract(start).add(end).doubleValue();
            flags.add(IntervalFlag.ROLLOVER);
        } else if (isReset(a.value(), b.value())) {
            energy = b.value();
            flags.add(IntervalFlag.COUNTER_RESET);
            quality = quality.worst(Quality.SUSPECT);
        } else {
            energy = 0.0;
            flags.add(IntervalFlag.COUNTER_DROP);
            quality = quality.worst(Quality.SUSPECT);
        }
        return new EnergyInterval(meterId, quantity, a.timestamp(), b.timestamp(), a.value(), b.value(),
                Math.max(0.0, energy), quality, flags);
    }

    /** A drop to near zero: the new value at most {@link #RESET_MAX_SHARE} of the old one. */
    static boolean isReset(double start, double end) {
        return end <= start * RESET_MAX_SHARE;
    }

    private boolean isWrap(double start, double end) {
        if (counterRollover <= 0 || start > counterRollover) {
            return false;
        }
        var half = counterRollover / 2;
        var wrapped = counterRollover - start + end;
        return start > half && end < half && wrapped <= counterRollover * MAX_WRAP_SHARE;
    }

    /**
     * @param intervals in time order
     * @param last      the last usable reading (the start of the next interval), empty if there was none
     * @param skipped   readings not used: BAD, not finite, negative or a repeated timestamp
     */
    public record Result(List<EnergyInterval> intervals, Optional<Reading> last, int skipped) {
        public Result {
            intervals = List.copyOf(intervals);
        }
    }
}
