package org.gridprint.shell.carbon;

import static org.gridprint.shell.carbon.Windows.T0;
import static org.gridprint.shell.carbon.Windows.energy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Instrument;
import org.gridprint.api.carbon.InstrumentService;
import org.gridprint.api.carbon.Offset;
import org.gridprint.api.carbon.PlausibilityService;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.store.WindowQuery;
import org.junit.jupiter.api.Test;

/** gridprint:suspects / accept and gridprint:offsets --net against contract-following fakes. */
class DecisionsCommandTest {

    private final FakeWindowStore store = new FakeWindowStore();
    private final Console console = new Console();

    /** Follows the contract on the fake store: suspects = SUSPECT_SPIKE without ACCEPTED; accept adds ACCEPTED. */
    private final class Plausibility implements PlausibilityService {
        final List<String> reasons = new ArrayList<>();

        @Override
        public List<EmissionWindow> suspects(WindowQuery query) {
            return store.windows(query).stream().filter(w -> !w.counted()).toList();
        }

        @Override
        public EmissionWindow accept(WindowKey key, String reason) {
            var w = store.window(key).orElseThrow();
            var flags = EnumSet.copyOf(w.flags());
            flags.add(WindowFlag.ACCEPTED);
            store.storeWindows(List.of(new EmissionWindow(w.meterId(), w.siteId(), w.quantity(), w.scope(),
                    w.method(), w.start(), w.end(), w.amountNano(), w.co2eMicrograms(), w.factorRef(),
                    w.instrumentRef(), w.coveredNano(), w.quality(), flags, w.firstReading(), w.lastReading(), 0,
                    w.computedAt())), reason);
            reasons.add(reason);
            return store.window(key).orElseThrow();
        }

        @Override
        public EmissionWindow correct(WindowKey key, BigDecimal amount, String reason) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void acceptCountsTheSpikeWindowsOfAllMethodsAgain() throws Exception {
        // the 10^9 kWh spike on a 7 kW meter from issue 12, location and market
        long spike = 1_000_000_000L * 1_000_000_000L;
        store.storeWindows(List.of(
                energy("sf/ahu", Scope.SCOPE_2, AccountingMethod.LOCATION_BASED, T0, spike, 226_478_670_341_000_000L, 7,
                        WindowFlag.SUSPECT_SPIKE),
                energy("sf/ahu", Scope.SCOPE_2, AccountingMethod.MARKET_BASED, T0, spike, 226_478_670_341_000_000L, 7,
                        WindowFlag.SUSPECT_SPIKE),
                energy("sf/ahu", Scope.SCOPE_2, AccountingMethod.LOCATION_BASED, T0.plusSeconds(3600), 7_000_000_000L,
                        1_585_350_692L, 7)), "computed");
        var plausibility = new Plausibility();
        var suspects = new SuspectsCommand();
        suspects.plausibility = plausibility;
        suspects.session = console.session();
        suspects.now = Instant.parse("2026-06-02T00:00:00Z");
        suspects.noFormat = true;
        suspects.execute();
        var out = console.lines();
        // implied power: 10^9 kWh in one hour = 10^9 kW
        assertTrue(out.stream().anyMatch(l -> l.matches("sf/ahu\\s+2026-06-01T10:00:00Z\\s+2026-06-01T11:00:00Z\\s+2\\s+"
                + "location\\s+1000000000\\s+kWh\\s+1000000000\\s+226478670\\.341\\s+.*SUSPECT_SPIKE")), String.join("\n", out));
        assertEquals(2, out.stream().filter(l -> l.startsWith("sf/ahu")).count());

        var accept = new AcceptCommand();
        accept.plausibility = plausibility;
        accept.session = console.session();
        accept.meter = "sf/ahu";
        accept.start = "2026-06-01T10:00:00Z";
        accept.reason = "verified: meter test on site";
        accept.execute();
        out = console.lines();
        assertEquals(2, out.size(), String.join("\n", out));
        assertTrue(out.get(0).startsWith("accepted sf/ahu 2026-06-01T10:00:00Z scope 2 location: 1000000000 kWh,"
                + " 226478670.341 kg CO2e, version 2, flags SUSPECT_SPIKE,ACCEPTED"), out.get(0));
        assertEquals(List.of("verified: meter test on site", "verified: meter test on site"), plausibility.reasons);
        assertTrue(plausibility.suspects(WindowQuery.of(T0, T0.plusSeconds(7200))).isEmpty());

        accept.execute(); // nothing left to accept
        assertTrue(console.text().startsWith("no unaccepted SUSPECT_SPIKE window of meter sf/ahu starts at"));
    }

    @Test
    void netViewSubtractsOffsetsRetiredInThePeriodApartFromTheScopes() throws Exception {
        // location 226.478670341 kg + market 120 kg in 2026; a 0.1 t offset retired in 2026, one in 2025
        store.storeWindows(List.of(
                energy("sf/main", Scope.SCOPE_2, AccountingMethod.LOCATION_BASED, T0, 1_000_000_000_000L,
                        226_478_670_341L, 7),
                energy("sf/main", Scope.SCOPE_2, AccountingMethod.MARKET_BASED, T0, 1_000_000_000_000L,
                        120_000_000_000L, 8)), "computed");
        var offsets = List.of(new Offset("VCS-1", new BigDecimal("0.1"), "Verra VCS", "Cookstoves",
                LocalDate.of(2025, 1, 1), "R-1", LocalDate.of(2026, 5, 1), ""),
                new Offset("VCS-0", new BigDecimal("5"), "Verra VCS", "Old", LocalDate.of(2024, 1, 1), "R-0",
                        LocalDate.of(2025, 5, 1), ""));
        var c = new OffsetsCommand();
        c.instruments = new InstrumentService() {
            @Override
            public Instrument register(Instrument instrument) {
                return instrument;
            }

            @Override
            public List<Instrument> instruments() {
                return List.of();
            }

            @Override
            public BigDecimal remainingMwh(String instrumentId) {
                return BigDecimal.ZERO;
            }

            @Override
            public Offset registerOffset(Offset offset) {
                return offset;
            }

            @Override
            public List<Offset> offsets() {
                return offsets;
            }
        };
        c.store = store;
        c.session = console.session();
        c.net = true;
        c.noFormat = true;
        c.today = LocalDate.of(2026, 12, 6);
        c.execute();
        var out = console.lines();
        // 0.226478670341 t - 0.1 t = 0.126478670341 t; 0.12 t - 0.1 t = 0.02 t
        assertTrue(out.contains("  gross location-based (Scope 1 + 2 + 3.3): 0.226 t CO2e"), String.join("\n", out));
        assertTrue(out.contains("  offsets retired in the period: 0.1 t CO2e (1 offset)"), String.join("\n", out));
        assertTrue(out.contains("  net location-based: 0.126 t CO2e"), String.join("\n", out));
        assertTrue(out.contains("  net market-based:   0.02 t CO2e"), String.join("\n", out));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), store.lastTotals.from());
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), store.lastTotals.to());
    }
}
