package org.gridprint.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.testing.Mosquitto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forwarder between a real edge store and a real central over a real mosquitto. */
class ForwarderTest {

    @TempDir
    Path dir;

    private static List<Reading> poll(List<Meter> meters, long k) {
        var out = new ArrayList<Reading>();
        for (var m : meters) {
            out.add(new Reading(m.id(), Quantity.ACTIVE_ENERGY_IMPORT, java.time.Instant.parse("2026-11-01T00:00:00Z")
                    .plusSeconds(k), k, Quality.GOOD, "test/poll"));
        }
        return out;
    }

    @Test
    void forwardsInOrderAndRemovesOnlyWhatTheCentralAcknowledged() throws Exception {
        var meters = Nodes.meters(20);
        try (var broker = Mosquitto.plain(dir).start()) {
            var edgeAlarms = new RecordedAlarms("edge/edge-1");
            try (var central = new Nodes.Central(dir.resolve("central"), meters, broker.tcpUri(),
                    new RecordedAlarms("central"));
                    var edge = new Nodes.Edge(dir.resolve("edge"), meters, 100_000,
                            Nodes.edgeSettings(broker.tcpUri()).withBatching(50, 2), edgeAlarms)) {
                for (int k = 0; k < 30; k++) {
                    edge.ingest.submit("test/poll", poll(meters, k));
                }
                Nodes.await("the outbox drained", 30_000, () -> edge.depth() == 0);
                CentralCheck.exactlyOnceInOrder(central.store, meters, java.time.Instant.parse(
                        "2026-11-01T00:00:00Z"), 30, 1000);
                // the ack's entries leave the outbox (durably) before its counters move: wait for them
                Nodes.await("the last ack counted", 10_000, () -> edge.forwarder.status().acknowledged() == 600);
                var st = edge.forwarder.status();
                assertEquals(600, st.acknowledged());
                assertTrue(st.lastAckSequence() >= 30, "the last ack names the last entry: " + st.lastAckSequence());
                assertTrue(st.lastAck().isPresent());
                assertEquals(0, edgeAlarms.count(AlarmKind.FORWARD_UNAVAILABLE, EventKeys.RAISED));
                // 30 entries of 20 readings, at most 50 readings per batch: 2 entries per batch when both wait,
                // 1 when the forwarder found only one queued; never 3 (60 > 50)
                long batches = central.link.status().batches();
                assertTrue(batches >= 15 && batches <= 30, "batches: " + batches);
            }
        }
    }

    @Test
    void centralDownRaisesOneAlarmKeepsTheReadingsAndResendsUntilAcknowledged() throws Exception {
        var meters = Nodes.meters(10);
        try (var broker = Mosquitto.plain(dir).start()) {
            var edgeAlarms = new RecordedAlarms("edge/edge-1");
            try (var edge = new Nodes.Edge(dir.resolve("edge"), meters, 100_000,
                    Nodes.edgeSettings(broker.tcpUri()).withAckTimeoutMillis(500), edgeAlarms)) {
                for (int k = 0; k < 5; k++) {
                    edge.ingest.submit("test/poll", poll(meters, k));
                }
                Nodes.await("a re-send after the ack timeout", 20_000,
                        () -> edge.forwarder.status().resentBatches() >= 3);
                assertEquals(1, edgeAlarms.count(AlarmKind.FORWARD_UNAVAILABLE, EventKeys.RAISED),
                        "one alarm over several timeouts");
                assertEquals(50, edge.depth(), "the broker's PUBACK removes nothing");
                try (var central = new Nodes.Central(dir.resolve("central"), meters, broker.tcpUri(),
                        new RecordedAlarms("central"))) {
                    Nodes.await("the outbox drained", 30_000, () -> edge.depth() == 0);
                    CentralCheck.exactlyOnceInOrder(central.store, meters, java.time.Instant.parse(
                            "2026-11-01T00:00:00Z"), 5, 1000);
                    Nodes.await("the alarm cleared", 10_000,
                            () -> edgeAlarms.count(AlarmKind.FORWARD_UNAVAILABLE, EventKeys.CLEARED) == 1);
                    assertEquals(1, edgeAlarms.count(AlarmKind.FORWARD_UNAVAILABLE, EventKeys.RAISED));
                }
            }
        }
    }

