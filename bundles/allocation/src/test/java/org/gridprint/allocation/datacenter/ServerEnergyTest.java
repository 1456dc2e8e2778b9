package org.gridprint.allocation.datacenter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.allocation.ServerPowerModel;
import org.junit.jupiter.api.Test;

/** Estimated server energy by hand. */
class ServerEnergyTest {

    static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    static final ServerPowerModel LINEAR = new ServerPowerModel("linear", new BigDecimal("100"), new BigDecimal("300"),
            List.of(), "test");

    static Reading util(String hhmm, double percent) {
        return Reading.good("dc/srv-1", Quantity.UTILISATION, Instant.parse("2026-11-02T" + hhmm + ":00Z"), percent,
                "test");
    }

    static List<ServerEnergy.Span> hours(int n) {
        var out = new java.util.ArrayList<ServerEnergy.Span>();
        for (int i = 0; i < n; i++) {
            out.add(new ServerEnergy.Span(T0.plusSeconds(3600L * i), T0.plusSeconds(3600L * (i + 1))));
        }
        return out;
    }

    @Test
    void linearModelWatts() {
        assertEquals(0, new BigDecimal("100").compareTo(LINEAR.watts(BigDecimal.ZERO)));
        assertEquals(0, new BigDecimal("200").compareTo(LINEAR.watts(new BigDecimal("50"))));
        assertEquals(0, new BigDecimal("300").compareTo(LINEAR.watts(new BigDecimal("100"))));
        assertEquals(0, new BigDecimal("300").compareTo(LINEAR.watts(new BigDecimal("130")))); // clamped
    }

    /** Table 0:100, 50:250, 100:300 → 25 % is halfway 100..250 = 175 W; 75 % halfway 250..300 = 275 W. */
    @Test
    void loadLevelTableWatts() {
        var m = ServerTypeParser.parse(Map.of("id", "r650", "idleWatts", "100", "maxWatts", "300", "loadLevels",
                "0:100, 50:250, 100:300"));
        assertEquals(0, new BigDecimal("175").compareTo(m.watts(new BigDecimal("25"))));
        assertEquals(0, new BigDecimal("275").compareTo(m.watts(new BigDecimal("75"))));
        assertEquals(0, new BigDecimal("250").compareTo(m.watts(new BigDecimal("50"))));
    }

    /**
     * Gap 15 min. 23:55 50 % (200 W) holds to 00:10 (the next reading): 10 min of it in window 1 = 33.333 Wh;
     * 00:10 0 % (100 W) holds 15 min (next at 00:30 is farther than the gap) = 25 Wh; 00:30 100 % (300 W) 15 min =
     * 75 Wh; window 1 = 4.8e8 W·ms / 3.6 = 133,333,333.3 → 133,333,333 nano-kWh. 01:00 25 % (150 W) to 01:10 = 25 Wh;
     * 01:10 75 % (250 W) 15 min = 62.5 Wh; window 2 = 87,500,000 nano-kWh. Uptime 10+15+15+10+15 = 65 min.
     */
    @Test
    void integralOverUptimeByHand() {
        var r = ServerEnergy.estimate(LINEAR, Optional.of(Reading.good("dc/srv-1", Quantity.UTILISATION,
                Instant.parse("2026-11-01T23:55:00Z"), 50, "test")),
                List.of(util("00:10", 0), util("00:30", 100), util("01:00", 25), util("01:10", 75)), 900_000,
                hours(3));
        assertArrayEquals(new long[] {133_333_333L, 87_500_000L, 0L}, r.nano());
        assertEquals(65L * 60_000, r.uptimeMs());
        assertEquals(0, r.skippedReadings());
    }

    /** A BAD reading and one above 100 % are skipped; the reading before them holds (within the gap) instead. */
    @Test
    void badAndOutOfRangeReadingsAreSkipped() {
        var bad = new Reading("dc/srv-1", Quantity.UTILISATION, Instant.parse("2026-11-02T00:05:00Z"), 0,
                Quality.BAD, "test");
        var r = ServerEnergy.estimate(LINEAR, Optional.empty(),
                List.of(util("00:00", 100), bad, util("00:07", 140), util("00:10", 0)), 900_000, hours(1));
        // 00:00-00:10 at 300 W = 50 Wh; 00:10-00:25 at 100 W = 25 Wh → 75 Wh
        assertArrayEquals(new long[] {75_000_000L}, r.nano());
        assertEquals(2, r.skippedReadings());
    }

    @Test
    void tableMustRunFrom0To100() {
        var e = assertThrows(IllegalArgumentException.class, () -> ServerTypeParser.parse(Map.of("id", "x",
                "idleWatts", "100", "maxWatts", "300", "loadLevels", "10:120, 100:300")));
        assertEquals("org.gridprint.allocation.servertype 'x': field loadLevels = '10:120, 100:300' does not run from"
                + " 0 % to 100 %; expected its first item at 0 and its last at 100 (or no table: linear between"
                + " idleWatts and maxWatts)", e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> ServerTypeParser.parse(Map.of("id", "x",
                "idleWatts", "abc", "maxWatts", "300")));
        assertEquals("org.gridprint.allocation.servertype 'x': field idleWatts = 'abc' holds 'abc', not a number;"
                + " expected a decimal number such as 180 or 62.5", e2.getMessage());
    }
}
