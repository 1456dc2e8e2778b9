package org.gridprint.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class CoalescingQueueTest {

    @Test
    void coalescesAndKeepsTheEarliestFrom() throws Exception {
        var runs = new CopyOnWriteArrayList<List<CoalescingQueue.Queued>>();
        var gate = new CountDownLatch(1);
        var started = new CountDownLatch(1);
        var queue = new CoalescingQueue((batch, starting) -> {
            started.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            runs.add(List.copyOf(batch));
            batch.forEach(q -> starting.accept(q.meterId()));
        }, null);
        queue.startOwnThread("test-carbon");
        queue.request(List.of("first"));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        queue.request(List.of("a", "b"), 5_000);
        queue.request(List.of("a"), 3_000);
        queue.request(List.of("b"));
        assertEquals(2, queue.size());
        gate.countDown();
        for (var i = 0; i < 1000 && runs.size() < 2; i++) {
            Thread.sleep(10);
        }
        queue.stop(Duration.ofSeconds(10));
        assertEquals(2, runs.size(), runs.toString());
        assertEquals(List.of(new CoalescingQueue.Queued("a", 3_000), new CoalescingQueue.Queued("b", 5_000)),
                runs.get(1));
    }

    @Test
    void anErrorInARunLosesNoMeter() {
        var done = new ArrayList<String>();
        var failOnce = new boolean[] { true };
        var queue = new CoalescingQueue((batch, starting) -> {
            for (var q : batch) {
                starting.accept(q.meterId());
                if (q.meterId().equals("b") && failOnce[0]) {
                    failOnce[0] = false;
                    throw new StackOverflowError("simulated");
                }
                done.add(q.meterId());
            }
        }, Runnable::run);
        queue.request(List.of("a", "b", "c", "d"));
        // b failed and is retried on its next request; c and d were put back and computed in the same drain
        assertEquals(List.of("a", "c", "d"), done);
        queue.request(List.of("b"));
        assertEquals(List.of("a", "c", "d", "b"), done);
    }
}
