package org.gridprint.carbon.market;

import static org.gridprint.carbon.market.MarketFixtures.NANO_PER_KWH;
import static org.gridprint.carbon.market.MarketFixtures.loc;
import static org.gridprint.carbon.market.MarketFixtures.rec;
import static org.gridprint.carbon.market.MarketFixtures.site;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.carbon.market.fakes.FixedCatalog;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerbyDrawsTrialTest {
    static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    @TempDir
    Path dir;

    @Test
    void twoWritersOnDerby() throws Exception {
        try (var store = DerbyStore.open(dir.resolve("db"), Clock.systemUTC(), StoreOptions.defaults())) {
            var catalog = new FixedCatalog(store);
            long gridRef = catalog.register(catalog.add("grid", "grid/avg", FactorKind.GRID_AVERAGE, "400"));
            var clock = Clock.fixed(T0, ZoneOffset.UTC);
            new InstrumentServiceImpl(store).register(rec("REC-POOL", "1.234567", LocalDate.of(2024, 1, 1),
                    LocalDate.of(2024, 12, 31), "US", ""));
            var pool = Executors.newFixedThreadPool(2);
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<List<EmissionWindow>>>();
            long t0 = System.nanoTime();
            for (var siteId : List.of("a", "b")) {
                var pricing = new MarketPricingImpl(store, catalog, VintageRule.SAME_YEAR, a -> { }, clock);
                var site = site(siteId, "US", "", "");
                futures.add(pool.submit(() -> {
                    start.await();
                    var out = new ArrayList<EmissionWindow>();
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
                for (var w : f.get(120, TimeUnit.SECONDS)) {
                    covered += w.coveredNano();
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            pool.shutdown();
            assertEquals(1_234_567L * NANO_PER_KWH / 1000, covered);
            System.err.println("TRIAL: 200 market windows with draws on Derby in " + ms + " ms; balance versions "
                    + store.history("instrument-use", "balance/REC-POOL").size());
            // recompute all again: no new writes
            long before = store.history("instrument-use", "balance/REC-POOL").size();
            var pricing = new MarketPricingImpl(store, catalog, VintageRule.SAME_YEAR, a -> { }, clock);
            long t1 = System.nanoTime();
            for (var siteId : List.of("a", "b")) {
                var ws = new ArrayList<EmissionWindow>();
                for (int h = 0; h < 100; h++) {
                    ws.add(loc(siteId + "/m", siteId, T0.plusSeconds(3600L * h), 7, gridRef, 0));
                }
                pricing.marketWindows(site(siteId, "US", "", ""), ws, T0);
            }
            System.err.println("TRIAL: recompute 200 windows in " + (System.nanoTime() - t1) / 1_000_000 + " ms");
            assertEquals(before, store.history("instrument-use", "balance/REC-POOL").size());
            // one call of 720 hourly windows (a month) of a third site with its own 5 MWh REC
            new InstrumentServiceImpl(store).register(rec("REC-C", "5", LocalDate.of(2024, 1, 1),
                    LocalDate.of(2024, 12, 31), "US", "c"));
            var month = new ArrayList<EmissionWindow>();
            for (int h = 0; h < 720; h++) {
                month.add(loc("c/m", "c", T0.plusSeconds(3600L * h), 5, gridRef, 0));
            }
            long t2 = System.nanoTime();
            var mw = pricing.marketWindows(site("c", "US", "", ""), month, T0);
            System.err.println("TRIAL: one call of 720 windows with draws in " + (System.nanoTime() - t2) / 1_000_000
                    + " ms; covered " + mw.stream().mapToLong(EmissionWindow::coveredNano).sum());
            long t3 = System.nanoTime();
            pricing.marketWindows(site("c", "US", "", ""), month, T0);
            System.err.println("TRIAL: the same 720 again in " + (System.nanoTime() - t3) / 1_000_000 + " ms");
            var report = store.verify();
            System.err.println("TRIAL: verify " + report);
        }
    }
}
