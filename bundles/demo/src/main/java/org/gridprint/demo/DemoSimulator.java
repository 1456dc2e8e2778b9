package org.gridprint.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Simulates the demo site's electricity meters: advances simulated time (real elapsed time × speedup), integrates
 * each meter's power into its energy counter in steps of at most one simulated minute, with a little noise from
 * seeded {@link Random}s (deterministic for a given seed and sequence of {@link #advanceTo} calls). A parent meter
 * measures what its children measure plus an unmetered part: the main incomer = its seven submeters + the building's
 * unmetered base load ({@link LoadCurves#baseKw}); the data hall's facility meter = PDU A + CRAC-1 + UPS losses,
 * lighting and controls ({@link DataHall#unmeteredKw}). The four meters of the original panel draw their noise from
 * the first Random exactly as before the data hall, AHU-2 and the machines were added (their values did not change);
 * those draw from a second Random of their own. Pure apart from the Randoms.
 */
public final class DemoSimulator {

    /** Longest simulated integration step. */
    static final Duration MAX_STEP = Duration.ofMinutes(1);
    private static final List<DemoMeter> MAIN_CHILDREN = DemoMeter.MAIN.children();

    private final ZoneId zone;
    private final double speedup;
    private final Random random;
    /** Noise of the meters added after the first panel (AHU-2, data hall, machines). */
    private final Random addedRandom;
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
        this.addedRandom = new Random(seed ^ 0x3C1D_77E5_0B12_9A4FL);
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
        // the original panel's draws, in their original order
        double ahu = noisy(random, LoadCurves.ahuKw(local), 0.02);
        double chiller = noisy(random, LoadCurves.chillerKw(local), 0.03);
        double lighting = noisy(random, LoadCurves.lightingKw(local), 0.005);
        double base = noisy(random, LoadCurves.baseKw(local), 0.03);
        double supply = LoadCurves.voltage(local) + random.nextGaussian() * 0.4;
        // the meters added since, from a Random of their own
        double ahu2 = noisy(addedRandom, LoadCurves.ahu2Kw(local), 0.02);
        double it = noisy(addedRandom, DataHall.itKw(local), 0.015);
        double crac = noisy(addedRandom, it * DataHall.cracRatio(local), 0.03);
        double press = noisy(addedRandom, Machine.PRESS_1.kw(t), Machine.PRESS_1.running(t) ? 0.04 : 0.02);
        double cnc = noisy(addedRandom, Machine.CNC_2.kw(t), Machine.CNC_2.running(t) ? 0.05 : 0.02);
        power.put(DemoMeter.AHU_1, ahu);
        power.put(DemoMeter.CHILLER_1, chiller);
        power.put(DemoMeter.LIGHTING, lighting);
        power.put(DemoMeter.AHU_2, ahu2);
        power.put(DemoMeter.PDU_A, it);
        power.put(DemoMeter.CRAC_1, crac);
        power.put(DemoMeter.DC_FACILITY, it + crac + DataHall.unmeteredKw(it));
        power.put(DemoMeter.PRESS_1, press);
        power.put(DemoMeter.CNC_2, cnc);
        double main = base;
        for (var child : MAIN_CHILDREN) {
            main += power.get(child);
        }
        power.put(DemoMeter.MAIN, main);
        for (var m : DemoMeter.values()) {
            voltage.put(m, supply + m.voltageDrop());
        }
    }

    private static double noisy(Random random, double kw, double relativeSigma) {
        return Math.max(0.0, kw * (1.0 + relativeSigma * random.nextGaussian()));
    }
}
