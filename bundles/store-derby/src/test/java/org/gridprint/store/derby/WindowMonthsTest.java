package org.gridprint.store.derby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.TotalsQuery.GroupBy;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.WindowTotal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WINDOW_MONTH (schema 7): the per series and UTC month summaries the totals read first. Totals over whole months,
 * months cut by the range, by the query zone (New York) and by a site change inside a month must equal the window
 * sums written out by hand; a revision updates the month; migration 7 rebuilds the rows from the day blocks; verify
 * names an edited or missing month row.
 */
class WindowMonthsTest {

    private static final long KWH = 1_000_000_000L;
    /** 400 g/kWh in micrograms per kWh. */
    private static final long G400 = 400_000_000L;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @TempDir
    Path dir;

    private static EmissionWindow window(String meter, String site, AccountingMethod method, String start, long kWh,
            long co2e, Set<WindowFlag> flags) {
        var s = Instant.parse(start);
        var end = s.plusSeconds(3600);
        return new EmissionWindow(meter, site, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, method, s, end,
                kWh * KWH, co2e, 1, 0, 0, flags.isEmpty() ? Quality.GOOD : Quality.SUSPECT, flags, s.minusSeconds(7),
                end.plusSeconds(3), 1, end.plusSeconds(60));
    }

    /**
     * m1 location-based: Jan 10 (1 kWh, site s-a), Jan 20 (2 kWh, s-b: January has two sites), Jan 31 23:00Z (4 kWh),
     * Feb 1 03:00Z (8 kWh; still January in New York), Feb 14 (16 kWh, an unaccepted spike: excluded), Mar 2 00:00Z
     * (32 kWh), all at 400 g/kWh; m2 market-based: Feb 5 (64 kWh at 0 g).
     */
    private static List<EmissionWindow> year() {
        var l = AccountingMethod.LOCATION_BASED;
        var w = new ArrayList<EmissionWindow>();
        w.add(window("m1", "s-a", l, "2026-01-10T00:00:00Z", 1, G400, Set.of()));
        w.add(window("m1", "s-b", l, "2026-01-20T12:00:00Z", 2, 2 * G400, Set.of()));
        w.add(window("m1", "s-a", l, "2026-01-31T23:00:00Z", 4, 4 * G400, Set.of()));
        w.add(window("m1", "s-a", l, "2026-02-01T03:00:00Z", 8, 8 * G400, Set.of()));
        w.add(window("m1", "s-a", l, "2026-02-14T10:00:00Z", 16, 16 * G400, Set.of(WindowFlag.SUSPECT_SPIKE)));
        w.add(window("m1", "s-a", l, "2026-03-02T00:00:00Z", 32, 32 * G400, Set.of()));
        w.add(window("m2", "s-a", AccountingMethod.MARKET_BASED, "2026-02-05T00:00:00Z", 64, 0, Set.of()));
        return w;
    }

    private static TotalsQuery query(String from, String to, ZoneId zone, String site, GroupBy... by) {
        return new TotalsQuery(Instant.parse(from), Instant.parse(to), zone, List.of(by), Set.of(), site,
                Optional.empty(), Optional.empty(), "");
    }

    private static WindowTotal total(List<String> group, long kWh, long co2e, long windows, long excluded) {
        return new WindowTotal(group, kWh * KWH, co2e, windows, excluded, Set.of(), Quality.GOOD);
    }

    private static WindowTotal febWithSpike(List<String> group, long kWh, long co2e) {
        return new WindowTotal(group, kWh * KWH, co2e, 2, 1, Set.of(WindowFlag.SUSPECT_SPIKE), Quality.SUSPECT);
    }

    private static List<WindowTotal> utcMonths() {
        return List.of(total(List.of("2026-01"), 7, 7 * G400, 3, 0),
                febWithSpike(List.of("2026-02"), 8 + 64, 8 * G400),
                total(List.of("2026-03"), 32, 32 * G400, 1, 0));
    }

    private static final String FROM = "2026-01-01T00:00:00Z";
    private static final String TO = "2026-04-01T00:00:00Z";

