package org.gridprint.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.api.store.WindowVersion;
import org.junit.jupiter.api.Test;

/**
 * EmissionWindowStore: storing (idempotent, versioned, atomic, ledgered), reading back in order, durability and
 * tamper evidence (docs/ledger-spec.md, "Accounting windows"). Totals are in {@link WindowTotalsContract}.
 */
public abstract class WindowStoreContract extends CarbonContractBase {

    private static List<EmissionWindow> day(String meter) {
        var out = new ArrayList<EmissionWindow>();
        for (int h = 0; h < 24; h++) {
            out.add(hourly(meter, h, 10 + h));
        }
        return out;
    }

    @Test
    void storesWindowsAsVersionOneAndReadsThemBack() {
        var given = hourly("m1", 3, 12).withVersion(7, Instant.parse("2026-01-01T04:01:00.123Z"));
        var result = windowStore().storeWindows(List.of(given), "computed");
        assertEquals(1, result.added());
        assertEquals(0, result.revised());
        assertEquals(0, result.unchanged());
        var entry = result.ledgerEntry().orElseThrow(() -> new AssertionError("a new window must return its entry"));
        assertEquals(ledger().head().orElseThrow().batchId(), entry.batchId());
        var stored = windowStore().window(given.key()).orElseThrow();
        assertTrue(stored.sameContent(given), () -> "stored " + stored);
        assertEquals(1, stored.version(), "the store assigns versions; the given one is ignored");
        assertEquals(given.computedAt(), stored.computedAt());
        assertEquals(12 * KWH, stored.amountNano());
        assertEquals(4_800_000_000L, stored.co2eMicrograms()); // 12 kWh × 400 g/kWh = 4.8 kg = 4.8e9 µg
        assertEquals(1, windowStore().windowCount());
        assertEquals(List.of(new WindowVersion(stored, "computed", windowStore().history(given.key()).get(0)
                .recordedAt())), windowStore().history(given.key()));
    }

    @Test
    void everyFieldRoundTripsIncludingMarketAndFlags() {
        var start = T0.plusSeconds(7200);
        var w = new EmissionWindow("hq/b1\tpanel é", "site\\2", org.gridprint.api.Quantity.ACTIVE_ENERGY_IMPORT,
                Scope.SCOPE_2, AccountingMethod.MARKET_BASED, start, start.plusSeconds(900), 3_333_333_333L,
                754_928_901L, 42, 7, 2_000_000_000L, Quality.ESTIMATED,
                EnumSet.of(WindowFlag.GAP_SPANNED, WindowFlag.FALLBACK, WindowFlag.ONSITE_NETTED),
                start.minusMillis(6_999), start.plusSeconds(900).plusMillis(1), 1, start.plusSeconds(2000));
        var ghost = window("asset-7", "site-1", Scope.SCOPE_1, AccountingMethod.DIRECT, start, 0, 0, 0,
                EnumSet.of(WindowFlag.GHOST_LOAD), Quality.ESTIMATED);
        windowStore().storeWindows(List.of(w, ghost), "computed");
        var back = windowStore().window(w.key()).orElseThrow();
        assertEquals(w, back);
        assertEquals(ghost, windowStore().window(ghost.key()).orElseThrow());
    }

    @Test
    void theSameWindowsAgainAreUnchangedAndWriteNoEntry() {
        var windows = day("m1");
        var first = windowStore().storeWindows(windows, "computed");
        assertEquals(24, first.added());
        var head = ledger().head().orElseThrow();
        var recomputed = windows.stream().map(w -> w.withVersion(1, w.computedAt().plusSeconds(3600))).toList();
        var again = windowStore().storeWindows(recomputed, "recalculation");
        assertEquals(0, again.added());
        assertEquals(0, again.revised());
        assertEquals(24, again.unchanged());
        assertEquals(Optional.empty(), again.ledgerEntry());
        assertEquals(head, ledger().head().orElseThrow(), "an unchanged recomputation writes no entry");
        assertEquals(1, windowStore().history(windows.get(0).key()).size());
        assertEquals(windows.get(0).computedAt(), windowStore().window(windows.get(0).key()).orElseThrow()
                .computedAt(), "computedAt is not content: the stored version stays");
        assertEquals(24, windowStore().windowCount());
    }

