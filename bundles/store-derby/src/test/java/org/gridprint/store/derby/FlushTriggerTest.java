package org.gridprint.store.derby;

import static org.gridprint.store.derby.Fixtures.E;
import static org.gridprint.store.derby.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.gridprint.api.Quality;
import org.gridprint.api.Reading;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background flush runs by itself: when the memtable reaches the threshold, and every flushIntervalSeconds. */
class FlushTriggerTest {

    @TempDir
    Path dir;

    private static Reading at(String meter, int second) {
        return new Reading(meter, E, T0.plusSeconds(second), second, Quality.GOOD, "test/src");
    }

    /** Waits (bounded, polling) until the memtable is empty; returns its size then. */
    private static int awaitEmptyMemtable(DerbyStore store) throws InterruptedException {
        for (int i = 0; i < 20_000 && store.memtableSize() > 0; i++) {
            Thread.sleep(5);
        }
        return store.memtableSize();
    }

    @Test
    void theSizeTriggerFlushesWithoutAnyCall() throws Exception {
        try (var store = Fixtures.open(dir, 20, 8)) {
            for (int s = 0; s < 10; s++) {
                store.append("test/src", List.of(at("a", s), at("b", s)));
            }
            assertEquals(0, awaitEmptyMemtable(store), "20 readings reached the threshold: flushed in the background");
            assertEquals(10, store.readings("a", E, T0, T0.plusSeconds(10)).size());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    @Test
    void theTimeTriggerFlushesWhatIsBelowTheThreshold() throws Exception {
        var options = StoreOptions.defaults().withFlushThreshold(1_000_000).withFlushIntervalSeconds(1);
        try (var store = DerbyStore.open(dir, Fixtures.CLOCK, options)) {
            store.append("test/src", List.of(at("a", 0), at("a", 1), at("a", 2)));
            assertEquals(0, awaitEmptyMemtable(store), "flushed by the interval, far below the threshold");
            assertEquals(3, store.readings("a", E, T0, T0.plusSeconds(3)).size());
        }
    }

    @Test
    void aBadIntervalIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> StoreOptions.defaults().withFlushIntervalSeconds(0));
        assertTrue(e.getMessage().contains("flushIntervalSeconds") && e.getMessage().contains(">= 1"),
                e.getMessage());
    }
}