    @Test
    void totalsOverMonthsDaysAndWindowsEqualTheWindowSums() {
        try (var store = Fixtures.open(dir)) {
            store.storeWindows(year(), "computed");
            assertEquals(utcMonths(), store.totals(query(FROM, TO, ZoneOffset.UTC, "", GroupBy.MONTH)));
            // January's two sites: its month row has no single site, its days do
            assertEquals(List.of(total(List.of("2026-01", "s-a"), 5, 5 * G400, 2, 0),
                    total(List.of("2026-01", "s-b"), 2, 2 * G400, 1, 0),
                    febWithSpike(List.of("2026-02", "s-a"), 72, 8 * G400),
                    total(List.of("2026-03", "s-a"), 32, 32 * G400, 1, 0)),
                    store.totals(query(FROM, TO, ZoneOffset.UTC, "", GroupBy.MONTH, GroupBy.SITE)));
            assertEquals(List.of(total(List.of("2026-01"), 2, 2 * G400, 1, 0)),
                    store.totals(query(FROM, TO, ZoneOffset.UTC, "s-b", GroupBy.MONTH)));
            // New York: Feb 1 03:00Z is January 31 there; Mar 2 00:00Z is March 1
            assertEquals(List.of(total(List.of("2026-01"), 15, 15 * G400, 4, 0),
                    new WindowTotal(List.of("2026-02"), 64 * KWH, 0, 1, 1, Set.of(WindowFlag.SUSPECT_SPIKE),
                            Quality.SUSPECT),
                    total(List.of("2026-03"), 32, 32 * G400, 1, 0)),
                    store.totals(query(FROM, TO, NEW_YORK, "", GroupBy.MONTH)));
            // a range that cuts January and February: Jan 20 and 31; Feb 1 and 5 (the spike of Feb 14 is after it)
            assertEquals(List.of(total(List.of("2026-01"), 6, 6 * G400, 2, 0),
                    total(List.of("2026-02"), 72, 8 * G400, 2, 0)),
                    store.totals(query("2026-01-15T00:00:00Z", "2026-02-10T00:00:00Z", ZoneOffset.UTC, "",
                            GroupBy.MONTH)));
            // a year bucket adds the month rows whole
            assertEquals(List.of(new WindowTotal(List.of("2026"), 111 * KWH, 47 * G400, 6, 1,
                    Set.of(WindowFlag.SUSPECT_SPIKE), Quality.SUSPECT)),
                    store.totals(query(FROM, TO, ZoneOffset.UTC, "", GroupBy.YEAR)));
        }
    }

    /**
     * m3, one site, every window counted, unflagged and GOOD (its months are added whole to the bucket of their last
     * window and corrected by the decoded days a New York month edge cuts): Feb 1 02:00Z (1 kWh, January in New York),
     * Feb 1 06:00Z (2), Feb 15 (4), Feb 28 23:00Z (8), Mar 1 04:00Z (16, still February in New York), Mar 1 05:00Z
     * (32, March 1 00:00 in New York), Mar 20 (64), at 400 g/kWh.
     */
    @Test
    void zoneCutMonthsOfPlainSeriesAreCorrectedExactly() {
        var l = AccountingMethod.LOCATION_BASED;
        var w = new ArrayList<EmissionWindow>();
        long kWh = 1;
        for (var start : List.of("2026-02-01T02:00:00Z", "2026-02-01T06:00:00Z", "2026-02-15T12:00:00Z",
                "2026-02-28T23:00:00Z", "2026-03-01T04:00:00Z", "2026-03-01T05:00:00Z", "2026-03-20T00:00:00Z")) {
            w.add(window("m3", "s-a", l, start, kWh, kWh * G400, Set.of()));
            kWh *= 2;
        }
        try (var store = Fixtures.open(dir)) {
            store.storeWindows(w, "computed");
            assertEquals(List.of(total(List.of("2026-01"), 1, G400, 1, 0),
                    total(List.of("2026-02"), 2 + 4 + 8 + 16, 30 * G400, 4, 0),
                    total(List.of("2026-03"), 32 + 64, 96 * G400, 2, 0)),
                    store.totals(query(FROM, TO, NEW_YORK, "", GroupBy.MONTH)));
            assertEquals(List.of(total(List.of("2026-01", "s-a"), 1, G400, 1, 0),
                    total(List.of("2026-02", "s-a"), 30, 30 * G400, 4, 0),
                    total(List.of("2026-03", "s-a"), 96, 96 * G400, 2, 0)),
                    store.totals(query(FROM, TO, NEW_YORK, "s-a", GroupBy.MONTH, GroupBy.SITE)));
            // the range cuts both ends: Feb 1 02:00Z and Mar 1 05:00Z are outside
            assertEquals(List.of(total(List.of("2026-02"), 30, 30 * G400, 4, 0)),
                    store.totals(query("2026-02-01T03:00:00Z", "2026-03-01T04:30:00Z", NEW_YORK, "", GroupBy.MONTH)));
            assertEquals(List.of(total(List.of("2026"), 127, 127 * G400, 7, 0)),
                    store.totals(query(FROM, TO, NEW_YORK, "", GroupBy.YEAR)));
            // days in New York: the UTC days are cut at 05:00Z (the month rows cannot be corrected: day rows)
            assertEquals(List.of(total(List.of("2026-01-31"), 1, G400, 1, 0),
                    total(List.of("2026-02-01"), 2, 2 * G400, 1, 0),
                    total(List.of("2026-02-15"), 4, 4 * G400, 1, 0),
                    total(List.of("2026-02-28"), 24, 24 * G400, 2, 0),
                    total(List.of("2026-03-01"), 32, 32 * G400, 1, 0),
                    total(List.of("2026-03-19"), 64, 64 * G400, 1, 0)),
                    store.totals(query(FROM, TO, NEW_YORK, "", GroupBy.DAY)));
            assertEquals(List.of(), store.totals(query(FROM, TO, NEW_YORK, "s-b", GroupBy.MONTH)));
        }
    }

