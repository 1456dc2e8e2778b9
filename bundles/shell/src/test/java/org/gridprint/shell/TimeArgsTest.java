package org.gridprint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TimeArgsTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void isoInstantDateAndOffset() {
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), TimeArgs.parseInstant("--from", "2026-11-25T10:00:00Z"));
        assertEquals(Instant.parse("2026-11-25T10:00:00.250Z"), TimeArgs.parseInstant("--from", "2026-11-25T10:00:00.250Z"));
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), TimeArgs.parseInstant("--from", "2026-11-25"));
        assertEquals(Instant.parse("2026-11-25T09:00:00Z"), TimeArgs.parseInstant("--from", "2026-11-25T10:00:00+01:00"));
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), TimeArgs.parseInstant("--from", " 2026-11-25t10:00:00z "));
    }

    @Test
    void datesAreMidnightInTheGivenZoneAndInstantsKeepTheirMeaning() {
        var berlin = java.time.ZoneId.of("Europe/Berlin");
        assertEquals(Instant.parse("2026-11-24T23:00:00Z"), TimeArgs.parseInstant("--from", "2026-11-25", berlin));
        assertEquals(Instant.parse("2026-07-24T22:00:00Z"), TimeArgs.parseInstant("--from", "2026-07-25", berlin));
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"),
                TimeArgs.parseInstant("--from", "2026-11-25T10:00:00Z", berlin));
        var period = TimeArgs.period("2026-03-07", "2026-03-10", null, NOW, Duration.ZERO,
                java.time.ZoneId.of("America/New_York"));
        assertEquals(Instant.parse("2026-03-07T05:00:00Z"), period.from());
        assertEquals(Instant.parse("2026-03-10T04:00:00Z"), period.to());
        var e = assertThrows(IllegalArgumentException.class, () -> TimeArgs.parseInstant("--to", "morgen", berlin));
        assertTrue(e.getMessage().contains("midnight in Europe/Berlin"), e.getMessage());
    }

    @Test
    void badInstantNamesArgumentValueAndExpectation() {
        for (var bad : new String[] {"yesterday", "2026-13-01", "2026-11-25 10:00", "25.11.2026"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> TimeArgs.parseInstant("--to", bad));
            assertTrue(e.getMessage().startsWith("--to: '" + bad + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("expected an ISO instant (2026-11-25T10:00:00Z) or an ISO date"), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> TimeArgs.parseInstant("--from", " "));
        assertTrue(e.getMessage().contains("--from: missing value"), e.getMessage());
    }

    @Test
    void spans() {
        assertEquals(Duration.ofSeconds(30), TimeArgs.parseSpan("--last", "30s"));
        assertEquals(Duration.ofMinutes(15), TimeArgs.parseSpan("--last", "15m"));
        assertEquals(Duration.ofHours(1), TimeArgs.parseSpan("--last", "1h"));
        assertEquals(Duration.ofDays(7), TimeArgs.parseSpan("--last", "7d"));
        assertEquals(Duration.ofDays(14), TimeArgs.parseSpan("--last", "2W"));
    }

    @Test
    void badSpans() {
        for (var bad : new String[] {"1", "h", "1.5h", "-1h", "1y", "0m"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> TimeArgs.parseSpan("--last", bad));
            assertTrue(e.getMessage().startsWith("--last: '" + bad + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("expected a positive span"), e.getMessage());
        }
    }

    @Test
    void periods() {
        assertEquals(new TimeArgs.Period(NOW.minusSeconds(3600), NOW), TimeArgs.period(null, null, null, NOW, Duration.ofHours(1)));
        assertEquals(new TimeArgs.Period(NOW.minusSeconds(900), NOW), TimeArgs.period(null, null, "15m", NOW, Duration.ofHours(1)));
        assertEquals(new TimeArgs.Period(Instant.parse("2026-11-24T00:00:00Z"), NOW),
                TimeArgs.period("2026-11-24", null, null, NOW, Duration.ofHours(1)));
        assertEquals(new TimeArgs.Period(Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z")),
                TimeArgs.period("2026-11-24", "2026-11-25", null, NOW, Duration.ofHours(1)));
        assertEquals(new TimeArgs.Period(Instant.parse("2026-11-24T23:00:00Z"), Instant.parse("2026-11-25T00:00:00Z")),
                TimeArgs.period(null, "2026-11-25", "1h", NOW, Duration.ofHours(1)));
    }

    @Test
    void badPeriods() {
        var e = assertThrows(IllegalArgumentException.class, () -> TimeArgs.period("2026-11-24", null, "1h", NOW, Duration.ZERO));
        assertTrue(e.getMessage().contains("--last") && e.getMessage().contains("--from") && e.getMessage().contains("expected either"));
        e = assertThrows(IllegalArgumentException.class, () -> TimeArgs.period("2026-11-26", "2026-11-25", null, NOW, Duration.ZERO));
        assertTrue(e.getMessage().contains("must be before --to"), e.getMessage());
    }
}
