package org.gridprint.carbon.intensity;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.carbon.testkit.FakeIntensityStore;
import org.gridprint.testing.MutableClock;

/** Wiring shared by the intensity tests: a service on fakes, providers from raw properties, a catalog stub. */
final class Fixtures {

    final FakeIntensityStore store = new FakeIntensityStore();
    final FakeRecordRegister register = new FakeRecordRegister();
    final RecordingEventAdmin events = new RecordingEventAdmin();
    final MutableClock clock;
    final IntensityServiceImpl service;

    Fixtures(Instant now, FactorCatalog catalog) {
        clock = new MutableClock(now);
        service = new IntensityServiceImpl(store, register, catalog, events, clock);
    }

    Fixtures(Instant now) {
        this(now, null);
    }

    /** A provider of {@code kind} from .cfg-like properties (key, value, ...); the PID is {@code <kind pid>~<id>}. */
    IntensityProvider add(ProviderKind kind, String... kv) {
        var p = provider(kind, kv);
        service.addProvider(p);
        return p;
    }

    static IntensityProvider provider(ProviderKind kind, String... kv) {
        Map<String, Object> props = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            props.put(kv[i], kv[i + 1]);
        }
        props.putIfAbsent("service.pid", kind.pid() + "~" + props.getOrDefault("id", "x"));
        var config = ProviderConfigParser.parse(kind, props, null);
        return IntensityProvider.of(config);
    }

    /** A catalog that knows only the given eGRID subregions (ids {@code egrid2022/subregion/<X>/co2e}). */
    static FactorCatalog catalogKnowing(String... subregions) {
        return new FactorCatalog() {
            @Override
            public List<FactorVersion> factors(String filter) {
                return java.util.Arrays.stream(subregions).filter(s -> s.contains(filter) || filter.isEmpty())
                        .map(s -> new FactorVersion("egrid2022/subregion/" + s + "/co2e",
                                org.gridprint.api.carbon.FactorKind.GRID_AVERAGE,
                                org.gridprint.api.carbon.Scope.SCOPE_2,
                                org.gridprint.api.carbon.AccountingMethod.LOCATION_BASED, s,
                                new java.math.BigDecimal("1"), "lb/MWh", new java.math.BigDecimal("0.45359237"),
                                "kWh", "AR4", "EPA eGRID2022 Table 1", "eGRID2022", Instant.parse(
                                        "2022-01-01T00:00:00Z"), Instant.parse("2023-01-01T00:00:00Z"), "catalog",
                                false, ""))
                        .toList();
            }

            @Override
            public Optional<FactorVersion> factor(String id) {
                return Optional.empty();
            }

            @Override
            public Optional<FactorVersion> byRef(long ref) {
                return Optional.empty();
            }

            @Override
            public Optional<Selection> select(String series, Instant at, String gwpSet) {
                return Optional.empty();
            }

            @Override
            public long register(FactorVersion factor) {
                return 1;
            }

            @Override
            public String policy() {
                return "";
            }
        };
    }
}