    /**
     * A revision committed while a totals query runs (after its month rows were read, before the New York edge day is
     * decoded) would mix two states: m3's March month row still holds Mar 1 04:00Z at 1 kWh while the decoded edge
     * day holds it at 100 kWh. The query notices the new WINDOWS entry and runs again: the answer is the new state.
     */
    @Test
    void aWriteBetweenTheLevelsIsNotMixedIntoTheAnswer() {
        var l = AccountingMethod.LOCATION_BASED;
        var w = List.of(window("m3", "s-a", l, "2026-03-01T04:00:00Z", 1, G400, Set.of()),
                window("m3", "s-a", l, "2026-03-20T00:00:00Z", 2, 2 * G400, Set.of()));
        try (var store = Fixtures.open(dir)) {
            store.storeWindows(w, "computed");
            var runs = new int[1];
            WindowTotals.afterMonths = () -> {
                if (runs[0]++ == 0) {
                    store.storeWindows(List.of(window("m3", "s-a", l, "2026-03-01T04:00:00Z", 100, 100 * G400,
                            Set.of())), "meter replaced");
                }
            };
            try {
                // New York: Mar 1 04:00Z is February 28 23:00
                assertEquals(List.of(total(List.of("2026-02"), 100, 100 * G400, 1, 0),
                        total(List.of("2026-03"), 2, 2 * G400, 1, 0)),
                        store.totals(query(FROM, TO, NEW_YORK, "", GroupBy.MONTH)));
            } finally {
                WindowTotals.afterMonths = () -> {
                };
            }
            assertEquals(2, runs[0], "the query ran again after the write");
        }
    }

