package org.gridprint.store.postgres;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waiting for a condition that another thread or the server brings about (no assertion on time). */
final class Waits {

    private Waits() {
    }

    /** Polls {@code condition} every 50 ms, at most 2400 times; fails with {@code what} when it never held. */
    static void until(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        for (int i = 0; i < 2400; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("never happened: " + what.get());
    }
}