    @Test
    void brokerDownRaisesOneAlarmAndTheBacklogDrainsAfterItComesBack() throws Exception {
        var meters = Nodes.meters(10);
        var broker = Mosquitto.plain(dir);
        var edgeAlarms = new RecordedAlarms("edge/edge-1");
        try (var edge = new Nodes.Edge(dir.resolve("edge"), meters, 100_000, Nodes.edgeSettings(broker.tcpUri()),
                edgeAlarms)) {
            for (int k = 0; k < 5; k++) {
                edge.ingest.submit("test/poll", poll(meters, k));
            }
            Nodes.await("the link alarm", 10_000,
                    () -> edgeAlarms.count(AlarmKind.FORWARD_UNAVAILABLE, EventKeys.RAISED) == 1);
            long attemptsBefore = edge.forwarder.status().connectAttempts();
            Thread.sleep(3000); // several reconnect attempts: still one alarm
            assertEquals(1, edgeAlarms.count(AlarmKind.FORWARD_UNAVAILABLE, EventKeys.RAISED));
            // the reconnect rate limit: back-off 200 ms doubling to 2000 ms -> at most 200+400+800+1600 (4 tries) in
            // the first 3 s; a loop without it would try thousands of times
            long attempts = edge.forwarder.status().connectAttempts() - attemptsBefore;
            assertTrue(attempts >= 1 && attempts <= 5, "connection attempts in 3 s: " + attempts);
            broker.start();
            try (var central = new Nodes.Central(dir.resolve("central"), meters, broker.tcpUri(),
                    new RecordedAlarms("central"))) {
                Nodes.await("the outbox drained", 30_000, () -> edge.depth() == 0);
                CentralCheck.exactlyOnceInOrder(central.store, meters, java.time.Instant.parse(
                        "2026-11-01T00:00:00Z"), 5, 1000);
                Nodes.await("the alarm cleared", 10_000,
                        () -> edgeAlarms.count(AlarmKind.FORWARD_UNAVAILABLE, EventKeys.CLEARED) == 1);
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void fullOutboxRaisesOutboxFullOnceAndClearsAfterTheDrain() throws Exception {
        var meters = Nodes.meters(10);
        try (var broker = Mosquitto.plain(dir).start()) {
            var edgeAlarms = new RecordedAlarms("edge/edge-1");
            try (var edge = new Nodes.Edge(dir.resolve("edge"), meters, 30, Nodes.edgeSettings(broker.tcpUri()),
                    edgeAlarms)) {
                for (int k = 0; k < 3; k++) {
                    edge.ingest.submit("test/poll", poll(meters, k));
                }
                int refused = 0;
                for (int i = 0; i < 3; i++) {
                    try {
                        edge.ingest.submit("test/poll", poll(meters, 3));
                    } catch (IllegalStateException e) {
                        refused++;
                        assertTrue(e.getMessage().contains("outbox is full") || String.valueOf(e.getCause())
                                .contains("outbox is full"), e.getMessage());
                    }
                }
                assertEquals(3, refused);
                Nodes.await("OUTBOX_FULL", 10_000,
                        () -> edgeAlarms.count(AlarmKind.OUTBOX_FULL, EventKeys.RAISED) == 1);
                try (var central = new Nodes.Central(dir.resolve("central"), meters, broker.tcpUri(),
                        new RecordedAlarms("central"))) {
                    Nodes.await("the outbox drained", 30_000, () -> edge.depth() == 0);
                    edge.ingest.submit("test/poll", poll(meters, 3)); // room again: the driver's retry succeeds
                    Nodes.await("the outbox drained", 30_000, () -> edge.depth() == 0);
                    CentralCheck.exactlyOnceInOrder(central.store, meters, java.time.Instant.parse(
                            "2026-11-01T00:00:00Z"), 4, 1000);
                    Nodes.await("OUTBOX_FULL cleared", 10_000,
                            () -> edgeAlarms.count(AlarmKind.OUTBOX_FULL, EventKeys.CLEARED) == 1);
                    assertEquals(1, edgeAlarms.count(AlarmKind.OUTBOX_FULL, EventKeys.RAISED));
                }
            }
        }
    }
}
