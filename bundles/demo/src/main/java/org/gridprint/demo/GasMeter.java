package org.gridprint.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;

/**
 * The demo building's natural-gas meter ({@value #METER_ID}, Scope 1): integrates the boiler plant's flow
 * ({@link LoadCurves#gasM3PerHour}, ±3 % noise from a Random of its own, so the electricity meters' noise sequence is
 * unchanged) into a volume counter in m³, in steps of at most one simulated minute. It follows the simulated time of
 * the {@link DemoSimulator}. Served at unit {@value #UNIT_ID}: holding 0..1 the counter (uint32, high word first,
 * 0.01 m³), holding 2..3 the flow (float32, m³/h).
 */
public final class GasMeter {

    public static final String METER_ID = "demo/hq/boiler-gas";
    public static final int UNIT_ID = 15;
    /** Counter value when the demo runs for the first time, m³. */
    public static final double INITIAL_M3 = 183_402.55;

    private final ZoneId zone;
    private final Random random;
    private Instant simulated;
    private double volumeM3;
    private double flowM3PerHour;

    public GasMeter(Instant start, ZoneId zone, long seed, double initialM3) {
        this.zone = zone;
        this.random = new Random(seed ^ 0x6A5F_2B41L);
        this.simulated = start;
        this.volumeM3 = initialM3;
        this.flowM3PerHour = LoadCurves.gasM3PerHour(start.atZone(zone));
    }

    /** Integrates up to the simulated time {@code t}; going back is ignored. */
    public synchronized void advanceTo(Instant t) {
        while (simulated.isBefore(t)) {
            var step = Duration.between(simulated, t);
            if (step.compareTo(DemoSimulator.MAX_STEP) > 0) {
                step = DemoSimulator.MAX_STEP;
            }
            var mid = simulated.plus(step.dividedBy(2));
            flowM3PerHour = Math.max(0.0, LoadCurves.gasM3PerHour(mid.atZone(zone))
                    * (1.0 + 0.03 * random.nextGaussian()));
            volumeM3 += flowM3PerHour * step.toNanos() / 3.6e12;
            simulated = simulated.plus(step);
        }
    }

    public synchronized double volumeM3() {
        return volumeM3;
    }

    public synchronized double flowM3PerHour() {
        return flowM3PerHour;
    }
}
