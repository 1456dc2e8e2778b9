package org.gridprint.demo;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;

/**
 * Noise-free load curves of the demo office building, as functions of local (site) time. Pure.
 * Occupied hours: Monday to Friday 06:00–19:00; the operations centre (AHU-2) every day 06:00–22:00.
 * The data hall's curves are in {@link DataHall}, the plant's machines in {@link Machine}, the fan coils in
 * {@link FanCoil}.
 */
public final class LoadCurves {

    private LoadCurves() {
    }

    static double hourOfDay(ZonedDateTime t) {
        return t.getHour() + t.getMinute() / 60.0 + t.getSecond() / 3600.0 + t.getNano() / 3.6e12;
    }

    static boolean weekday(ZonedDateTime t) {
        var d = t.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    /** Weekdays 06:00–19:00. */
    public static boolean occupied(ZonedDateTime t) {
        double h = hourOfDay(t);
        return weekday(t) && h >= 6 && h < 19;
    }

    /**
     * Air handling unit fan power, kW: occupied 8 kW at start-up rising to 22 kW in the early afternoon
     * and back to 8 kW at 19:00; 3 kW night and weekend setback.
     */
    public static double ahuKw(ZonedDateTime t) {
        if (!occupied(t)) {
            return 3.0;
        }
        return 8.0 + 14.0 * Math.sin(Math.PI * (hourOfDay(t) - 6.0) / 13.0);
    }

    /**
     * Outdoor dry-bulb temperature, °C: a seasonal mean (about 10 °C in late January, 26 °C in late July)
     * plus a daily swing of ±6 K (coldest 03:00, warmest 15:00).
     */
    public static double outdoorTemperatureC(ZonedDateTime t) {
        double seasonal = 18.0 - 8.0 * Math.cos(2 * Math.PI * (t.getDayOfYear() - 20) / 365.25);
        double daily = 6.0 * Math.sin(2 * Math.PI * (hourOfDay(t) - 9.0) / 24.0);
        return seasonal + daily;
    }

    /** The operations centre's hours: every day 06:00–22:00 (it also works weekends). */
    public static boolean operationsHours(ZonedDateTime t) {
        double h = hourOfDay(t);
        return h >= 6 && h < 22;
    }

    /**
     * AHU-2 (the operations centre's air handler) fan power, kW: during {@link #operationsHours} 5 kW at 06:00 rising
     * to 14 kW at 14:00 and back to 5 kW at 22:00; 2 kW night setback.
     */
    public static double ahu2Kw(ZonedDateTime t) {
        if (!operationsHours(t)) {
            return 2.0;
        }
        return 5.0 + 9.0 * Math.sin(Math.PI * (hourOfDay(t) - 6.0) / 16.0);
    }

    /**
     * Chiller electrical power, kW: 40 kW minimum (process and IT cooling), rising 7.5 kW per K above
     * 10 °C outdoors, halved above the minimum when the building is unoccupied; 40..180 kW.
     */
    public static double chillerKw(ZonedDateTime t) {
        double load = 40.0 + Math.max(0.0, outdoorTemperatureC(t) - 10.0) * 7.5;
        if (!occupied(t)) {
            load = 40.0 + (load - 40.0) * 0.5;
        }
        return Math.min(180.0, Math.max(40.0, load));
    }

    /** Lighting, kW: on 07:00–20:00 (24 kW weekdays, 6 kW weekends), 2.5 kW exit and security lighting otherwise. */
    public static double lightingKw(ZonedDateTime t) {
        double h = hourOfDay(t);
        if (h >= 7 && h < 20) {
            return weekday(t) ? 24.0 : 6.0;
        }
        return 2.5;
    }

    /**
     * Unmetered base load under the main incomer (riser plug loads, lifts, the fan coils' fans), kW: 12 kW plus 6 kW
     * when occupied — a small, positive unmetered share of the main incomer (about 6 % over a year, docs/demo-site.md).
     * It was 25 kW + 12 kW before the site gained AHU-2, the data hall and the machines.
     */
    public static double baseKw(ZonedDateTime t) {
        return 12.0 + (occupied(t) ? 6.0 : 0.0);
    }

    /** Supply voltage, V line-to-line: 480 V nominal, sagging up to 1 % in the afternoon peak. */
    public static double voltage(ZonedDateTime t) {
        return 480.0 * (1.0 - 0.005 * (1 + Math.sin(2 * Math.PI * (hourOfDay(t) - 9.0) / 24.0)));
    }

    /**
     * Natural-gas flow of the boiler plant, m³/h: space heating 1.1 m³/h per K below 16 °C outdoors (half of it when
     * unoccupied: night setback) plus 0.8 m³/h of domestic hot water while occupied. About 0..25 m³/h.
     */
    public static double gasM3PerHour(ZonedDateTime t) {
        double heating = 1.1 * Math.max(0.0, 16.0 - outdoorTemperatureC(t));
        return occupied(t) ? heating + 0.8 : heating * 0.5;
    }
}
