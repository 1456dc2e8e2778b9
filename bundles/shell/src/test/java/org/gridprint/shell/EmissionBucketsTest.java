package org.gridprint.shell;

import static org.gridprint.shell.EmissionTotalsTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.shell.EmissionBuckets.By;
import org.junit.jupiter.api.Test;

class EmissionBucketsTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final AccountingMethod LOCATION = AccountingMethod.LOCATION_BASED;

    private static EmissionRecord at(String utc, double kwh) {
        return record("hq/main", Instant.parse(utc), kwh, 400, LOCATION, "2026");
    }

    private static Instant t(String utc) {
        return Instant.parse(utc);
    }

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDateRangeInTheZoneGivesExactlyThatDayAsOneRow() {
        // review scenario: --zone Europe/Berlin --from 2026-11-25 --to 2026-11-26 --by day, hourly intervals
        var period = TimeArgs.period("2026-11-25", "2026-11-26", null, t("2026-12-01T00:00:00Z"), Duration.ZERO, BERLIN);
        assertEquals(t("2026-11-24T23:00:00Z"), period.from(), "midnight in Berlin, not UTC");
        assertEquals(t("2026-11-25T23:00:00Z"), period.to());
        var records = new ArrayList<EmissionRecord>();
        // what the store returns: every interval overlapping the period, including the ones across from and to
        for (var start = period.from().minusSeconds(600); start.isBefore(period.to()); start = start.plusSeconds(900)) {
            records.add(record("hq/main", start, 1, 400, LOCATION, "2026"));
        }

        var inPeriod = EmissionBuckets.startingIn(records, period);
        var rows = EmissionBuckets.rows(inPeriod, By.DAY, BERLIN);

        assertEquals(1, rows.size(), rows.toString());
        assertEquals(period.from(), rows.get(0).start());
        assertEquals(period.to(), rows.get(0).end());
        assertEquals(96, rows.get(0).intervals(), "the interval across --from (starting 23:50 the day before) is out");
        var totals = EmissionTotals.byMethod(inPeriod);
        assertEquals(96, totals.get(0).records(), "the totals line follows the same rule");
        assertEquals(96.0, totals.get(0).kwh(), 0.0);
    }

    @Test
    void anIntervalAcrossABoundaryCountsInOnlyOneOfTwoNeighbouringPeriods() {
        var across = at("2026-11-25T23:55:00Z", 5); // 23:55 .. 00:10
        var before = new TimeArgs.Period(t("2026-11-25T00:00:00Z"), t("2026-11-26T00:00:00Z"));
        var after = new TimeArgs.Period(t("2026-11-26T00:00:00Z"), t("2026-11-27T00:00:00Z"));

        assertEquals(List.of(across), EmissionBuckets.startingIn(List.of(across), before));
        assertEquals(List.of(), EmissionBuckets.startingIn(List.of(across), after));
        var atTo = at("2026-11-26T00:00:00Z", 1);
        assertEquals(List.of(), EmissionBuckets.startingIn(List.of(atTo), before), "to is exclusive");
        assertEquals(List.of(atTo), EmissionBuckets.startingIn(List.of(atTo), after), "from is inclusive");
    }

    @Test
    void daysInNewYorkAcrossTheSpringDstChangeAreCutAtLocalMidnight() {
        // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT, so that day has 23 hours
        var records = List.of(
                at("2026-03-08T04:50:00Z", 1), // 23:50 EST on the 7th, ends 00:05 on the 8th: counts for the 7th
                at("2026-03-08T05:00:00Z", 2), // 00:00 EST on the 8th
                at("2026-03-09T03:45:00Z", 4), // 23:45 EDT on the 8th
                at("2026-03-09T04:00:00Z", 8)); // 00:00 EDT on the 9th

        var rows = EmissionBuckets.rows(records, By.DAY, NEW_YORK);

        assertEquals(3, rows.size());
        assertEquals(t("2026-03-07T05:00:00Z"), rows.get(0).start());
        assertEquals(t("2026-03-08T05:00:00Z"), rows.get(0).end());
        assertEquals(1.0, rows.get(0).kwh());
        assertEquals(t("2026-03-08T05:00:00Z"), rows.get(1).start());
        assertEquals(t("2026-03-09T04:00:00Z"), rows.get(1).end(), "23-hour day");
        assertEquals(2, rows.get(1).intervals());
        assertEquals(6.0, rows.get(1).kwh());
        assertEquals(6 * 400 / 1000.0, rows.get(1).kgCo2e(), 1e-12);
        assertEquals(t("2026-03-09T04:00:00Z"), rows.get(2).start());
        assertEquals("2026-03-08T00:00:00-05:00", Texts.time(rows.get(1).start(), NEW_YORK));
        assertEquals("2026-03-09T00:00:00-04:00", Texts.time(rows.get(1).end(), NEW_YORK));
    }

    @Test
    void theRepeatedHourOfTheAutumnDstChangeIsTwoHourBuckets() {
        // 2026-11-01: 01:00-02:00 local happens twice, first EDT (05:00Z) then EST (06:00Z)
        var rows = EmissionBuckets.rows(List.of(at("2026-11-01T05:15:00Z", 1), at("2026-11-01T05:45:00Z", 1),
                at("2026-11-01T06:15:00Z", 3)), By.HOUR, NEW_YORK);

        assertEquals(2, rows.size());
        assertEquals(t("2026-11-01T05:00:00Z"), rows.get(0).start());
        assertEquals(t("2026-11-01T06:00:00Z"), rows.get(0).end());
        assertEquals(2, rows.get(0).intervals());
        assertEquals(t("2026-11-01T06:00:00Z"), rows.get(1).start());
        assertEquals(t("2026-11-01T07:00:00Z"), rows.get(1).end());
        assertEquals("2026-11-01T01:00:00-04:00", Texts.time(rows.get(0).start(), NEW_YORK));
        assertEquals("2026-11-01T01:00:00-05:00", Texts.time(rows.get(1).start(), NEW_YORK));
    }

    @Test
    void monthsAreLocalAndUtcIsTheDefaultZone() {
        var records = List.of(at("2026-03-01T04:30:00Z", 1), at("2026-03-31T23:00:00Z", 2));

        var newYork = EmissionBuckets.rows(records, By.MONTH, NEW_YORK);
        assertEquals(t("2026-02-01T05:00:00Z"), newYork.get(0).start(), "23:30 EST on Feb 28 is February");
        assertEquals(t("2026-03-01T05:00:00Z"), newYork.get(0).end());
        assertEquals(t("2026-03-01T05:00:00Z"), newYork.get(1).start());
        assertEquals(t("2026-04-01T04:00:00Z"), newYork.get(1).end());

        var utc = EmissionBuckets.rows(records, By.MONTH, TimeArgs.parseZone("--zone", null));
        assertEquals(1, utc.size());
        assertEquals(t("2026-03-01T00:00:00Z"), utc.get(0).start());
        assertEquals(3.0, utc.get(0).kwh());
        assertEquals("2026-03-01T00:00:00Z", Texts.time(utc.get(0).start(), ZoneOffset.UTC));
    }

    @Test
    void aBucketSaysWhenItMixesFactorsAndMethodsAndMetersStayApart() {
        var start = t("2026-11-25T10:00:00Z");
        var records = List.of(record("hq/a", start, 1, 400, LOCATION, "2025"),
                record("hq/a", start.plusSeconds(900), 1, 380, LOCATION, "2026"),
                record("hq/a", start, 1, 0, AccountingMethod.MARKET_BASED, "2026"),
                record("hq/b", start, 5, 400, LOCATION, "2025"));

        var rows = EmissionBuckets.rows(records, By.HOUR, ZoneOffset.UTC);

        assertEquals(3, rows.size());
        var mixed = rows.get(0);
        assertEquals("hq/a", mixed.meterId());
        assertEquals(LOCATION, mixed.method());
        assertEquals(2, mixed.intervals());
        assertEquals(0.78, mixed.kgCo2e(), 1e-12);
        assertEquals("2 factors", EmissionBuckets.factorCell(mixed));
        assertEquals("2 factors: test / 2025; test / 2026", EmissionBuckets.sourceCell(mixed));
        assertEquals(AccountingMethod.MARKET_BASED, rows.get(1).method());
        assertEquals("0", EmissionBuckets.factorCell(rows.get(1)));
        assertEquals("hq/b", rows.get(2).meterId());
        assertEquals("400", EmissionBuckets.factorCell(rows.get(2)));
        assertEquals("test / 2025", EmissionBuckets.sourceCell(rows.get(2)));
    }

    @Test
    void byIntervalKeepsOneRowPerRecordAndTheLimitKeepsTheNewest() {
        var records = List.of(at("2026-11-25T10:00:00Z", 1), at("2026-11-25T10:15:00Z", 2),
                at("2026-11-25T10:30:00Z", 3), at("2026-11-25T10:45:00Z", 4), at("2026-11-25T11:00:00Z", 5));
        var rows = EmissionBuckets.rows(records, By.INTERVAL, NEW_YORK);
        assertEquals(5, rows.size());
        assertEquals(t("2026-11-25T10:15:00Z"), rows.get(0).end());

        var page = EmissionBuckets.newest(rows, 2);

        assertEquals(List.of(t("2026-11-25T10:45:00Z"), t("2026-11-25T11:00:00Z")),
                page.shown().stream().map(EmissionBuckets.Row::start).toList());
        assertEquals(3, page.leftOut());
        assertEquals("showing the newest 2 rows; 3 older rows left out (--limit); use --by hour for fewer rows",
                EmissionBuckets.leftOutNote(page, By.INTERVAL));
        assertTrue(EmissionBuckets.leftOutNote(page, By.MONTH).endsWith("use a shorter period or a meter glob"));
        assertEquals(0, EmissionBuckets.newest(rows, 5).leftOut());
    }

    @Test
    void badArgumentsNameTheOptionAndTheExpectation() {
        assertEquals(By.INTERVAL, By.parse(null));
        assertEquals(By.DAY, By.parse(" Day "));
        var by = assertThrows(IllegalArgumentException.class, () -> By.parse("week"));
        assertEquals("--by: 'week' is not a grouping; expected interval, hour, day or month", by.getMessage());
        var zone = assertThrows(IllegalArgumentException.class, () -> TimeArgs.parseZone("--zone", "Mars/Olympus"));
        assertTrue(zone.getMessage().startsWith("--zone: 'Mars/Olympus' is not a time zone; expected an IANA zone id"),
                zone.getMessage());
        assertEquals(ZoneOffset.ofHours(1), TimeArgs.parseZone("--zone", "+01:00"));
    }
}