    @Test
    void changedContentIsTheNextVersionAndHistoryKeepsBothWithReasons() {
        var v1 = hourly("m1", 5, 10);
        windowStore().storeWindows(List.of(v1, hourly("m1", 6, 10)), "computed");
        var changed = window("m1", AccountingMethod.LOCATION_BASED, v1.start(), 11 * KWH, 11 * 400_000_000L, 2,
                Set.of(WindowFlag.CORRECTED));
        var result = windowStore().storeWindows(List.of(changed, hourly("m1", 6, 10)), "late reading");
        assertEquals(0, result.added());
        assertEquals(1, result.revised());
        assertEquals(1, result.unchanged());
        assertTrue(result.ledgerEntry().isPresent());
        var current = windowStore().window(v1.key()).orElseThrow();
        assertEquals(2, current.version());
        assertEquals(11 * KWH, current.amountNano());
        assertEquals(2, current.factorRef());
        var history = windowStore().history(v1.key());
        assertEquals(2, history.size());
        assertEquals(1, history.get(0).window().version());
        assertEquals(10 * KWH, history.get(0).window().amountNano());
        assertEquals("computed", history.get(0).reason());
        assertEquals(2, history.get(1).window().version());
        assertEquals("late reading", history.get(1).reason());
        assertTrue(history.get(1).window().sameContent(changed));
        assertEquals(2, windowStore().windowCount(), "history versions are not current windows");
        // and back to the first content: version 3 (a revision, never a silent restore)
        var result3 = windowStore().storeWindows(List.of(v1), "operator: undo correction");
        assertEquals(1, result3.revised());
        assertEquals(3, windowStore().window(v1.key()).orElseThrow().version());
        assertEquals(3, windowStore().history(v1.key()).size());
    }

