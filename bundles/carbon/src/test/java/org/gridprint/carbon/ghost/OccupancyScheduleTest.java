package org.gridprint.carbon.ghost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class OccupancyScheduleTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final long HOUR = 3_600_000L;

    @Test
    void aWeekendWithTheSpringForwardChangeIs59RealHours() {
        var s = OccupancySchedule.parse("Mon-Fri 07:00-19:00");
        // Fri 2024-03-29 19:00 CET = 18:00Z; Mon 2024-04-01 07:00 CEST = 05:00Z; Sunday 31 March has 23 hours
        var from = Instant.parse("2024-03-29T18:00:00Z");
        var to = Instant.parse("2024-04-01T05:00:00Z");
        assertEquals(59 * HOUR, s.unoccupiedMillis(from, to, BERLIN));
        assertEquals(0, s.occupiedMillis(from, to, BERLIN));
        // one hour either side is occupied
        assertEquals(2 * HOUR, s.occupiedMillis(from.minusMillis(HOUR), to.plusMillis(HOUR), BERLIN));
    }

    @Test
    void aWeekendWithTheFallBackChangeIs61RealHours() {
        var s = OccupancySchedule.parse("Mon-Fri 07:00-19:00");
        // Fri 2024-10-25 19:00 CEST = 17:00Z; Mon 2024-10-28 07:00 CET = 06:00Z; Sunday 27 October has 25 hours
        assertEquals(61 * HOUR, s.unoccupiedMillis(Instant.parse("2024-10-25T17:00:00Z"),
                Instant.parse("2024-10-28T06:00:00Z"), BERLIN));
    }

    @Test
    void entriesOverMidnightAllDayAndOverlapsCountOnce() {
        var night = OccupancySchedule.parse("Fri 22:00-06:00");
        // Saturday 2024-06-01 05:00-06:00 CEST = 03:00Z-04:00Z is occupied (Friday's entry), 06:00-07:00 is not
        assertEquals(HOUR, night.occupiedMillis(Instant.parse("2024-06-01T03:00:00Z"),
                Instant.parse("2024-06-01T05:00:00Z"), BERLIN));
        var always = OccupancySchedule.parse("daily 00:00-24:00");
        assertEquals(0, always.unoccupiedMillis(Instant.parse("2024-03-30T00:00:00Z"),
                Instant.parse("2024-04-02T00:00:00Z"), BERLIN));
        var overlapping = OccupancySchedule.parse("Mon 08:00-12:00; Mon 10:00-14:00");
        // Monday 2024-06-03 in UTC: 08:00-14:00 = 6 h, not 8
        assertEquals(6 * HOUR, overlapping.occupiedMillis(Instant.parse("2024-06-03T00:00:00Z"),
                Instant.parse("2024-06-04T00:00:00Z"), ZoneId.of("UTC")));
        assertEquals(24 * HOUR, OccupancySchedule.parse("").unoccupiedMillis(Instant.parse("2024-06-03T00:00:00Z"),
                Instant.parse("2024-06-04T00:00:00Z"), BERLIN));
    }

    @Test
    void badEntriesNameTheEntryAndWhatIsExpected() {
        var e = assertThrows(IllegalArgumentException.class, () -> OccupancySchedule.parse("Mon-Fry 07:00-19:00"));
        assertTrue(e.getMessage().contains("'Mon-Fry 07:00-19:00'") && e.getMessage().contains("day 'fry'"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OccupancySchedule.parse("Sat 8-12"));
        assertTrue(e.getMessage().contains("time '8' is not HH:mm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OccupancySchedule.parse("Sat 25:00-26:00"));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OccupancySchedule.parse("Mon-Fri"));
        assertTrue(e.getMessage().contains("expected '<days> <HH:mm>-<HH:mm>'"), e.getMessage());
    }
}
