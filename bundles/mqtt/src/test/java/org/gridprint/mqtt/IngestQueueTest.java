package org.gridprint.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.junit.jupiter.api.Test;

/** The hand-over queue: bounded (back-pressure, never a drop), groups, routed messages alone, refuse and close. */
class IngestQueueTest {

    private static IngestQueue.Readings message(int id, int readings) {
        var list = new ArrayList<Reading>();
        for (int i = 0; i < readings; i++) {
            list.add(new Reading("m", Quantity.ACTIVE_ENERGY_IMPORT, Instant.EPOCH.plusSeconds(i), i, Quality.GOOD,
                    "mqtt/test"));
        }
        return new IngestQueue.Readings(new MessageIngest.Prepared("t", list, List.of()),
                new MqttTransport.Delivery(1, id, 1));
    }

    private static List<Integer> ids(List<IngestQueue.Pending> group) {
        return group.stream().map(p -> p.delivery().messageId()).toList();
    }

    @Test
    void aFullQueueBlocksThePutterUntilTheWorkerTakesAGroup() throws Exception {
        var queue = new IngestQueue(2, 1000);
        assertTrue(queue.put(message(1, 10)));
        assertTrue(queue.put(message(2, 10)));
        var third = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.put(message(3, 10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < 20 && !third.isDone(); i++) {
            Thread.sleep(10);
        }
        assertFalse(third.isDone(), "blocked while 2 messages wait");
        assertEquals(2, queue.size());

        assertEquals(List.of(1, 2), ids(queue.take(10, 1000)));
        assertTrue(third.get(5, TimeUnit.SECONDS), "queued once there was room, not dropped");
        assertEquals(List.of(3), ids(queue.take(10, 1000)));
    }

    @Test
    void readingsBoundTheQueueAndTheGroupButOneMessageAlwaysFits() throws Exception {
        var queue = new IngestQueue(100, 50);
        assertTrue(queue.put(message(1, 80)), "larger than the bound, but the queue is empty");
        var next = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.put(message(2, 10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(List.of(1), ids(queue.take(10, 1000)));
        assertTrue(next.get(5, TimeUnit.SECONDS));
        assertTrue(queue.put(message(3, 10)));
        assertTrue(queue.put(message(4, 10)));
        assertEquals(List.of(2, 3), ids(queue.take(10, 25)), "10 + 10 readings; + 10 more would exceed 25");
        assertEquals(List.of(4), ids(queue.take(10, 25)));
    }

    @Test
    void aRoutedMessageIsHandledAloneInItsPlace() throws Exception {
        var queue = new IngestQueue(100, 1000);
        queue.put(message(1, 1));
        queue.put(message(2, 1));
        queue.put(new IngestQueue.Routed(() -> { }, new MqttTransport.Delivery(1, 3, 1)));
        queue.put(message(4, 1));
        assertEquals(List.of(1, 2), ids(queue.take(10, 1000)));
        var routed = queue.take(10, 1000);
        assertEquals(List.of(3), ids(routed));
        assertInstanceOf(IngestQueue.Routed.class, routed.get(0));
        assertEquals(List.of(4), ids(queue.take(10, 1000)));
    }

    @Test
    void refuseDiscardsWhatWaitsAndReleasesABlockedPutterUntilAccept() throws Exception {
        var queue = new IngestQueue(1, 1000);
        queue.put(message(1, 1));
        var blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.put(message(2, 1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < 20 && !blocked.isDone(); i++) {
            Thread.sleep(10);
        }
        queue.refuse();
        assertFalse(blocked.get(5, TimeUnit.SECONDS), "refused: left unacknowledged for redelivery");
        assertEquals(0, queue.size());
        assertFalse(queue.put(message(3, 1)));
        queue.accept();
        assertTrue(queue.put(message(4, 1)));
        assertEquals(List.of(4), ids(queue.take(10, 1000)));
        queue.close();
        assertTrue(queue.take(10, 1000).isEmpty(), "closed: the worker ends");
        assertFalse(queue.put(message(5, 1)));
    }
}
