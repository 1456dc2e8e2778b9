package org.gridprint.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.IngestService;
import org.gridprint.testing.Mosquitto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 15 item 4: an edge reading 100 meters at 1 s through the real ingest into its real Derby store (outbox in
 * the same transaction) forwards to a central (its own Derby store, the mqtt bundle's central link) over a real,
 * persistent mosquitto. The broker is stopped for the outage length and restarted; then the central is stopped for
 * the outage length and restarted on the same files; then the edge itself is restarted (store and forwarder closed
 * and reopened; the generator keeps its readings in its retry buffer meanwhile). At the end every reading is at the
 * central exactly once, each meter's sequence complete and in order.
 *
 * <p>Outage length: system property {@code gridprint.edge.outageSeconds}, default 120 (the "minutes"); e.g.
 * {@code -Dgridprint.edge.outageSeconds=15} for a quick run.
 */
class EdgeOutageTest {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeOutageTest.class);
    private static final int METERS = 100;
    private static final long INTERVAL = 1000;

    @TempDir
    Path dir;

    private volatile Nodes.Edge edge;

    @Test
    void brokerCentralAndEdgeRestartsLoseNothingAndDuplicateNothing() throws Exception {
        long outage = Long.getLong("gridprint.edge.outageSeconds", 120) * 1000;
        var meters = Nodes.meters(METERS);
        var mq = Files.createDirectories(dir.resolve("mosquitto"));
        var broker = new Mosquitto(mq, List.of("persistence true", "persistence_location " + mq + "/",
                "autosave_interval 1", "max_queued_messages 100000")).start();
        var edgeAlarms = new RecordedAlarms("edge/edge-1");
        var settings = Nodes.edgeSettings(broker.tcpUri());
        Nodes.Central central = new Nodes.Central(dir.resolve("central"), meters, broker.tcpUri(),
                new RecordedAlarms("central"));
        edge = new Nodes.Edge(dir.resolve("edge"), meters, 1_000_000, settings, edgeAlarms);
        var generator = new Generator(meters, INTERVAL, () -> {
            var e = edge;
            return e == null ? null : (IngestService) e.ingest;
        }).start();
        try {
            Nodes.await("first readings at the central", 30_000, () -> central.store.readingCount() > 0);

            // 1. the broker is down: the edge keeps reading, its outbox grows
            broker.stop();
            long pollsBefore = generator.polls();
            Thread.sleep(outage);
            long grown = edge.depth();
            LOG.info("broker down {} ms: {} polls meanwhile, outbox depth {}", outage,
                    generator.polls() - pollsBefore, grown);
            assertTrue(grown >= (generator.polls() - pollsBefore - 3) * METERS, "the outbox held the outage: "
                    + grown);
            broker.start();
            Nodes.await("the backlog after the broker outage drained", 120_000, () -> edge.depth() <= 3 * METERS);
            assertEquals(edgeAlarms.count(AlarmKind.FORWARD_UNAVAILABLE, EventKeys.RAISED),
                    edgeAlarms.count(AlarmKind.FORWARD_UNAVAILABLE, EventKeys.CLEARED));

            // 2. the central is down (closed), then a new central instance on the same files
            central.close();
            Thread.sleep(outage);
            LOG.info("central down {} ms: outbox depth {}", outage, edge.depth());
            var central2 = new Nodes.Central(dir.resolve("central"), meters, broker.tcpUri(),
                    new RecordedAlarms("central"));
            try {
                Nodes.await("the backlog after the central outage drained", 120_000,
                        () -> edge.depth() <= 3 * METERS);

                // 3. the edge itself restarts: store and forwarder closed and reopened on the same files
                var old = edge;
                edge = null; // the generator's submits are refused meanwhile: its retry buffer keeps them
                old.close();
                Thread.sleep(3000);
                edge = new Nodes.Edge(dir.resolve("edge"), meters, 1_000_000, settings, edgeAlarms);
                Thread.sleep(5000);

                generator.stopAndFlush();
                Nodes.await("the outbox empty", 120_000, () -> edge.depth() == 0);
                long polls = generator.polls();
                LOG.info("{} polls of {} meters; central: {}; generator refusals {}", polls, METERS,
                        central2.link.status(), generator.refusals());
                CentralCheck.exactlyOnceInOrder(central2.store, meters, generator.t0(), polls, INTERVAL);
                Nodes.await("FORWARD_UNAVAILABLE cleared as often as raised", 10_000,
                        () -> edgeAlarms.count(AlarmKind.FORWARD_UNAVAILABLE, EventKeys.RAISED)
                                == edgeAlarms.count(AlarmKind.FORWARD_UNAVAILABLE, EventKeys.CLEARED));
                long raised = edgeAlarms.count(AlarmKind.FORWARD_UNAVAILABLE, EventKeys.RAISED);
                assertTrue(raised >= 2 && raised <= 4, "one alarm per outage (broker, central; the edge restart may "
                        + "add one): " + raised);
                LOG.info("edge forwarder: {}", edge.forwarder.status());
            } finally {
                central2.close();
            }
        } finally {
            generator.close();
            var e = edge;
            if (e != null) {
                e.close();
            }
            central.close();
            broker.close();
        }
    }
}
