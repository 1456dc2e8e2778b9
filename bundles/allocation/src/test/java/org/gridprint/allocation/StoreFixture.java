package org.gridprint.allocation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Builders for the component tests on a real Derby store. */
public final class StoreFixture {

    public static final long KWH = 1_000_000_000L;
    /** µg per gram. */
    public static final long G = 1_000_000L;
    public static final Duration Q = Duration.ofMinutes(15);

    private StoreFixture() {
    }

    /** A Scope 2 window of 15 minutes. */
    public static EmissionWindow window(String meter, String site, AccountingMethod method, Instant start, long nano,
            long micrograms, long coveredNano, long instrumentRef, WindowFlag... flags) {
        return new EmissionWindow(meter, site, Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2, method, start,
                start.plus(Q), nano, micrograms, 7, instrumentRef, coveredNano, Quality.GOOD,
                flags.length == 0 ? Set.of() : Set.of(flags), start.minusSeconds(5), start.plus(Q).plusSeconds(5), 1,
                start);
    }

    public static EmissionWindow location(String meter, String site, Instant start, long nano, long micrograms,
            WindowFlag... flags) {
        return window(meter, site, AccountingMethod.LOCATION_BASED, start, nano, micrograms, 0, 0, flags);
    }

    public static EmissionWindow market(String meter, String site, Instant start, long nano, long micrograms,
            long coveredNano) {
        return window(meter, site, AccountingMethod.MARKET_BASED, start, nano, micrograms, coveredNano,
                coveredNano > 0 ? 42 : 0);
    }

    /** A meter with a parent and tags. */
    public static Meter meter(String id, String site, String parent, String... tags) {
        return new Meter(id, id, site, "", "", "", "", "", List.of(tags), Optional.ofNullable(parent), 0);
    }

    /** A registry of fixed meters (the MeterRegistry contract: sorted by id). */
    public static MeterRegistry registry(Meter... meters) {
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

    /** Records posted and sent events. */
    public static final class Events implements EventAdmin {
        public final List<Event> events = new ArrayList<>();

        @Override
        public synchronized void postEvent(Event event) {
            events.add(event);
        }

        @Override
        public synchronized void sendEvent(Event event) {
            events.add(event);
        }

        public synchronized List<Event> topic(String topic) {
            return events.stream().filter(e -> e.getTopic().equals(topic)).toList();
        }
    }

    public static Map<String, Object> props(Object... kv) {
        var m = new TreeMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
