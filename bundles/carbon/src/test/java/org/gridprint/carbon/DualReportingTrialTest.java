package org.gridprint.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Instrument;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.carbon.catalog.FactorCatalogImpl;
import org.gridprint.carbon.market.InstrumentServiceImpl;
import org.gridprint.carbon.market.MarketPricingImpl;
import org.gridprint.carbon.market.VintageRule;
import org.gridprint.carbon.site.Site;
import org.gridprint.carbon.site.SiteConfiguration;
import org.gridprint.carbon.site.SitesImpl;
import org.gridprint.carbon.testkit.FakeIntensityService;
import org.gridprint.carbon.testkit.FakeMeters;
import org.gridprint.carbon.testkit.FakeReadings;
import org.gridprint.carbon.testkit.RecordingEventAdmin;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DualReportingTrialTest {
    @TempDir
    Path dir;

    @Test
    void recsCoverSixtyPercentThroughEngineCatalogMarketAndDerby() throws Exception {
        var ops = Files.createDirectories(dir.resolve("factors"));
        Files.writeString(ops.resolve("residual.csv"), "series,value,unit,kind,source,edition,validFrom\n"
                + "us-residual,661.4,lb/MWh,RESIDUAL_MIX,test residual mix,test 2022,2022-01-01\n");
        try (var store = DerbyStore.open(dir.resolve("db"), Clock.systemUTC(), StoreOptions.defaults())) {
            var events = new RecordingEventAdmin();
            var catalog = new FactorCatalogImpl(store, ops, events);
            var clock = Clock.fixed(Instant.parse("2023-01-10T00:00:00Z"), ZoneOffset.UTC);
            var alarms = new ArrayList<org.gridprint.api.Alarm>();
            var market = new MarketPricingImpl(store, catalog, VintageRule.SAME_YEAR, alarms::add, clock);
            new InstrumentServiceImpl(store).register(new Instrument("WREGIS-2022-1", "REC", new BigDecimal("0.6"),
                    LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), "US", "WREGIS", "RET-1", "ca",
                    BigDecimal.ZERO, "test"));
            var readings = new FakeReadings();
            var meters = new FakeMeters();
            meters.add(Meter.of("ca/main", "ca"));
            var sites = new SitesImpl(List.of(), events);
            sites.addConfiguration(SiteConfiguration.of(new Site("ca", "ca", java.time.ZoneId.of("UTC"), "AR5",
                    java.time.Duration.ofMinutes(60), List.of("egrid/subregion/CAMX/co2e"), "", "US", "",
                    "operator/us-residual", java.util.Map.of(), BigDecimal.ZERO, java.util.Map.of(),
                    java.time.Duration.ofMinutes(90), List.of(), List.of(), "")));
            var t = Instant.parse("2022-06-01T00:00:00Z");
            for (int h = 0; h <= 10; h++) {
                readings.add(new Reading("ca/main", Quantity.ACTIVE_ENERGY_IMPORT, t.plusSeconds(3600L * h),
                        5000.0 + 100 * h, Quality.GOOD, "test"));
            }
            var engine = new CarbonEngineImpl(readings, store, meters, sites, catalog, market,
                    new FakeIntensityService(), events, clock, Runnable::run);
            System.err.println("TRIAL run " + engine.recompute("ca/main"));
            var q = new WindowQuery(Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z"), Set.of("ca/main"), "",
                    Optional.of(Scope.SCOPE_2), Optional.empty());
            var ws = store.windows(q);
            long lb = ws.stream().filter(w -> w.method() == AccountingMethod.LOCATION_BASED)
                    .mapToLong(EmissionWindow::co2eMicrograms).sum();
            long mb = ws.stream().filter(w -> w.method() == AccountingMethod.MARKET_BASED)
                    .mapToLong(EmissionWindow::co2eMicrograms).sum();
            long covered = ws.stream().mapToLong(EmissionWindow::coveredNano).sum();
            System.err.println("TRIAL windows " + ws.size() + " lb " + lb + " mb " + mb + " covered " + covered
                    + " alarms " + alarms);
            // 1,000 kWh x 499.3 lb/MWh x 0.45359237 = 226,478.670341 g
            assertEquals(10 * 22_647_867_034L, lb); // 100 kWh x 226.478670341 g per window, rounded per window
            // 400 kWh x 661.4 lb/MWh x 0.45359237 = 400 x 300.0060935... g = 120,002.4374... g
            assertEquals(600_000_000_000L, covered);
            // windows 7-10 uncovered: 100 kWh x 661.4 x 0.45359237 = 30,000.5993518 g each
            assertEquals(4 * 30_000_599_352L, mb);
            System.err.println("TRIAL verify " + store.verify());
        }
    }
}
