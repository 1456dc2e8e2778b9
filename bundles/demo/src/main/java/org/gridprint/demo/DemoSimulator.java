package org.gridprint.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Simulates the demo building: advances simulated time (real elapsed time × speedup), integrates each
 * meter's power into its energy counter in steps of at most one simulated minute, with a little noise
 * from a seeded {@link Random} (deterministic for a given seed and sequence of {@link #advanceTo} calls).
 * The main meter measures the three submeters plus an unmetered base load. Pure apart from the Random.
 */
public final class DemoSimulator {

    /** Longest simulated integration step. */
    static final Duration MAX_STEP = Duration.ofMinutes(1);

    private final ZoneId zone;
    private final double speedup;
    private final Random random;
    private final EnumMap<DemoMeter, Double> energy = new EnumMap<>(DemoMeter.class);
    private final EnumMap<DemoMeter, Double> power = new EnumMap<>(DemoMeter.class);
    private final EnumMap<DemoMeter, Double> voltage = new EnumMap<>(DemoMeter.class);
    private Instant lastReal;
    private Instant simulated;

    /**
     * @param start    real time of the start; simulated time starts there too
     * @param counters initial counter values (kWh); meters not given start from {@link DemoMeter#initialKwh()}
     */
    public DemoSimulator(Instant start, ZoneId zone, double speedup, long seed, Map<DemoMeter, Double> counters) {
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("speedup must be a positive number, was " + speedup);
        }
        this.zone = zone;
        this.speedup = speedup;
        this.random = new Random(seed);
        this.lastReal = start;
        this.simulated = start;
        for (var m : DemoMeter.values()) {
            energy.put(m, counters.getOrDefault(m, m.initialKwh()));
        }
        computePower(start, Duration.ZERO);
    }

    /** Advances to the real time {@code now}; going back in time is ignored. */
    public synchronized SiteSnapshot advanceTo(Instant now) {
        if (now.isAfter(lastReal)) {
            long realNanos = Duration.between(lastReal, now).toNanos();
            var remaining = Duration.ofNanos(Math.round(realNanos * speedup));
            lastReal = now;
            while (remaining.compareTo(Duration.ZERO) > 0) {
                var step = remaining.compareTo(MAX_STEP) > 0 ? MAX_STEP : remaining;
                var mid = simulated.plus(step.dividedBy(2));
                computePower(mid, step);
                double hours = step.toNanos() / 3.6e12;
                for (var m : DemoMeter.values()) {
                    energy.merge(m, power.get(m) * hours, Double::sum);
                }
                simulated = simulated.plus(step);
                remaining = remaining.minus(step);
            }
        }
        return snapshot();
    }

    public synchronized SiteSnapshot snapshot() {
        return new SiteSnapshot(simulated, energy, power, voltage);
    }

    /** Sets the power (and voltages) of the step centred on {@code t}. */
    private void computePower(Instant t, Duration step) {
        var local = t.atZone(zone);
        double ahu = noisy(LoadCurves.ahuKw(local), 0.02);
        double chiller = noisy(LoadCurves.chillerKw(local), 0.03);
        double lighting = noisy(LoadCurves.lightingKw(local), 0.005);
        double base = noisy(LoadCurves.baseKw(local), 0.03);
        power.put(DemoMeter.AHU_1, ahu);
        power.put(DemoMeter.CHILLER_1, chiller);
        power.put(DemoMeter.LIGHTING, lighting);
        power.put(DemoMeter.MAIN, ahu + chiller + lighting + base);
        double supply = LoadCurves.voltage(local) + random.nextGaussian() * 0.4;
        for (var m : DemoMeter.values()) {
            voltage.put(m, supply + m.voltageDrop());
        }
    }

    private double noisy(double kw, double relativeSigma) {
        return Math.max(0.0, kw * (1.0 + relativeSigma * random.nextGaussian()));
    }
}
