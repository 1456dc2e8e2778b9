package org.gridprint.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.Reading;
import org.gridprint.api.store.HeldSpan;
import org.junit.jupiter.api.Test;

/** Streaming reads: scan() in time order across settled and recent readings, stopping when asked; heldSpan(). */
public abstract class ScanContract extends StoreContractBase {

    @Test
    void scanStreamsInTimeOrderAndStopsWhenTheSinkSaysSo() throws Exception {
        for (long s = 100; s < 200; s++) {
            appendAccepted(List.of(reading("a", s, s), reading("b", s, -s)));
        }
        harness.settle();
        for (long s = 99; s >= 0; s--) {
            appendAccepted(List.of(reading("a", s, s)));
        }
        var seen = new ArrayList<Reading>();
        long n = store().scan("a", E, T0.plusSeconds(50), T0.plusSeconds(150), r -> seen.add(r));
        assertEquals(100, n);
        assertEquals(100, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(50.0 + i, seen.get(i).value());
            assertEquals("a", seen.get(i).meterId());
        }
        var first = new ArrayList<Reading>();
        long stopped = store().scan("a", E, T0, T0.plusSeconds(1000), r -> {
            first.add(r);
            return first.size() < 7;
        });
        assertEquals(7, stopped);
        assertEquals(7, first.size());
        assertEquals(6.0, first.get(6).value());
        assertEquals(0, store().scan("nobody", E, T0, T0.plusSeconds(1000), r -> true));
    }

    @Test
    void heldSpanIsTheOldestAndNewestStoredReading() throws Exception {
        assertTrue(store().heldSpan().isEmpty());
        appendAccepted(List.of(reading("a", 10, 1), reading("b", 500, 2)));
        harness.settle();
        appendAccepted(List.of(reading("c", 3, 3)));
        assertEquals(new HeldSpan(T0.plusSeconds(3), T0.plusSeconds(500)), store().heldSpan().orElseThrow());
        harness.reopen();
        assertEquals(new HeldSpan(T0.plusSeconds(3), T0.plusSeconds(500)), store().heldSpan().orElseThrow());
    }
}
