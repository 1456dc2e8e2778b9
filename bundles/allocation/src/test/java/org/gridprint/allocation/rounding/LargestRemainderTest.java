package org.gridprint.allocation.rounding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LargestRemainderTest {

    @Test
    void splitsByLargestRemainderLowerIndexFirstOnTies() {
        // 10 by 1:1:1 -> exact 3.33.. each, floors 3+3+3, one unit left, equal remainders -> index 0
        assertArrayEquals(new long[] {4, 3, 3}, LargestRemainder.split(10, new long[] {1, 1, 1}));
        // 100 by 1:2:3 -> 16.67, 33.33, 50 -> floors 16, 33, 50 (99), largest remainder 0.67 -> index 0
        assertArrayEquals(new long[] {17, 33, 50}, LargestRemainder.split(100, new long[] {1, 2, 3}));
    }

    @Test
    void zeroWeightsSplitNothing() {
        assertArrayEquals(new long[] {0, 0}, LargestRemainder.split(7, new long[] {0, 0}));
    }

    @Test
    void hugeWholesDoNotOverflow() {
        long whole = Long.MAX_VALUE / 2;
        long[] parts = LargestRemainder.split(whole, new long[] {Long.MAX_VALUE / 3, Long.MAX_VALUE / 3});
        assertArrayEquals(new long[] {whole / 2 + 1, whole / 2}, parts);
    }

    @Test
    void roundsPartsToUnitsAddingUpToTheRoundedWhole() {
        // 1.4 + 1.4 + 1.4 = 4.2 -> 4 units; floors 1,1,1; one more to index 0 (all remainders 0.4)
        assertArrayEquals(new long[] {2, 1, 1}, LargestRemainder.round(new long[] {14, 14, 14}, 10));
        // 0.5 + 0.5 = 1.0 -> 1 unit
        assertArrayEquals(new long[] {1, 0}, LargestRemainder.round(new long[] {5, 5}, 10));
        // 0.6 + 1.9 = 2.5 -> 3 (half-up at the whole): floors 0,1; two left -> 1.9 (0.9) then 0.6
        assertArrayEquals(new long[] {1, 2}, LargestRemainder.round(new long[] {6, 19}, 10));
    }

    @Test
    void refusesNegativeInputNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> LargestRemainder.split(5, new long[] {1, -2}));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("weight 1"));
    }
}
