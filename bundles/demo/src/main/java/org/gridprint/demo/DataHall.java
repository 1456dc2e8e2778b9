package org.gridprint.demo;

import java.time.ZonedDateTime;

/**
 * Noise-free curves of the demo's data hall (site time). Pure. The hall's incomer {@code demo/dc/facility} measures
 * the IT load on PDU A ({@code demo/dc/pdu-a}, tenant Northwind Cloud), the CRAC unit ({@code demo/dc/crac-1}) and an
 * unmetered part: UPS and distribution losses plus the hall's lighting and controls ({@link #unmeteredKw}). So the
 * facility energy always exceeds the IT energy: PUE = facility / IT = 1.05 + {@link #cracRatio} + 2 kW / IT, about
 * 1.36 on winter nights to 1.68 on summer afternoons.
 */
public final class DataHall {

    /** UPS and distribution losses, as a share of the IT load. */
    public static final double LOSS_SHARE = 0.05;
    /** Fixed UPS losses (no-load), kW. */
    public static final double UPS_NO_LOAD_KW = 1.2;
    /** The hall's lighting, access control and monitoring, kW. */
    public static final double LIGHTING_AND_CONTROLS_KW = 0.8;

    private DataHall() {
    }

    /** IT load of tenant Northwind Cloud on PDU A, kW: 36 kW ± 4 kW, highest at 16:00, lowest at 04:00. */
    public static double itKw(ZonedDateTime t) {
        return 36.0 + 4.0 * Math.sin(2 * Math.PI * (LoadCurves.hourOfDay(t) - 10.0) / 24.0);
    }

    /**
     * CRAC electrical power per kW of IT load: 0.25 up to 10 °C outdoors, plus 0.015 per K above (the condensers
     * reject heat less easily when it is warm); 0.25..0.58 over the demo's outdoor temperature range.
     */
    public static double cracRatio(ZonedDateTime t) {
        return 0.25 + 0.015 * Math.max(0.0, LoadCurves.outdoorTemperatureC(t) - 10.0);
    }

    /** What the facility meter measures beyond PDU A and CRAC-1, kW: 5 % of the IT load + 1.2 kW + 0.8 kW. */
    public static double unmeteredKw(double itKw) {
        return LOSS_SHARE * itKw + UPS_NO_LOAD_KW + LIGHTING_AND_CONTROLS_KW;
    }
}
