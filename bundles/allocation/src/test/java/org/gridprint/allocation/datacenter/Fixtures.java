package org.gridprint.allocation.datacenter;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.gridprint.api.Meter;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Instrument;
import org.gridprint.api.carbon.InstrumentService;
import org.gridprint.api.carbon.Offset;
import org.gridprint.api.carbon.Scope;

/** Windows, meters and small fakes that follow the api contracts (registry, offsets register). */
final class Fixtures {

    static final long KWH = 1_000_000_000L;
    static final long G = 1_000_000L;

    private Fixtures() {
    }

    static EmissionWindow window(String meter, String site, AccountingMethod method, Instant start, long nano, long ug,
            long factorRef, long instrumentRef, long covered) {
        var end = start.plus(Duration.ofHours(1));
        return new EmissionWindow(meter, site, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, method, start, end, nano,
                ug, factorRef, instrumentRef, covered, Quality.GOOD, Set.of(), start.minusSeconds(5),
                end.plusSeconds(5), 1, Instant.parse("2026-12-01T00:00:00Z"));
    }

    static Meter meter(String id, String site, String assetType, String tenant, String parent) {
        return new Meter(id, id, site, "", assetType, "3P", "", tenant, List.of(),
                parent == null ? Optional.empty() : Optional.of(parent), 0);
    }

    /** A meter registry holding the given meters (the contract: lookup by id, all sorted by id). */
    static MeterRegistry registry(Meter... meters) {
        var map = new TreeMap<String, Meter>();
        for (var m : meters) {
            map.put(m.id(), m);
        }
        return new MeterRegistry() {
            @Override
            public Optional<Meter> meter(String id) {
                return Optional.ofNullable(map.get(id));
            }

            @Override
            public Collection<Meter> meters() {
                return List.copyOf(map.values());
            }
        };
    }

    /** The offsets register part of the instrument service (instruments are not used by statements). */
    static InstrumentService offsets(Offset... offsets) {
        return new InstrumentService() {
            @Override
            public Instrument register(Instrument instrument) {
                throw new UnsupportedOperationException("not used by statements");
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
                throw new UnsupportedOperationException("not used by statements");
            }

            @Override
            public List<Offset> offsets() {
                return List.of(offsets);
            }
        };
    }

    static DataCenterSiteImpl site(Map<String, Object> props) {
        var s = new DataCenterSiteImpl();
        s.activate(props);
        return s;
    }

    static ServerTypeImpl serverType(Map<String, Object> props) {
        var s = new ServerTypeImpl();
        s.activate(props);
        return s;
    }
}
