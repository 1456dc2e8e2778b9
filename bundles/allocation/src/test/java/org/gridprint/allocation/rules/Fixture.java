package org.gridprint.allocation.rules;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.allocation.Allocation;
import org.gridprint.api.allocation.AllocationRequest;
import org.gridprint.api.allocation.AllocationShare;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.RecordRegister;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** A site {@code s} with meters, windows, readings and rules for the allocation tests. */
class Fixture {

    static final String SITE = "s";
    static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z"); // a Monday

    final Map<String, Meter> meters = new LinkedHashMap<>();
    final EmissionWindowStore windows;
    final RecordRegister register;
    final ReadingStore readingStore;
    final MemoryReadings readings;
    final List<RuleConfiguration> rules = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    AllocationServiceImpl service;

    Fixture() {
        this(new MemoryWindows(), new MemoryRegister(), new MemoryReadings());
    }

    Fixture(EmissionWindowStore windows, RecordRegister register, ReadingStore readings) {
        this.windows = windows;
        this.register = register;
        this.readingStore = readings;
        this.readings = readings instanceof MemoryReadings m ? m : null;
    }

    Fixture meter(String id, String parent, String department) {
        meters.put(id, new Meter(id, id, SITE, "", "", "", department, "", List.of(), Optional.ofNullable(parent), 0));
        return this;
    }

    Fixture meter(Meter m) {
        meters.put(m.id(), m);
        return this;
    }

    /** Location and market twins of one hour: kWh and grams as decimal text, exact. */
    Fixture hour(String meter, int hour, String kWh, String locationGrams, String marketGrams, String coveredKWh) {
        var start = T0.plusSeconds(3600L * hour);
        long nano = new BigDecimal(kWh).movePointRight(9).longValueExact();
        long loc = new BigDecimal(locationGrams).movePointRight(6).longValueExact();
        long mkt = new BigDecimal(marketGrams).movePointRight(6).longValueExact();
        long covered = new BigDecimal(coveredKWh).movePointRight(9).longValueExact();
        windows.storeWindows(List.of(window(meter, start, AccountingMethod.LOCATION_BASED, nano, loc, 0),
                window(meter, start, AccountingMethod.MARKET_BASED, nano, mkt, covered)), "test");
        return this;
    }

    Fixture hour(String meter, int hour, String kWh) {
        return hour(meter, hour, kWh, "0", "0", "0");
    }

    static EmissionWindow window(String meter, Instant start, AccountingMethod method, long nano, long micrograms,
            long covered) {
        return new EmissionWindow(meter, SITE, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, method, start,
                start.plusSeconds(3600), nano, micrograms, 7, covered > 0 ? 9 : 0, covered, Quality.GOOD, null, start,
                start.plusSeconds(3600), 1, start.plusSeconds(7200));
    }

    Fixture rule(String name, String... keyValues) {
        var props = new LinkedHashMap<String, Object>();
        props.put("site", SITE);
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        rules.add(RuleConfiguration.of(RuleFields.PID + "~" + name, props));
        return this;
    }

    AllocationServiceImpl service() {
        if (service == null) {
            MeterRegistry registry = new MeterRegistry() {
                @Override
                public Optional<Meter> meter(String id) {
                    return Optional.ofNullable(meters.get(id));
                }

                @Override
                public Collection<Meter> meters() {
                    return meters.values();
                }
            };
            EventAdmin ea = new EventAdmin() {
                @Override
                public void postEvent(Event event) {
                    events.add(event);
                }

                @Override
                public void sendEvent(Event event) {
                    events.add(event);
                }
            };
            service = new AllocationServiceImpl(windows, register, readingStore, registry, rules, ea,
                    Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC));
        }
        return service;
    }

    Allocation allocate(int hours) {
        return service().allocate(request(hours, false, ""));
    }

    static AllocationRequest request(int hours, boolean recalculate, String reason) {
        return new AllocationRequest(SITE, "department", T0, T0.plusSeconds(3600L * hours), ZoneOffset.UTC,
                recalculate, reason);
    }

    static AllocationShare share(Allocation a, String target) {
        return a.shares().stream().filter(s -> s.target().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError("no share for " + target + " in " + a.shares()));
    }

    /** Exact sum of a target's window parts: energy nano-kWh. */
    static long windowEnergy(Allocation a, String target) {
        return a.windows().stream().filter(w -> w.target().equals(target)).mapToLong(w -> w.energyNano()).sum();
    }
}
