package org.gridprint.allocation.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BackgroundWorkerTest {

    private final BackgroundWorker worker = new BackgroundWorker("gridprint-test-worker",
            LoggerFactory.getLogger(BackgroundWorkerTest.class));

    @Test
    void notStartedRunsOnTheCallersThreadAndSchedulesNothing() {
        var threads = new CopyOnWriteArrayList<String>();
        worker.submit("task", () -> threads.add(Thread.currentThread().getName()));
        worker.schedule("later", () -> threads.add("scheduled"), 0);
        assertEquals(List.of(Thread.currentThread().getName()), threads);
    }

    @Test
    void startedRunsInOrderOnItsThreadAndGoesOnAfterAFailure() throws Exception {
        worker.start();
        try {
            var seen = new CopyOnWriteArrayList<String>();
            var done = new CountDownLatch(1);
            worker.submit("first", () -> seen.add("1 " + Thread.currentThread().getName()));
            worker.submit("failing", () -> {
                throw new IllegalStateException("boom");
            });
            worker.submit("second", () -> seen.add("2 " + Thread.currentThread().getName()));
            worker.schedule("scheduled", () -> {
                seen.add("3 " + Thread.currentThread().getName());
                done.countDown();
            }, 0);
            assertTrue(done.await(10, TimeUnit.SECONDS), "the scheduled task ran");
            assertEquals(List.of("1 gridprint-test-worker", "2 gridprint-test-worker", "3 gridprint-test-worker"),
                    seen);
        } finally {
            worker.stop();
        }
    }

    @Test
    void afterStopTasksRunOnTheCallersThreadAgain() throws Exception {
        worker.start();
        worker.stop();
        var threads = new CopyOnWriteArrayList<String>();
        worker.submit("task", () -> threads.add(Thread.currentThread().getName()));
        assertEquals(List.of(Thread.currentThread().getName()), threads);
    }
}
