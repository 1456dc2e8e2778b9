package org.gridprint.demo;

import java.time.ZonedDateTime;

/**
 * The two fan-coil units on the shared chiller's chilled-water loop whose running hours split the chiller by
 * runtime. Each cycles on a thermostat duty: in every 15-minute cycle the fan runs for the first {@code duty × 15}
 * minutes, the duty set at the cycle's start from the outdoor temperature (site time). Pure.
 * Served at a unit id of their own (profile {@code gridprint-demo-fcu}): holding 0..1 running hours uint32 in
 * 0.001 h (high word first), holding 2 fan status (1 running, 0 stopped), holding 3 the cycle's duty in %.
 */
public enum FanCoil {
    /**
     * Finance offices (3rd floor): weekdays 07:00–18:00, duty 0.40 + 0.04 per K above 10 °C outdoors (1.00 from
     * 25 °C); off otherwise.
     */
    FINANCE("demo/hq/fcu-finance", 22, 12_406.25),
    /**
     * Operations centre (2nd floor): every day 06:00–22:00 duty 0.55 + 0.03 per K above 10 °C outdoors (1.00 from
     * 25 °C); 0.25 at night (the control room is kept cool around the clock).
     */
    OPERATIONS("demo/hq/fcu-operations", 23, 31_877.5);

    private final String meterId;
    private final int unitId;
    private final double initialHours;

    FanCoil(String meterId, int unitId, double initialHours) {
        this.meterId = meterId;
        this.unitId = unitId;
        this.initialHours = initialHours;
    }

    public String meterId() {
        return meterId;
    }

    public int unitId() {
        return unitId;
    }

    /** Running hours when the demo runs for the first time. */
    public double initialHours() {
        return initialHours;
    }

    /** Share of a 15-minute cycle the fan runs, 0..1, for a cycle starting at {@code t} (site time). */
    public double duty(ZonedDateTime t) {
        double above10 = Math.max(0.0, LoadCurves.outdoorTemperatureC(t) - 10.0);
        return switch (this) {
            case FINANCE -> {
                double h = LoadCurves.hourOfDay(t);
                yield LoadCurves.weekday(t) && h >= 7 && h < 18 ? Math.min(1.0, 0.40 + 0.04 * above10) : 0.0;
            }
            case OPERATIONS -> LoadCurves.operationsHours(t) ? Math.min(1.0, 0.55 + 0.03 * above10) : 0.25;
        };
    }
}
