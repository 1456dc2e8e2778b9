package org.gridprint.export.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Ctrl-C as Karaf does it: the command's thread is interrupted. */
final class CtrlC {

    private CtrlC() {
    }

    /**
     * Interrupts {@code caller} (waiting for an export), waits until it has handed the cancellation to the export
     * (it then waits for the export with a time limit, {@link ExportThread}), then lets the store read that was held
     * at {@code release} go on.
     */
    static void press(Thread caller, CountDownLatch release) throws InterruptedException {
        caller.interrupt();
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (caller.getState() != Thread.State.TIMED_WAITING && caller.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.TIMED_WAITING, caller.getState(), "the caller took the interrupt as a cancel");
        release.countDown();
    }
}
