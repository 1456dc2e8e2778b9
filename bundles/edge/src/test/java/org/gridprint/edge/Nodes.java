package org.gridprint.edge;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.gridprint.api.Meter;
import org.gridprint.api.edge.OutboxPolicy;
import org.gridprint.core.IngestServiceImpl;
import org.gridprint.core.MeterRegistryImpl;
import org.gridprint.mqtt.central.CentralLink;
import org.gridprint.mqtt.central.CentralSettings;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.OutboxSettings;
import org.gridprint.store.derby.StoreOptions;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Real parts for the edge tests: an edge (Derby store with outbox, core ingest, forwarder) and a central. */
final class Nodes {

    static final String TOPICS = "gridprint/edge/";

    private Nodes() {
    }

    static List<Meter> meters(int n) {
        var out = new ArrayList<Meter>();
        for (int i = 0; i < n; i++) {
            out.add(Meter.of(String.format("site/m%03d", i), "site"));
        }
        return out;
    }

    static IngestServiceImpl ingest(DerbyStore store, List<Meter> meters) {
        meters.forEach(store::registerMeter);
        return new IngestServiceImpl(store, MeterRegistryImpl.of(meters), Clock.systemUTC(), new NoEvents());
    }

    /** The edge: its own store with an outbox, ingest, and (once started) the forwarder. */
    static final class Edge implements AutoCloseable {
        final DerbyStore store;
        final IngestServiceImpl ingest;
        final RecordedAlarms alarms;
        final Forwarder forwarder;

        Edge(Path dir, List<Meter> meters, long capacity, EdgeSettings settings, RecordedAlarms alarms) {
            store = DerbyStore.open(dir, Clock.systemUTC(), StoreOptions.defaults(),
                    OutboxSettings.of(capacity, OutboxPolicy.REFUSE_NEW));
            ingest = ingest(store, meters);
            this.alarms = alarms;
            forwarder = new Forwarder(settings, store, alarms.conditions, Clock.systemUTC()).start();
        }

        long depth() {
            return store.outboxStatus().readings();
        }

        @Override
        public void close() {
            forwarder.close();
            store.close();
        }
    }

    /** The central: its own store, ingest, and the MQTT receiver that acknowledges after the commit. */
    static final class Central implements AutoCloseable {
        final DerbyStore store;
        final IngestServiceImpl ingest;
        final CentralLink link;

        Central(Path dir, List<Meter> meters, String serverUri, RecordedAlarms alarms) {
            this(dir, meters, centralSettings(serverUri), alarms);
        }

        Central(Path dir, List<Meter> meters, CentralSettings settings, RecordedAlarms alarms) {
            store = DerbyStore.open(dir, Clock.systemUTC(), StoreOptions.defaults());
            ingest = ingest(store, meters);
            link = new CentralLink(settings, ingest, alarms.conditions, Clock.systemUTC());
            link.start();
        }

        @Override
        public void close() {
            link.close();
            store.close();
        }
    }

    static CentralSettings centralSettings(String uri) {
        return CentralSettings.of(uri, "gridprint-central-test", TOPICS).withReconnect(100, 1000);
    }

    static EdgeSettings edgeSettings(String uri) {
        return EdgeSettings.of("edge-1", uri).withAckTimeoutMillis(3000).withReconnect(200, 2000)
                .withDrainRate(20_000);
    }

    static void await(String what, long maxMillis, BooleanSupplier condition) throws InterruptedException {
        long rounds = Math.max(1, maxMillis / 50);
        for (long i = 0; i < rounds; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("timed out after " + maxMillis + " ms waiting for " + what);
    }

    /** Ingest posts its events here; the tests read the stores. */
    static final class NoEvents implements EventAdmin {
        @Override
        public void postEvent(Event event) {
        }

        @Override
        public void sendEvent(Event event) {
        }
    }
}
