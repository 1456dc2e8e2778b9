package org.gridprint.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.TotalsQuery;
import org.gridprint.api.store.TotalsQuery.GroupBy;
import org.gridprint.api.store.WindowTotal;
import org.junit.jupiter.api.Test;

/**
 * Store-side totals (api TotalsQuery): every GroupBy, time buckets cut in the query's zone (labels as in
 * org.gridprint.ledger.TotalsLabels), filters, unaccepted SUSPECT_SPIKE windows left out and counted apart. Totals are
 * sorted by their group values compared as strings, in groupBy order; groups without windows are not returned.
 * Reference values are written out by hand.
 */
public abstract class WindowTotalsContract extends CarbonContractBase {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId UTC = ZoneOffset.UTC;
    /** 2026-02-01T00:00 in New York (UTC-5) = 2026-02-01T05:00Z: the month boundary cuts the UTC day. */
    static final Instant FEB1_NY = Instant.parse("2026-02-01T05:00:00Z");

    private static TotalsQuery by(Instant from, Instant to, ZoneId zone, GroupBy... groupBy) {
        return new TotalsQuery(from, to, zone, List.of(groupBy), Set.of(), "", Optional.empty(), Optional.empty(), "");
    }

    private static WindowTotal total(List<String> group, long amountNano, long co2e, long windows, long excluded,
            Set<WindowFlag> flags, Quality worst) {
        return new WindowTotal(group, amountNano, co2e, windows, excluded, flags, worst);
    }

    /** m1 hourly at 03:00Z, 04:00Z (January in New York), 05:00Z, 06:00Z (February): 1, 2, 4, 8 kWh at 400 g/kWh. */
    private void storeAroundTheMonthBoundary() {
        var windows = new ArrayList<EmissionWindow>();
        long kWh = 1;
        for (int h = 3; h <= 6; h++) {
            windows.add(window("m1", AccountingMethod.LOCATION_BASED, Instant.parse("2026-02-01T00:00:00Z")
                    .plusSeconds(3600L * h), kWh * KWH, kWh * 400_000_000L, 1, Set.of()));
            kWh *= 2;
        }
        windowStore().storeWindows(windows, "computed");
    }

    @Test
    void monthsAreCutInTheQueryZone() {
        storeAroundTheMonthBoundary();
        var from = Instant.parse("2026-01-01T00:00:00Z");
        var to = Instant.parse("2026-03-01T00:00:00Z");
        // New York: 1 + 2 kWh in January, 4 + 8 in February
        assertEquals(List.of(
                total(List.of("2026-01"), 3 * KWH, 1_200_000_000L, 2, 0, Set.of(), Quality.GOOD),
                total(List.of("2026-02"), 12 * KWH, 4_800_000_000L, 2, 0, Set.of(), Quality.GOOD)),
                windowStore().totals(by(from, to, NEW_YORK, GroupBy.MONTH)));
        // UTC: all four in February
        assertEquals(List.of(total(List.of("2026-02"), 15 * KWH, 6_000_000_000L, 4, 0, Set.of(), Quality.GOOD)),
                windowStore().totals(by(from, to, UTC, GroupBy.MONTH)));
        assertEquals(List.of(
                total(List.of("2026-01-31"), 3 * KWH, 1_200_000_000L, 2, 0, Set.of(), Quality.GOOD),
                total(List.of("2026-02-01"), 12 * KWH, 4_800_000_000L, 2, 0, Set.of(), Quality.GOOD)),
                windowStore().totals(by(from, to, NEW_YORK, GroupBy.DAY)));
        assertEquals(List.of(
                total(List.of("2026"), 15 * KWH, 6_000_000_000L, 4, 0, Set.of(), Quality.GOOD)),
                windowStore().totals(by(from, to, NEW_YORK, GroupBy.YEAR)));
        assertEquals(List.of(
                total(List.of("2026-01-31T22:00-05:00"), 1 * KWH, 400_000_000L, 1, 0, Set.of(), Quality.GOOD),
                total(List.of("2026-01-31T23:00-05:00"), 2 * KWH, 800_000_000L, 1, 0, Set.of(), Quality.GOOD),
                total(List.of("2026-02-01T00:00-05:00"), 4 * KWH, 1_600_000_000L, 1, 0, Set.of(), Quality.GOOD),
                total(List.of("2026-02-01T01:00-05:00"), 8 * KWH, 3_200_000_000L, 1, 0, Set.of(), Quality.GOOD)),
                windowStore().totals(by(from, to, NEW_YORK, GroupBy.HOUR)));
        // the query range selects by window start: [04:00Z, 2026-02-01T05:00 NY) holds the 04:00Z and 05:00Z windows
        assertEquals(List.of(total(List.of(), 6 * KWH, 2_400_000_000L, 2, 0, Set.of(), Quality.GOOD)),
                windowStore().totals(by(Instant.parse("2026-02-01T04:00:00Z"), FEB1_NY.plusSeconds(1), NEW_YORK)));
    }

