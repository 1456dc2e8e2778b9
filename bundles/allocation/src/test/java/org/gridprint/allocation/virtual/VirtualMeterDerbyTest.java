package org.gridprint.allocation.virtual;

import static org.gridprint.allocation.StoreFixture.G;
import static org.gridprint.allocation.StoreFixture.KWH;
import static org.gridprint.allocation.StoreFixture.Q;
import static org.gridprint.allocation.StoreFixture.location;
import static org.gridprint.allocation.StoreFixture.market;
import static org.gridprint.allocation.StoreFixture.meter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gridprint.allocation.StoreFixture;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Quantity;
import org.gridprint.api.Topics;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Virtual meters on a real Derby store: windows in, virtual windows out, every figure by hand. */
class VirtualMeterDerbyTest {

    @TempDir
    Path dir;

    static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");

    private static Instant w(int i) {
        return T0.plus(Q.multipliedBy(i));
    }

    private static WindowKey key(String meter, AccountingMethod m, int i) {
        return new WindowKey(meter, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, m, w(i));
    }

    @Test
    void differencePerWindowBothMethodsMissingAndNegativeThenRecomputedOnAChangedInput() {
        try (var store = DerbyStore.open(dir.resolve("db"), Clock.systemUTC(), StoreOptions.defaults())) {
            var ws = new ArrayList<EmissionWindow>();
            // w0: main 10 kWh (4,000 g loc; 3,000 g mkt, 6 kWh covered), ahu 3 (1,200 / 900 g), light 2 (800 / 600 g)
            ws.add(location("hq/main", "hq", w(0), 10 * KWH, 4_000 * G));
            ws.add(market("hq/main", "hq", w(0), 10 * KWH, 3_000 * G, 6 * KWH));
            ws.add(location("hq/ahu", "hq", w(0), 3 * KWH, 1_200 * G));
            ws.add(market("hq/ahu", "hq", w(0), 3 * KWH, 900 * G, 0));
            ws.add(location("hq/light", "hq", w(0), 2 * KWH, 800 * G));
            ws.add(market("hq/light", "hq", w(0), 2 * KWH, 600 * G, 0));
            // w1: light missing -> the result is missing, not 10 - 3
            ws.add(location("hq/main", "hq", w(1), 10 * KWH, 4_000 * G));
            ws.add(location("hq/ahu", "hq", w(1), 3 * KWH, 1_200 * G));
            // w2: main 1, ahu 3, light 2 -> -4 kWh: not stored
            ws.add(location("hq/main", "hq", w(2), 1 * KWH, 400 * G));
            ws.add(location("hq/ahu", "hq", w(2), 3 * KWH, 1_200 * G));
            ws.add(location("hq/light", "hq", w(2), 2 * KWH, 800 * G, WindowFlag.GAP_SPANNED));
            store.storeWindows(ws, "computed");

            var events = new StoreFixture.Events();
            var registry = StoreFixture.registry(meter("hq/main", "hq", null), meter("hq/ahu", "hq", "hq/main"),
                    meter("hq/light", "hq", "hq/main"));
            var service = new VirtualMeterServiceImpl(registry, store, events, Clock.fixed(T0.plusSeconds(3600),
                    ZoneOffset.UTC));
            service.addDefinition(new VirtualDefinition("hq/rest", "hq", Quantity.ACTIVE_ENERGY_IMPORT,
                    "hq/main - hq/ahu - hq/light", 48, "test"));
            service.addDefinition(new VirtualDefinition("hq/share", "hq", Quantity.ACTIVE_ENERGY_IMPORT,
                    "0.4 * hq/rest", 48, "test"));

            var runs = service.onComputed(List.of("hq/light"), T0, w(4));
            assertEquals(List.of("hq/rest", "hq/share"), runs.stream().map(r -> r.virtualId()).toList());
            var rest = runs.get(0);
            assertEquals(2, rest.added()); // w0 location + market
            assertEquals(1, rest.missing()); // w1 location
            assertEquals(1, rest.negative()); // w2 location

            var loc = store.window(key("hq/rest", AccountingMethod.LOCATION_BASED, 0)).orElseThrow();
            assertEquals(5 * KWH, loc.amountNano()); // 10 - 3 - 2
            assertEquals(2_000 * G, loc.co2eMicrograms()); // 4,000 - 1,200 - 800
            assertTrue(loc.flags().contains(WindowFlag.VIRTUAL));
            assertEquals("hq", loc.siteId());
            var mkt = store.window(key("hq/rest", AccountingMethod.MARKET_BASED, 0)).orElseThrow();
            assertEquals(1_500 * G, mkt.co2eMicrograms()); // 3,000 - 900 - 600
            assertEquals(5 * KWH, mkt.coveredNano()); // 6 covered, clamped to the 5 kWh amount
            assertEquals(42, mkt.instrumentRef());
            assertTrue(store.window(key("hq/rest", AccountingMethod.LOCATION_BASED, 1)).isEmpty()); // missing
            assertTrue(store.window(key("hq/rest", AccountingMethod.LOCATION_BASED, 2)).isEmpty()); // negative

            var share = store.window(key("hq/share", AccountingMethod.LOCATION_BASED, 0)).orElseThrow();
            assertEquals(2 * KWH, share.amountNano()); // 0.4 x 5
            assertEquals(800 * G, share.co2eMicrograms()); // 0.4 x 2,000

            var posted = events.topic(Topics.ALLOCATIONS_COMPUTED);
            assertEquals(1, posted.size());
            assertEquals(List.of("hq/rest", "hq/share"), List.of((String[]) posted.get(0).getProperty(
                    EventKeys.METER_IDS)));

            // the same again: nothing changes
            var again = service.onComputed(List.of("hq/main"), T0, w(4));
            assertEquals(2, again.get(0).unchanged());
            assertEquals(0, again.get(0).added() + again.get(0).revised());
            assertEquals(1, events.topic(Topics.ALLOCATIONS_COMPUTED).size());

            // ahu's w0 revised to 4 kWh: rest becomes 4 kWh as version 2, share 1.6 kWh
            store.storeWindows(List.of(location("hq/ahu", "hq", w(0), 4 * KWH, 1_600 * G)), "late reading");
            var revised = service.onComputed(List.of("hq/ahu"), T0, w(1));
            assertEquals(1, revised.get(0).revised());
            var loc2 = store.window(key("hq/rest", AccountingMethod.LOCATION_BASED, 0)).orElseThrow();
            assertEquals(4 * KWH, loc2.amountNano());
            assertEquals(1_600 * G, loc2.co2eMicrograms());
            assertEquals(2, loc2.version());
            assertEquals(2, store.history(key("hq/rest", AccountingMethod.LOCATION_BASED, 0)).size());
            assertEquals(1_600_000_000L, store.window(key("hq/share", AccountingMethod.LOCATION_BASED, 0))
                    .orElseThrow().amountNano());

            var all = store.windows(new WindowQuery(T0, w(4), Set.of("hq/rest", "hq/share"), "", Optional.empty(),
                    Optional.empty()));
            assertEquals(4, all.size()); // rest and share, both methods, w0 only
            assertInstanceOf(VerificationReport.Intact.class, store.verify());

            var e = assertThrows(IllegalArgumentException.class, () -> service.recompute("hq/nope", T0, w(1)));
            assertTrue(e.getMessage().contains("virtual meter 'hq/nope' is not configured"), e.getMessage());
        }
    }

    @Test
    void cycleRefusedAndNothingComputed() {
        try (var store = DerbyStore.open(dir.resolve("db2"), Clock.systemUTC(), StoreOptions.defaults())) {
            store.storeWindows(List.of(location("hq/main", "hq", w(0), 10 * KWH, 4_000 * G)), "computed");
            var service = new VirtualMeterServiceImpl(StoreFixture.registry(meter("hq/main", "hq", null)), store,
                    new StoreFixture.Events(), Clock.systemUTC());
            service.addDefinition(new VirtualDefinition("v/a", "hq", Quantity.ACTIVE_ENERGY_IMPORT,
                    "hq/main - v/b", 48, "a.cfg"));
            service.addDefinition(new VirtualDefinition("v/b", "hq", Quantity.ACTIVE_ENERGY_IMPORT, "v/a", 48, "b.cfg"));
            assertTrue(service.onComputed(List.of("hq/main"), T0, w(1)).isEmpty());
            var e = assertThrows(IllegalArgumentException.class, () -> service.recompute("v/a", T0, w(1)));
            assertTrue(e.getMessage().contains("cycle v/a -> v/b -> v/a"), e.getMessage());
            assertEquals(1, store.windowCount());
        }
    }
}