    @Test
    void aCallIsAtomicAKeyTwiceInOneCallIsRefusedAndNothingIsStored() {
        windowStore().storeWindows(List.of(hourly("m0", 0, 1)), "computed");
        var head = ledger().head().orElseThrow();
        var twice = List.of(hourly("m1", 0, 1), hourly("m1", 1, 2), hourly("m1", 1, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> windowStore().storeWindows(twice, "computed"));
        assertTrue(e.getMessage().contains("m1") && e.getMessage().contains(T0.plusSeconds(3600).toString()),
                () -> "the error must name the window's key: " + e.getMessage());
        assertEquals(Optional.empty(), windowStore().window(hourly("m1", 0, 1).key()));
        assertEquals(head, ledger().head().orElseThrow());
        assertEquals(1, windowStore().windowCount());
    }

    @Test
    void anEmptyCallStoresNothing() {
        var r = windowStore().storeWindows(List.of(), "computed");
        assertEquals(0, r.added() + r.revised() + r.unchanged());
        assertEquals(Optional.empty(), r.ledgerEntry());
        assertEquals(Optional.empty(), ledger().head());
    }

    @Test
    void queriesAndScansAreOrderedByMeterQuantityScopeMethodStartAndFiltered() {
        var all = new ArrayList<EmissionWindow>();
        for (var meter : List.of("m2", "m1")) {
            for (int h = 30; h >= 0; h -= 3) { // crosses a UTC day, given in reverse
                all.add(hourly(meter, h, h + 1));
                all.add(window(meter, AccountingMethod.MARKET_BASED, T0.plusSeconds(3600L * h), (h + 1) * KWH, 0, 3,
                        Set.of()));
            }
        }
        all.add(window("m1", "site-2", Scope.SCOPE_1, AccountingMethod.DIRECT, T0, 5 * KWH, 9, 4, Set.of(),
                Quality.GOOD));
        windowStore().storeWindows(all, "computed");
        var got = windowStore().windows(WindowQuery.of(T0, T0.plusSeconds(86400 * 2)));
        assertEquals(all.size(), got.size());
        // expected order, written out: m1 ACTIVE_ENERGY_IMPORT SCOPE_2 LOCATION (0,3,...,30), m1 ... MARKET,
        // m1 FUEL_VOLUME SCOPE_1 DIRECT, then m2 likewise
        var expected = new ArrayList<WindowKey>();
        for (var meter : List.of("m1", "m2")) {
            for (var method : List.of(AccountingMethod.LOCATION_BASED, AccountingMethod.MARKET_BASED)) {
                for (int h = 0; h <= 30; h += 3) {
                    expected.add(new WindowKey(meter, org.gridprint.api.Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                            method, T0.plusSeconds(3600L * h)));
                }
            }
            if (meter.equals("m1")) {
                expected.add(new WindowKey("m1", org.gridprint.api.Quantity.FUEL_VOLUME, Scope.SCOPE_1,
                        AccountingMethod.DIRECT, T0));
            }
        }
        assertEquals(expected, got.stream().map(EmissionWindow::key).toList());

        var seen = new ArrayList<EmissionWindow>();
        long passed = windowStore().scanWindows(WindowQuery.of(T0, T0.plusSeconds(86400 * 2)), w -> {
            seen.add(w);
            return seen.size() < 5;
        });
        assertEquals(5, passed);
        assertEquals(got.subList(0, 5), seen);

        // [T0+3h, T0+9h) of m2, market-based: starts 3 and 6
        var q = new WindowQuery(T0.plusSeconds(3 * 3600), T0.plusSeconds(9 * 3600), Set.of("m2"), "",
                Optional.of(Scope.SCOPE_2), Optional.of(AccountingMethod.MARKET_BASED));
        assertEquals(List.of(T0.plusSeconds(3 * 3600), T0.plusSeconds(6 * 3600)),
                windowStore().windows(q).stream().map(EmissionWindow::start).toList());
        var bySite = new WindowQuery(T0, T0.plusSeconds(86400 * 2), Set.of(), "site-2", Optional.empty(),
                Optional.empty());
        assertEquals(1, windowStore().windows(bySite).size());
        assertEquals(4 * 11 + 1, windowStore().windowCount());
    }

    @Test
    void lastWindowIsTheGreatestStartOfItsSeries() {
        windowStore().storeWindows(List.of(hourly("m1", 2, 1), hourly("m1", 40, 1), hourly("m1", 7, 1),
                hourly("m2", 90, 1)), "computed");
        var last = windowStore().lastWindow("m1", E, Scope.SCOPE_2, AccountingMethod.LOCATION_BASED).orElseThrow();
        assertEquals(T0.plusSeconds(40 * 3600), last.start());
        assertEquals(Optional.empty(), windowStore().lastWindow("m1", E, Scope.SCOPE_2,
                AccountingMethod.MARKET_BASED));
        assertEquals(Optional.empty(), windowStore().lastWindow("m3", E, Scope.SCOPE_2,
                AccountingMethod.LOCATION_BASED));
    }

    @Test
    void windowsAndTheirHistoryOutliveACloseAndACrash() throws Exception {
        var windows = day("m1");
        windowStore().storeWindows(windows, "computed");
        var revised = window("m1", AccountingMethod.LOCATION_BASED, windows.get(3).start(), 99 * KWH, 1, 1, Set.of());
        windowStore().storeWindows(List.of(revised), "late reading");
        harness.reopen();
        assertEquals(24, windowStore().windowCount());
        assertEquals(99 * KWH, windowStore().window(revised.key()).orElseThrow().amountNano());
        assertEquals(List.of("computed", "late reading"), windowStore().history(revised.key()).stream()
                .map(WindowVersion::reason).toList());
        windowStore().storeWindows(List.of(hourly("m1", 30, 5)), "computed");
        harness.crashAndReopen();
        assertEquals(25, windowStore().windowCount(), "an acknowledged window survives a crash");
        assertEquals(5 * KWH, windowStore().window(hourly("m1", 30, 5).key()).orElseThrow().amountNano());
        assertIntact(ledger().verify());
    }

    @Test
    void verifyCoversWindowsAndHistory() {
        windowStore().storeWindows(day("m1"), "computed");
        windowStore().storeWindows(List.of(hourly("m1", 3, 77)), "late reading");
        var intact = assertIntact(ledger().verify());
        assertEquals(2, intact.batchesChecked());
    }

    private void assertEditNamed(java.util.function.UnaryOperator<EmissionWindow> edit) throws Exception {
        windowStore().storeWindows(day("m0"), "computed");
        long entry = windowStore().storeWindows(day("m1"), "computed").ledgerEntry().orElseThrow().batchId();
        windowStore().storeWindows(day("m2"), "computed");
        var key = hourly("m1", 13, 1).key();
        try {
            harness.editStoredWindow(key, edit);
        } catch (UnsupportedOperationException e) {
            org.junit.jupiter.api.Assumptions.abort(e.getMessage());
        }
        var broken = assertBroken(ledger().verify());
        assertEquals(List.of(entry), namedEntries(broken), () -> "findings " + broken.findings());
        assertTrue(broken.findings().stream().anyMatch(f -> f.row().filter(r -> r.contains("m1")
                && r.contains(key.start().toString()) && r.contains("LOCATION_BASED")).isPresent()),
                () -> "a finding must name the window (meter, method, start): " + broken.findings());
    }

    @Test
    void anEditedAmountIsFoundAndNamed() throws Exception {
        assertEditNamed(w -> new EmissionWindow(w.meterId(), w.siteId(), w.quantity(), w.scope(), w.method(),
                w.start(), w.end(), w.amountNano() / 2, w.co2eMicrograms(), w.factorRef(), w.instrumentRef(),
                w.coveredNano(), w.quality(), w.flags(), w.firstReading(), w.lastReading(), w.version(),
                w.computedAt()));
    }

    @Test
    void anEditedFactorRefIsFoundAndNamed() throws Exception {
        assertEditNamed(w -> new EmissionWindow(w.meterId(), w.siteId(), w.quantity(), w.scope(), w.method(),
                w.start(), w.end(), w.amountNano(), w.co2eMicrograms(), w.factorRef() + 1, w.instrumentRef(),
                w.coveredNano(), w.quality(), w.flags(), w.firstReading(), w.lastReading(), w.version(),
                w.computedAt()));
    }

    @Test
    void editedFlagsAreFoundAndNamed() throws Exception {
        assertEditNamed(w -> new EmissionWindow(w.meterId(), w.siteId(), w.quantity(), w.scope(), w.method(),
                w.start(), w.end(), w.amountNano(), w.co2eMicrograms(), w.factorRef(), w.instrumentRef(),
                w.coveredNano(), w.quality(), EnumSet.of(WindowFlag.ACCEPTED), w.firstReading(), w.lastReading(),
                w.version(), w.computedAt()));
    }

    @Test
    void windowsInterleaveWithReadingsInOneChain() {
        long e1 = appendAccepted(poll(2, 0));
        long e2 = windowStore().storeWindows(List.of(hourly("m0", 0, 1)), "computed").ledgerEntry().orElseThrow()
                .batchId();
        long e3 = appendAccepted(poll(2, 10));
        assertEquals(List.of(e1 + 1, e1 + 2), List.of(e2, e3));
        assertIntact(ledger().verify());
        assertFalse(windowStore().windows(WindowQuery.of(T0, T0.plusSeconds(3600))).isEmpty());
    }
}