    @Test
    void aYearOfDaysByMonthMatchesTheHandSums() {
        // one 1 kWh window at 12:00Z every day of 2026: by month in New York = days of the month
        var windows = new ArrayList<EmissionWindow>();
        var day = Instant.parse("2026-01-01T12:00:00Z");
        for (int d = 0; d < 365; d++) {
            windows.add(window("m1", AccountingMethod.LOCATION_BASED, day.plusSeconds(86400L * d), KWH, 1, 1,
                    Set.of()));
        }
        windowStore().storeWindows(windows, "computed");
        var totals = windowStore().totals(by(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), NEW_YORK, GroupBy.MONTH));
        int[] days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        assertEquals(12, totals.size());
        for (int m = 0; m < 12; m++) {
            assertEquals(List.of(String.format("2026-%02d", m + 1)), totals.get(m).group());
            assertEquals(days[m] * KWH, totals.get(m).amountNano(), "month " + (m + 1));
            assertEquals(days[m], totals.get(m).windows());
        }
    }

    @Test
    void groupsByMeterSiteQuantityScopeAndMethodInOrder() {
        var t = T0.plusSeconds(3600);
        windowStore().storeWindows(List.of(
                window("m2", "site-b", Scope.SCOPE_2, AccountingMethod.LOCATION_BASED, t, 2 * KWH, 20, 1, Set.of(),
                        Quality.GOOD),
                window("m2", "site-b", Scope.SCOPE_2, AccountingMethod.MARKET_BASED, t, 2 * KWH, 5, 2, Set.of(),
                        Quality.GOOD),
                window("m1", "site-a", Scope.SCOPE_2, AccountingMethod.LOCATION_BASED, t, 1 * KWH, 10, 1, Set.of(),
                        Quality.ESTIMATED),
                window("m1", "site-a", Scope.SCOPE_2, AccountingMethod.MARKET_BASED, t, 1 * KWH, 3, 2,
                        Set.of(WindowFlag.GRID_AVERAGE_DISCLOSED), Quality.GOOD),
                window("g1", "site-a", Scope.SCOPE_1, AccountingMethod.DIRECT, t, 7 * KWH, 100, 3, Set.of(),
                        Quality.GOOD),
                window("m1", "site-a", Scope.SCOPE_3, AccountingMethod.LOCATION_BASED, t, KWH / 20, 1, 1, Set.of(),
                        Quality.GOOD)), "computed");
        var from = T0;
        var to = T0.plusSeconds(86400);
        assertEquals(List.of(
                total(List.of("g1"), 7 * KWH, 100, 1, 0, Set.of(), Quality.GOOD),
                total(List.of("m1"), 2 * KWH + KWH / 20, 14, 3, 0, Set.of(WindowFlag.GRID_AVERAGE_DISCLOSED),
                        Quality.ESTIMATED),
                total(List.of("m2"), 4 * KWH, 25, 2, 0, Set.of(), Quality.GOOD)),
                windowStore().totals(by(from, to, UTC, GroupBy.METER)));
        assertEquals(List.of(
                total(List.of("SCOPE_1", "DIRECT"), 7 * KWH, 100, 1, 0, Set.of(), Quality.GOOD),
                total(List.of("SCOPE_2", "LOCATION_BASED"), 3 * KWH, 30, 2, 0, Set.of(), Quality.ESTIMATED),
                total(List.of("SCOPE_2", "MARKET_BASED"), 3 * KWH, 8, 2, 0, Set.of(WindowFlag.GRID_AVERAGE_DISCLOSED),
                        Quality.GOOD),
                total(List.of("SCOPE_3", "LOCATION_BASED"), KWH / 20, 1, 1, 0, Set.of(), Quality.GOOD)),
                windowStore().totals(by(from, to, UTC, GroupBy.SCOPE, GroupBy.METHOD)));
        assertEquals(List.of(
                total(List.of("site-a", "ACTIVE_ENERGY_IMPORT"), 2 * KWH + KWH / 20, 14, 3, 0,
                        Set.of(WindowFlag.GRID_AVERAGE_DISCLOSED), Quality.ESTIMATED),
                total(List.of("site-a", "FUEL_VOLUME"), 7 * KWH, 100, 1, 0, Set.of(), Quality.GOOD),
                total(List.of("site-b", "ACTIVE_ENERGY_IMPORT"), 4 * KWH, 25, 2, 0, Set.of(), Quality.GOOD)),
                windowStore().totals(by(from, to, UTC, GroupBy.SITE, GroupBy.QUANTITY)));
        // filters: site-a, Scope 2, market-based
        var filtered = new TotalsQuery(from, to, UTC, List.of(GroupBy.METER), Set.of(), "site-a",
                Optional.of(Scope.SCOPE_2), Optional.of(AccountingMethod.MARKET_BASED), "");
        assertEquals(List.of(total(List.of("m1"), KWH, 3, 1, 0, Set.of(WindowFlag.GRID_AVERAGE_DISCLOSED),
                Quality.GOOD)), windowStore().totals(filtered));
        var meters = new TotalsQuery(from, to, UTC, List.of(), Set.of("m2", "g1"), "", Optional.empty(),
                Optional.empty(), "");
        assertEquals(List.of(total(List.of(), 11 * KWH, 125, 3, 0, Set.of(), Quality.GOOD)),
                windowStore().totals(meters));
    }

    @Test
    void groupsByEachTagOfTheMeterIncludingDepartmentAndTenant() {
        store().registerMeter(new Meter("m1", "AHU 1", "site-1", "", "AHU", "3P", "ops", "acme",
                List.of("hvac", "critical"), Optional.empty(), 0));
        store().registerMeter(new Meter("m2", "AHU 2", "site-1", "", "AHU", "3P", "ops", "", List.of("hvac"),
                Optional.empty(), 0));
        windowStore().storeWindows(List.of(hourly("m1", 1, 1), hourly("m2", 1, 2), hourly("m3", 1, 4)), "computed");
        var from = T0;
        var to = T0.plusSeconds(86400);
        assertEquals(List.of(
                total(List.of(""), 4 * KWH, 1_600_000_000L, 1, 0, Set.of(), Quality.GOOD), // m3: no tags
                total(List.of("critical"), KWH, 400_000_000L, 1, 0, Set.of(), Quality.GOOD),
                total(List.of("department:ops"), 3 * KWH, 1_200_000_000L, 2, 0, Set.of(), Quality.GOOD),
                total(List.of("hvac"), 3 * KWH, 1_200_000_000L, 2, 0, Set.of(), Quality.GOOD),
                total(List.of("tenant:acme"), KWH, 400_000_000L, 1, 0, Set.of(), Quality.GOOD)),
                windowStore().totals(by(from, to, UTC, GroupBy.TAG)));
        var hvac = new TotalsQuery(from, to, UTC, List.of(GroupBy.METER), Set.of(), "", Optional.empty(),
                Optional.empty(), "hvac");
        assertEquals(List.of(
                total(List.of("m1"), KWH, 400_000_000L, 1, 0, Set.of(), Quality.GOOD),
                total(List.of("m2"), 2 * KWH, 800_000_000L, 1, 0, Set.of(), Quality.GOOD)),
                windowStore().totals(hvac));
    }

    @Test
    void anUnacceptedSpikeIsLeftOutAndCountedApartUntilAccepted() {
        var spike = window("m1", AccountingMethod.LOCATION_BASED, T0.plusSeconds(7200), 1_000_000_000L * KWH, 1, 1,
                Set.of(WindowFlag.SUSPECT_SPIKE));
        windowStore().storeWindows(List.of(hourly("m1", 1, 5), spike), "computed");
        var q = by(T0, T0.plusSeconds(86400), UTC, GroupBy.DAY);
        assertEquals(List.of(total(List.of("2026-01-01"), 5 * KWH, 2_000_000_000L, 1, 1,
                Set.of(WindowFlag.SUSPECT_SPIKE), Quality.SUSPECT)), windowStore().totals(q));
        var accepted = window("m1", "site-1", Scope.SCOPE_2, AccountingMethod.LOCATION_BASED, spike.start(),
                3 * KWH, 1_200_000_000L, 1, EnumSet.of(WindowFlag.SUSPECT_SPIKE, WindowFlag.ACCEPTED), Quality.SUSPECT);
        windowStore().storeWindows(List.of(accepted), "operator accepted");
        assertEquals(List.of(total(List.of("2026-01-01"), 8 * KWH, 3_200_000_000L, 2, 0,
                EnumSet.of(WindowFlag.SUSPECT_SPIKE, WindowFlag.ACCEPTED), Quality.SUSPECT)), windowStore().totals(q));
    }

    @Test
    void revisedWindowsCountOnceWithTheirCurrentVersion() {
        windowStore().storeWindows(List.of(hourly("m1", 1, 5), hourly("m1", 2, 5)), "computed");
        windowStore().storeWindows(List.of(hourly("m1", 2, 7)), "late reading");
        assertEquals(List.of(total(List.of(), 12 * KWH, 4_800_000_000L, 2, 0, Set.of(), Quality.GOOD)),
                windowStore().totals(by(T0, T0.plusSeconds(86400), UTC)));
        assertEquals(List.of(), windowStore().totals(by(T0.plusSeconds(86400), T0.plusSeconds(2 * 86400), UTC)));
    }
}
