package org.gridprint.demo;

import java.time.Instant;
import java.util.Map;

/**
 * The simulated site at one moment: counters (kWh), the power of the last integration step (kW) and
 * voltages (V), per meter.
 */
public record SiteSnapshot(Instant simulatedTime, Map<DemoMeter, Double> energyKwh, Map<DemoMeter, Double> powerKw,
        Map<DemoMeter, Double> voltage) {

    public SiteSnapshot {
        energyKwh = Map.copyOf(energyKwh);
        powerKw = Map.copyOf(powerKw);
        voltage = Map.copyOf(voltage);
    }
}
