package org.gridprint.driver.bacnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatchSizerTest {

    @Test
    void halvesOnEachRefusalAndStopsAtOne() {
        var s = new BatchSizer(200, 3);
        assertTrue(s.tooLarge(200));
        assertEquals(100, s.size());
        assertTrue(s.tooLarge(100));
        assertEquals(50, s.size());
        var t = new BatchSizer(2, 3);
        assertTrue(t.tooLarge(2));
        assertEquals(1, t.size());
        assertFalse(t.tooLarge(1));
        assertEquals(1, t.size());
        assertEquals(2, s.reductions());
    }

    @Test
    void growsBackAfterSuccessesButNeverToWhatFailed() {
        var s = new BatchSizer(200, 3);
        s.tooLarge(200); // ceiling 199, size 100
        s.tooLarge(100); // ceiling 99, size 50
        for (int i = 0; i < 3; i++) {
            s.succeeded();
        }
        assertEquals(75, s.size()); // 50 + 50/2
        for (int i = 0; i < 3; i++) {
            s.succeeded();
        }
        assertEquals(99, s.size()); // min(ceiling 99, 75 + 37)
        for (int i = 0; i < 30; i++) {
            s.succeeded();
        }
        assertEquals(99, s.size());
    }

    @Test
    void aRefusalOfAShortLastBatchDoesNotRaiseTheSize() {
        var s = new BatchSizer(50, 3);
        assertTrue(s.tooLarge(20)); // the last, shorter batch of a cycle
        assertEquals(10, s.size());
    }
}
