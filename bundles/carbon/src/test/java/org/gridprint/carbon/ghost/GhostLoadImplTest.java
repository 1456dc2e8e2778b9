package org.gridprint.carbon.ghost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.carbon.market.MarketPricingImpl;
import org.gridprint.carbon.market.VintageRule;
import org.gridprint.carbon.market.fakes.FixedCatalog;
import org.gridprint.carbon.market.fakes.MemoryRegister;
import org.gridprint.carbon.market.fakes.MemoryWindowStore;
import org.gridprint.carbon.site.Site;
import org.gridprint.carbon.site.Sites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

class GhostLoadImplTest {

    static final Instant NOW = Instant.parse("2024-04-01T12:00:00Z");
    static final long NANO_PER_KWH = 1_000_000_000L;

    MemoryRegister register;
    FixedCatalog catalog;
    MemoryWindowStore store;
    List<Event> events;
    GhostLoadImpl ghost;
    Map<String, Site> siteMap;

    @BeforeEach
    void setUp() {
        register = new MemoryRegister();
        catalog = new FixedCatalog(register);
        catalog.add("grid/DE", "operator/de-grid-2024", FactorKind.GRID_AVERAGE, "380");
        store = new MemoryWindowStore();
        events = new ArrayList<>();
        siteMap = new HashMap<>();
        siteMap.put("berlin", new Site("berlin", "Berlin", ZoneId.of("Europe/Berlin"), "AR5", Duration.ofHours(1),
                List.of("grid/DE"), "", "EU", "", "", Map.of(), new BigDecimal("100"), Map.of(),
                Duration.ofMinutes(15), List.of(), List.of(), ""));
        Sites sites = new Sites() {
            @Override
            public Optional<Site> site(String id) {
                return Optional.ofNullable(siteMap.get(id));
            }

            @Override
            public Collection<Site> sites() {
                return siteMap.values();
            }
        };
        EventAdmin eventAdmin = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                events.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                events.add(event);
            }
        };
        var clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var market = new MarketPricingImpl(register, catalog, VintageRule.SAME_YEAR, a -> { }, clock);
        ghost = new GhostLoadImpl(sites, store, catalog, market, register, null, eventAdmin, clock);
    }

    private static Map<String, Object> config(String occupancy) {
        var m = new HashMap<String, Object>();
        m.put("service.pid", "org.gridprint.carbon.asset~server-room");
        m.put("id", "berlin/server-room");
        m.put("site", "berlin");
        m.put("ratedKw", "2");
        m.put("leakageMultiplier", "1.5");
        m.put("occupancy", occupancy);
        m.put("since", "2024-03-29");
        return m;
    }

    @Test
    void aWeekendInBerlinAcrossTheSpringForwardChangeIs66GhostHours() {
        assertEquals(15, ghost.configure(config("Mon-Fri 07:00-19:00")));
        int stored = ghost.runOnce(NOW);
        // from Fri 2024-03-29 00:00 CET (= 2024-03-28T23:00Z) to 2024-04-01T12:00Z: unoccupied Fri 00:00-07:00 (7 h)
        // and Fri 19:00 CET .. Mon 07:00 CEST (59 real hours: Sunday has 23): 66 hours at 2 kW x 1.5 = 3 kW
        assertEquals(66, stored);
        var loc = store.all().stream().filter(w -> w.method() == AccountingMethod.LOCATION_BASED).toList();
        var mkt = store.all().stream().filter(w -> w.method() == AccountingMethod.MARKET_BASED).toList();
        assertEquals(66, loc.size());
        assertEquals(66, mkt.size());
        long nano = loc.stream().mapToLong(w -> w.amountNano()).sum();
        assertEquals(198 * NANO_PER_KWH, nano, "66 h x 3 kW = 198 kWh");
        long co2e = loc.stream().mapToLong(w -> w.co2eMicrograms()).sum();
        assertEquals(75_240_000_000L, co2e, "198 kWh x 380 g/kWh = 75,240 g");
        for (var w : loc) {
            assertEquals(3 * NANO_PER_KWH, w.amountNano(), w.toString());
            assertEquals(Quality.ESTIMATED, w.quality());
            assertEquals(Set.of(WindowFlag.GHOST_LOAD), w.flags());
            assertEquals("berlin/server-room", w.meterId());
        }
        for (var w : mkt) {
            assertEquals(Set.of(WindowFlag.GHOST_LOAD, WindowFlag.GRID_AVERAGE_DISCLOSED), w.flags());
        }
        // the hour after the change: 2024-03-31T01:00Z = 03:00 CEST is a ghost hour; Monday 05:00Z (07:00 CEST) is not
        assertTrue(loc.stream().anyMatch(w -> w.start().equals(Instant.parse("2024-03-31T01:00:00Z"))));
        assertTrue(loc.stream().noneMatch(w -> w.start().equals(Instant.parse("2024-04-01T05:00:00Z"))));
        assertTrue(loc.stream().anyMatch(w -> w.start().equals(Instant.parse("2024-04-01T04:00:00Z"))));
        assertEquals(List.of("ghost load"), store.reasons);
        assertEquals(Optional.of(NOW), ghost.computedUntil());
        assertTrue(register.get("asset", "berlin/server-room").orElseThrow().text().contains("ratedKw=2\n"));
    }

    @Test
    void runningAgainOrAfterARestartStoresNothingNew() {
        ghost.configure(config("Mon-Fri 07:00-19:00"));
        ghost.runOnce(NOW);
        assertEquals(0, ghost.runOnce(NOW.plusSeconds(600)));
        assertEquals(1, store.reasons.size());
        // a new component (restart): starts after the last stored window (Mon 04:00Z-05:00Z); Monday is occupied
        ghost.configure(config("Mon-Fri 07:00-19:00"));
        assertEquals(0, ghost.runOnce(NOW));
        assertEquals(132, store.windowCount());
    }

    @Test
    void aPartlyOccupiedWindowGetsItsShare() {
        ghost.configure(config("Mon-Fri 07:30-19:00"));
        ghost.runOnce(NOW);
        // Monday 07:00-07:30 CEST = 05:00Z-05:30Z: 0.5 h x 3 kW = 1.5 kWh
        var w = store.all().stream().filter(x -> x.method() == AccountingMethod.LOCATION_BASED
                && x.start().equals(Instant.parse("2024-04-01T05:00:00Z"))).findFirst().orElseThrow();
        assertEquals(1_500_000_000L, w.amountNano());
        // 1.5 kWh x 380 g = 570 g
        assertEquals(570_000_000L, w.co2eMicrograms());
    }

    @Test
    void aRunIsBoundedTo31Days() {
        var c = config("Mon-Fri 07:00-19:00");
        c.put("since", "2024-01-01");
        ghost.configure(c);
        ghost.runOnce(NOW);
        // 2024-01-01 00:00 CET = 2023-12-31T23:00Z, plus 31 days
        assertEquals(Optional.of(Instant.parse("2024-01-31T23:00:00Z")), ghost.computedUntil());
        ghost.runOnce(NOW);
        assertEquals(Optional.of(Instant.parse("2024-03-02T23:00:00Z")), ghost.computedUntil());
    }

    @Test
    void anUnknownSiteOrAMissingFactorStoresNothingAndStopsNothing() {
        var c = config("Mon-Fri 07:00-19:00");
        c.put("site", "nowhere");
        ghost.configure(c);
        assertEquals(0, ghost.runOnce(NOW));
        siteMap.put("nowhere", new Site("nowhere", "", ZoneId.of("UTC"), "AR5", Duration.ofHours(1),
                List.of("grid/none"), "", "EU", "", "", Map.of(), BigDecimal.TEN, Map.of(), Duration.ofMinutes(15),
                List.of(), List.of(), ""));
        assertEquals(0, ghost.runOnce(NOW));
        assertEquals(0, store.windowCount());
        assertEquals(Optional.of(Instant.parse("2024-03-29T00:00:00Z")), ghost.computedUntil(), "waits at the first"
                + " window without a factor");
    }

    @Test
    void aBadConfigurationNamesPidFieldsAndValues() {
        var c = config("Mon-Fry 07:00-19:00");
        c.put("ratedKw", "2,5");
        c.put("site", "");
        c.put("since", "29.03.2024");
        assertEquals(0, ghost.configure(c));
        assertEquals(1, events.size());
        var message = (String) events.get(0).getProperty("message");
        assertEquals("gridprint/alarms/CONFIG_ERROR", events.get(0).getTopic());
        assertTrue(message.contains("org.gridprint.carbon.asset~server-room: ratedKw = '2,5' is not a number"), message);
        assertTrue(message.contains("site is missing"), message);
        assertTrue(message.contains("occupancy = 'Mon-Fry 07:00-19:00'"), message);
        assertTrue(message.contains("since = '29.03.2024' is not a date"), message);
        assertEquals(0, ghost.runOnce(NOW));
    }
}
