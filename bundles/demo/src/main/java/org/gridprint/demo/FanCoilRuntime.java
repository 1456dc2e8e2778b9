package org.gridprint.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The running-hours counter of one {@link FanCoil}: counts exactly the time its fan runs. The fan runs from the
 * start of each 15-minute cycle (aligned to UTC quarter hours) for {@code duty × 15 min}, the duty taken at the
 * cycle's start; the counter advances by the overlap of those running intervals with the simulated time that passed.
 * No noise: the counter is a function of the fan coil's duty curve and the clock alone. It follows the simulated time
 * of the {@link DemoSimulator}.
 */
public final class FanCoilRuntime {

    /** Length of one thermostat cycle. */
    public static final Duration CYCLE = Duration.ofMinutes(15);
    private static final long CYCLE_NANOS = CYCLE.toNanos();
    private static final long NANOS_PER_HOUR = 3_600_000_000_000L;
    /** Resolution of the register: 0.001 h = 3.6 s. */
    private static final long NANOS_PER_MILLI_HOUR = 3_600_000_000L;

    private final FanCoil unit;
    private final ZoneId zone;
    private Instant simulated;
    /** The counter in nanoseconds of running time: exact, so the register never loses a 0.001 h to rounding. */
    private long runningNanos;

    public FanCoilRuntime(FanCoil unit, Instant start, ZoneId zone, double initialHours) {
        this.unit = unit;
        this.zone = zone;
        this.simulated = start;
        this.runningNanos = Math.round(initialHours * NANOS_PER_HOUR);
    }

    public FanCoil unit() {
        return unit;
    }

    /** Counts the running time up to the simulated time {@code t}; going back is ignored. */
    public synchronized void advanceTo(Instant t) {
        if (t.isAfter(simulated)) {
            runningNanos += runningNanos(simulated, t);
            simulated = t;
        }
    }

    /** The counter, running hours. */
    public synchronized double hours() {
        return runningNanos / (double) NANOS_PER_HOUR;
    }

    /** The counter in whole thousandths of an hour (what the register holds), rounded down. */
    public synchronized long milliHours() {
        return runningNanos / NANOS_PER_MILLI_HOUR;
    }

    /** True if the fan runs at the counter's simulated time. */
    public synchronized boolean running() {
        return runningAt(simulated);
    }

    /** The duty of the cycle the counter's simulated time lies in, 0..1. */
    public synchronized double duty() {
        return dutyOfCycle(cycleStart(simulated));
    }

    /** True if the fan runs at {@code t}. */
    boolean runningAt(Instant t) {
        var cs = cycleStart(t);
        return Duration.between(cs, t).toNanos() < onNanos(cs);
    }

    /** Nanoseconds of running time in [from, to): the overlap of each cycle's running interval with it. */
    long runningNanos(Instant from, Instant to) {
        long total = 0;
        for (var cs = cycleStart(from); cs.isBefore(to); cs = cs.plusNanos(CYCLE_NANOS)) {
            var onEnd = cs.plusNanos(onNanos(cs));
            var a = cs.isAfter(from) ? cs : from;
            var b = onEnd.isBefore(to) ? onEnd : to;
            if (b.isAfter(a)) {
                total += Duration.between(a, b).toNanos();
            }
        }
        return total;
    }

    private double dutyOfCycle(Instant cycleStart) {
        return unit.duty(cycleStart.atZone(zone));
    }

    private long onNanos(Instant cycleStart) {
        return Math.round(dutyOfCycle(cycleStart) * CYCLE_NANOS);
    }

    /** Start of the 15-minute cycle containing {@code t} (UTC quarter hours; also quarter hours in the site zone). */
    static Instant cycleStart(Instant t) {
        long seconds = CYCLE.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), seconds) * seconds);
    }
}
