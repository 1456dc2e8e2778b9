package org.gridprint.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.edge.OutboxPolicy;
import org.gridprint.core.IngestServiceImpl;
import org.gridprint.core.MeterRegistryImpl;
import org.gridprint.driver.toolkit.EventAlarmConditions;
import org.gridprint.edge.EdgeSettings;
import org.gridprint.edge.Forwarder;
import org.gridprint.mqtt.central.CentralLink;
import org.gridprint.mqtt.central.CentralSettings;
import org.gridprint.store.derby.DerbyStore;
import org.gridprint.store.derby.OutboxSettings;
import org.gridprint.store.derby.StoreOptions;
import org.gridprint.testing.Mosquitto;

/**
 * Outbox drain after an outage: an edge store (outbox on) holds the backlog of a 10-minute outage of 100 meters at
 * 1 s (600 batches of 100 readings = 60,000), stored through the real ingest while no forwarder ran; then the
 * forwarder starts against a central (own Derby store, the mqtt bundle's central link) over a real mosquitto, and the
 * time until the outbox is empty and the central holds all 60,000 readings is measured. One phase per drain rate
 * limit given. Bounded; deletes its directories.
 *
 * <pre>
 * --drain R1,R2,...   drain rate limits, readings/s (default 5000,1000000: the configuration's default, and
 *                     practically unlimited)
 * --minutes N         outage length in minutes (default 10)
 * --batch B           readings per forwarded batch (default 500)
 * --inflight F        batches in flight (default 4)
 * </pre>
 */
public final class OutboxDrainBench {

    private static final int METERS = 100;

    private OutboxDrainBench() {
    }

    public static void main(String[] args) throws Exception {
        var drains = List.of(5000, 1_000_000);
        int minutes = 10;
        int batch = 500;
        int inflight = 4;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--drain" -> {
                    var list = new ArrayList<Integer>();
                    for (var s : args[i + 1].split(",")) {
                        list.add(Integer.parseInt(s.trim()));
                    }
                    drains = list;
                }
                case "--minutes" -> minutes = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--inflight" -> inflight = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --drain, --minutes, --batch or --inflight");
            }
        }
        var meters = new ArrayList<Meter>();
        for (int m = 0; m < METERS; m++) {
            meters.add(Meter.of(String.format(Locale.ROOT, "edge/m%03d", m), "edge"));
        }
        int polls = minutes * 60;
        long total = (long) polls * METERS;
        var root = Files.createTempDirectory("gridprint-drain-bench");
        var mq = Files.createDirectories(root.resolve("mosquitto"));
        try (var broker = new Mosquitto(mq, List.of("max_queued_messages 0")).start()) {
            int phase = 0;
            for (int drain : drains) {
                phase++;
                var dir = root.resolve("phase-" + phase);
                try (var edgeStore = DerbyStore.open(dir.resolve("edge"), Clock.systemUTC(), StoreOptions.defaults(),
                        OutboxSettings.of(10_000_000, OutboxPolicy.REFUSE_NEW));
                        var centralStore = DerbyStore.open(dir.resolve("central"), Clock.systemUTC(),
                                StoreOptions.defaults())) {
                    var edgeIngest = ingest(edgeStore, meters);
                    var centralIngest = ingest(centralStore, meters);
                    var t0 = Instant.now().minusSeconds(polls + 60L);
                    long fill = System.nanoTime();
                    for (int k = 0; k < polls; k++) {
                        var b = new ArrayList<Reading>(METERS);
                        for (var m : meters) {
                            b.add(new Reading(m.id(), Quantity.ACTIVE_ENERGY_IMPORT, t0.plusSeconds(k), k, Quality.GOOD,
                                    "bench/poll"));
                        }
                        edgeIngest.submit("bench/poll", b);
                    }
                    double fillSecs = (System.nanoTime() - fill) / 1e9;
                    var backlog = edgeStore.outboxStatus().readings();
                    var alarms = new EventAlarmConditions("bench", "bench", Clock.systemUTC(), a -> { });
                    var central = new CentralLink(CentralSettings.of(broker.tcpUri(), "bench-central-" + phase,
                            "bench/edge/"), centralIngest, alarms, Clock.systemUTC());
                    central.start();
                    for (int i = 0; i < 200 && !central.connected(); i++) {
                        Thread.sleep(50);
                    }
                    var settings = new EdgeSettings("edge-" + phase, broker.tcpUri(), "bench-edge-" + phase,
                            "bench/edge/", java.util.Optional.empty(), java.util.Optional.empty(), batch, inflight,
                            30_000, drain, 1000, 60_000, 30, java.util.Optional.empty());
                    long t = System.nanoTime();
                    var forwarder = new Forwarder(settings, edgeStore, alarms, Clock.systemUTC()).start();
                    for (int i = 0; i < 60_000 && (edgeStore.outboxStatus().readings() > 0
                            || centralStore.readingCount() < total); i++) {
                        Thread.sleep(10);
                    }
                    double secs = (System.nanoTime() - t) / 1e9;
                    var st = forwarder.status();
                    forwarder.close();
                    central.close();
                    if (centralStore.readingCount() != total || edgeStore.outboxStatus().readings() != 0) {
                        throw new IllegalStateException("not drained: central " + centralStore.readingCount()
                                + " of " + total + ", outbox " + edgeStore.outboxStatus().readings());
                    }
                    System.out.printf(Locale.ROOT, "drain limit %,d readings/s, %d per batch, %d in flight: backlog "
                            + "%,d readings (%d polls of %d meters, stored in %.1f s) drained in %.1f s = %,.0f "
                            + "readings/s; %d batches sent, %d sent again, central duplicates %d%n", drain, batch,
                            inflight, backlog, polls, METERS, fillSecs, secs, total / secs, st.sentBatches(),
                            st.resentBatches(), st.centralDuplicates());
                }
            }
        } finally {
            MqttIngestBench.deleteTree(root);
        }
    }

    private static IngestServiceImpl ingest(DerbyStore store, List<Meter> meters) {
        meters.forEach(store::registerMeter);
        return new IngestServiceImpl(store, MeterRegistryImpl.of(meters), Clock.systemUTC(), null);
    }
}
