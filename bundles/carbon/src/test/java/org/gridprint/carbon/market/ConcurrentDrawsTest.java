package org.gridprint.carbon.market;

import static org.gridprint.carbon.market.MarketFixtures.NANO_PER_KWH;
import static org.gridprint.carbon.market.MarketFixtures.loc;
import static org.gridprint.carbon.market.MarketFixtures.rec;
import static org.gridprint.carbon.market.MarketFixtures.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.carbon.market.fakes.FixedCatalog;
import org.gridprint.carbon.market.fakes.MemoryRegister;
import org.junit.jupiter.api.Test;

/** Two real threads (two engines, two sites) draw from one REC at once: the REC is used up exactly, never more. */
class ConcurrentDrawsTest {

    static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    @Test
    void twoWritersOnTwoSitesNeverOverdrawOneRec() throws Exception {
        var register = new MemoryRegister();
        var catalog = new FixedCatalog(register);
        long gridRef = catalog.register(catalog.add("grid", "grid/avg", FactorKind.GRID_AVERAGE, "400"));
        var clock = Clock.fixed(T0, ZoneOffset.UTC);
        new InstrumentServiceImpl(register).register(rec("REC-POOL", "1.234567", LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 12, 31), "US", ""));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<List<EmissionWindow>>>();
            for (var siteId : List.of("a", "b")) {
                var pricing = new MarketPricingImpl(register, catalog, VintageRule.SAME_YEAR, a -> { }, clock);
                var site = site(siteId, "US", "", "");
                futures.add(pool.submit(() -> {
                    start.await();
                    var out = new ArrayList<EmissionWindow>();
                    // 100 hours of 7 kWh per site, one window per call (as a worker stores them)
                    for (int h = 0; h < 100; h++) {
                        out.addAll(pricing.marketWindows(site, List.of(loc(siteId + "/m", siteId,
                                T0.plusSeconds(3600L * h), 7, gridRef, 0)), T0));
                    }
                    return out;
                }));
            }
            start.countDown();
            long covered = 0;
            for (var f : futures) {
                for (var w : f.get(60, TimeUnit.SECONDS)) {
                    covered += w.coveredNano();
                    assertTrue(w.coveredNano() <= w.amountNano());
                }
            }
            // 2 x 100 x 7 kWh = 1,400 kWh wanted; the REC holds 1.234567 MWh = 1,234.567 kWh: all of it, no more
            assertEquals(1_234_567L * NANO_PER_KWH / 1000, covered);
            assertEquals(0, new InstrumentServiceImpl(register).remainingMwh("REC-POOL").signum());
        } finally {
            pool.shutdownNow();
        }
    }
}
