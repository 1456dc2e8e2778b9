package org.gridprint.carbon;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.carbon.site.Site;
import org.gridprint.carbon.site.SiteConfiguration;
import org.gridprint.carbon.site.SitesImpl;
import org.gridprint.carbon.testkit.FakeFactorCatalog;
import org.gridprint.carbon.testkit.FakeIntensityService;
import org.gridprint.carbon.testkit.FakeMarketPricing;
import org.gridprint.carbon.testkit.FakeMeters;
import org.gridprint.carbon.testkit.FakeReadings;
import org.gridprint.carbon.testkit.FakeRecordRegister;
import org.gridprint.carbon.testkit.FakeWindowStore;
import org.gridprint.carbon.testkit.MutableClock;
import org.gridprint.carbon.testkit.RecordingEventAdmin;

/** An engine over the testkit's fakes, run on the caller's thread. */
final class EngineFixture {

    final FakeReadings readings = new FakeReadings();
    final FakeWindowStore store = new FakeWindowStore();
    final FakeMeters meters = new FakeMeters();
    final FakeRecordRegister register = new FakeRecordRegister();
    final FakeFactorCatalog catalog = new FakeFactorCatalog(register);
    final FakeIntensityService intensity = new FakeIntensityService();
    final FakeMarketPricing market = new FakeMarketPricing();
    final RecordingEventAdmin events = new RecordingEventAdmin();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
    final SitesImpl sites = new SitesImpl(List.of(), events);
    final CarbonEngineImpl engine = new CarbonEngineImpl(readings, store, meters, sites, catalog, market, intensity,
            events, clock, Runnable::run);

    static Site site(String id, List<String> locationSeries) {
        return new Site(id, id, ZoneId.of("UTC"), "AR5", Duration.ofMinutes(60), locationSeries, "", "US", "", "",
                Map.of(), BigDecimal.ZERO, Map.of(), Duration.ofMinutes(15), List.of(), List.of(), "");
    }

    EngineFixture site(Site s) {
        sites.addConfiguration(SiteConfiguration.of(s));
        return this;
    }

    EngineFixture meter(String id, String siteId) {
        meters.add(Meter.of(id, siteId));
        return this;
    }

    /** Counter readings: alternating instant text and kWh value. */
    EngineFixture counter(String meterId, Quantity q, Object... timeValue) {
        for (var i = 0; i < timeValue.length; i += 2) {
            readings.add(new Reading(meterId, q, Instant.parse((String) timeValue[i]),
                    ((Number) timeValue[i + 1]).doubleValue(), Quality.GOOD, "test"));
        }
        return this;
    }

    EngineFixture energy(String meterId, Object... timeValue) {
        return counter(meterId, Quantity.ACTIVE_ENERGY_IMPORT, timeValue);
    }

    List<EmissionWindow> windows(String meterId, Scope scope, AccountingMethod method) {
        return store.windows(new WindowQuery(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"),
                java.util.Set.of(meterId), "", java.util.Optional.of(scope), java.util.Optional.of(method)));
    }

    List<EmissionWindow> lb(String meterId) {
        return windows(meterId, Scope.SCOPE_2, AccountingMethod.LOCATION_BASED);
    }

    static List<Long> amounts(List<EmissionWindow> ws) {
        var out = new ArrayList<Long>();
        ws.forEach(w -> out.add(w.amountNano()));
        return out;
    }
}
