package org.gridprint.demo;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Settings of the demo site.
 *
 * @param updateInterval how often (real time) the simulation advances and the registers are rewritten
 */
public record DemoSettings(String host, int port, int unitId, double speedup, long seed, ZoneId zone,
        Duration updateInterval) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 15020;
    public static final String DEFAULT_ZONE = "America/New_York";

    public DemoSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("org.gridprint.demo: port = " + port + ": expected 1..65535");
        }
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException("org.gridprint.demo: unitId = " + unitId + ": expected 0..255");
        }
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("org.gridprint.demo: speedup = " + speedup
                    + ": expected a positive number (1 = real time)");
        }
        if (updateInterval.isNegative() || updateInterval.isZero()) {
            throw new IllegalArgumentException("org.gridprint.demo: updateIntervalMillis = "
                    + updateInterval.toMillis() + ": expected a positive number of milliseconds");
        }
    }
}