    @Test
    void aRevisionRewritesItsMonthRow() throws SQLException {
        try (var store = Fixtures.open(dir)) {
            store.storeWindows(year(), "computed");
            var revised = window("m1", "s-a", AccountingMethod.LOCATION_BASED, "2026-02-01T03:00:00Z", 10, 10 * G400,
                    Set.of());
            assertEquals(1, store.storeWindows(List.of(revised), "meter replaced").revised());
            assertEquals(febWithSpike(List.of("2026-02"), 10 + 64, 10 * G400),
                    store.totals(query(FROM, TO, ZoneOffset.UTC, "", GroupBy.MONTH)).get(1));
        }
        var c = Fixtures.raw(dir);
        try (var rs = c.createStatement().executeQuery("SELECT m.DAYS, m.WINDOWS, m.COUNTED, m.AMOUNT, m.CO2E, "
                + "m.SITE_ID FROM WINDOW_MONTH m JOIN WINDOW_SERIES s ON s.SERIES_ID = m.SERIES_ID "
                + "WHERE s.METER_ID = 'm1' ORDER BY m.MONTH")) {
            assertTrue(rs.next());
            assertEquals(List.of(3L, 3L, 3L, 7 * KWH, 7 * G400), List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                    rs.getLong(4), rs.getLong(5)));
            assertEquals(null, rs.getString(6), "January names two sites");
            assertTrue(rs.next());
            assertEquals(List.of(2L, 2L, 1L, 10 * KWH, 10 * G400), List.of(rs.getLong(1), rs.getLong(2),
                    rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            assertEquals("s-a", rs.getString(6));
            assertTrue(rs.next());
            assertEquals(32 * KWH, rs.getLong(4));
        } finally {
            Fixtures.closeRaw(c, dir);
        }
    }

    private List<String> monthRows() throws SQLException {
        var c = Fixtures.raw(dir);
        var out = new ArrayList<String>();
        try (var rs = c.createStatement().executeQuery("SELECT MONTH, SERIES_ID, " + WindowMonths.COLUMNS
                + " FROM WINDOW_MONTH ORDER BY MONTH, SERIES_ID")) {
            while (rs.next()) {
                var row = new StringBuilder();
                for (int i = 1; i <= 13; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                out.add(row.toString());
            }
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        return out;
    }

    @Test
    void migrationSevenBuildsTheMonthRowsOfAStoreWrittenBefore() throws SQLException {
        try (var store = Fixtures.open(dir)) {
            store.storeWindows(year(), "computed");
        }
        var written = monthRows();
        assertEquals(4, written.size(), "m1: January, February, March; m2: February: " + written);
        // the store as schema 6 left it: no WINDOW_MONTH
        var c = Fixtures.raw(dir);
        try (var st = c.createStatement()) {
            st.executeUpdate("DROP TABLE WINDOW_MONTH");
            // and without what later migrations added (8: the edge outbox), so that 7 and later run again
            st.executeUpdate("DROP TABLE OUTBOX");
            st.executeUpdate("DROP TABLE OUTBOX_STATE");
            st.executeUpdate("DELETE FROM SCHEMA_VERSION WHERE VERSION >= 7");
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        try (var store = Fixtures.open(dir)) {
            assertEquals(utcMonths(), store.totals(query(FROM, TO, ZoneOffset.UTC, "", GroupBy.MONTH)));
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
        assertEquals(written, monthRows());
    }

    private VerificationReport.Broken brokenAfter(String sql) throws SQLException {
        try (var store = Fixtures.open(dir)) {
            store.storeWindows(year(), "computed");
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
        var c = Fixtures.raw(dir);
        try (var st = c.createStatement()) {
            assertEquals(1, st.executeUpdate(sql));
            c.commit();
        } finally {
            Fixtures.closeRaw(c, dir);
        }
        try (var store = Fixtures.open(dir)) {
            return assertInstanceOf(VerificationReport.Broken.class, store.verify());
        }
    }

    private static final String M1 = "(SELECT SERIES_ID FROM WINDOW_SERIES WHERE METER_ID = 'm1')";
    private static final long FEB = Instant.parse("2026-02-01T00:00:00Z").toEpochMilli();
    private static final long MAR = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();

    @Test
    void verifyNamesAnEditedMonthRow() throws SQLException {
        var broken = brokenAfter("UPDATE WINDOW_MONTH SET AMOUNT = AMOUNT + 1 WHERE MONTH = " + FEB
                + " AND SERIES_ID = " + M1);
        assertTrue(broken.findings().stream().anyMatch(f -> f.row().orElse("").equals(
                "window month m1 ACTIVE_ENERGY_IMPORT SCOPE_2 LOCATION_BASED 2026-02")
                && f.reason().contains("do not match the sum of its day blocks")), broken::toString);
    }

    @Test
    void verifyNamesAMissingMonthRow() throws SQLException {
        var broken = brokenAfter("DELETE FROM WINDOW_MONTH WHERE MONTH = " + MAR + " AND SERIES_ID = " + M1);
        assertTrue(broken.findings().stream().anyMatch(f -> f.row().orElse("").equals(
                "window month m1 ACTIVE_ENERGY_IMPORT SCOPE_2 LOCATION_BASED 2026-03")
                && f.reason().contains("missing")), broken::toString);
    }

    @Test
    void verifyNamesAMonthRowWithoutDays() throws SQLException {
        var broken = brokenAfter("INSERT INTO WINDOW_MONTH (MONTH, SERIES_ID, " + WindowMonths.COLUMNS + ") SELECT "
                + Instant.parse("2026-05-01T00:00:00Z").toEpochMilli() + ", SERIES_ID, DAYS, WINDOWS, COUNTED, "
                + "AMOUNT, CO2E, FLAG_BITS, WORST_QUALITY, SITE_ID, FIRST_START, LAST_START, MAX_ENTRY FROM "
                + "WINDOW_MONTH WHERE MONTH = " + MAR + " AND SERIES_ID = " + M1);
        assertTrue(broken.findings().stream().anyMatch(f -> f.row().orElse("").equals(
                "window month m1 ACTIVE_ENERGY_IMPORT SCOPE_2 LOCATION_BASED 2026-05")
                && f.reason().contains("no window blocks")), broken::toString);
    }
}
