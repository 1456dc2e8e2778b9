package org.gridprint.allocation.bills;

import java.util.Locale;

/**
 * The layouts of meter log files (UPS/PDU CSV exports) that {@code importMeterLog} reads.
 * <ul>
 * <li>{@link #GENERIC}: one reading per line, header {@code meter,timestamp,quantity,value[,unit]}</li>
 * <li>{@link #WIDE}: one line per time, one column per meter point, header
 * {@code timestamp,<meter>|<QUANTITY>[|<unit>],...}, e.g. {@code timestamp,dc/pdu-a1|ACTIVE_ENERGY_IMPORT|Wh}: the
 * shape of the periodic energy logs that PDUs and UPSs export (one row per logging interval, one column per outlet
 * or input), with the column headers renamed to the Gridprint meter ids</li>
 * </ul>
 */
enum MeterLogFormat {
    GENERIC, WIDE;

    static final String EXPECTED = "generic (meter,timestamp,quantity,value[,unit]) or wide"
            + " (timestamp,<meter>|<QUANTITY>[|<unit>],...)";

    /** Parses a format name; null or blank is GENERIC. */
    static MeterLogFormat parse(String name) {
        if (name == null || name.isBlank()) {
            return GENERIC;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("meter log format '" + name + "'; expected " + EXPECTED);
        }
    }
}
