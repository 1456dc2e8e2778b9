package org.gridprint.store.derby;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class LateMergerTest {

    @Test
    void mergesLateReadingsIntoABlockInTimeOrderKeepingEachDigest() {
        var old = new Run(4);
        old.insert(10, 1.0, (byte) 0, 1, 0);
        old.insert(20, 2.0, (byte) 0, 1, 0);
        old.insert(30, 3.0, (byte) 0, 2, 0);
        var block = new Series.Block(5, 10, 30, old, new int[] { 110, 120, 130 });
        var memtable = new Run(4);
        memtable.insert(5, 0.5, (byte) 1, 9, 1);   // before the block: extends it down
        memtable.insert(15, 1.5, (byte) 2, 9, 1);
        memtable.insert(25, 2.5, (byte) 3, 9, 1);  // not merged into this block
        memtable.insert(40, 4.0, (byte) 0, 9, 1);  // after the series' blocks: not late

        var merged = LateMerger.merge(block, memtable, List.of(0, 1), i -> -1000 - i);

        var run = merged.run();
        assertEquals(5, run.size);
        assertArrayEquals(new long[] { 5, 10, 15, 20, 30 }, java.util.Arrays.copyOf(run.ts, run.size));
        assertArrayEquals(new double[] { 0.5, 1.0, 1.5, 2.0, 3.0 }, java.util.Arrays.copyOf(run.value, run.size));
        assertArrayEquals(new byte[] { 1, 0, 2, 0, 0 }, java.util.Arrays.copyOf(run.quality, run.size));
        assertArrayEquals(new long[] { 9, 1, 9, 1, 2 }, java.util.Arrays.copyOf(run.batch, run.size));
        assertArrayEquals(new int[] { 1, 0, 1, 0, 0 }, java.util.Arrays.copyOf(run.source, run.size));
        assertArrayEquals(new int[] { -1000, 110, -1001, 120, 130 }, merged.digests());
    }

    @Test
    void lateReadingsAfterTheBlocksLastComeLast() {
        var old = new Run(4);
        old.insert(10, 1.0, (byte) 0, 1, 0);
        var block = new Series.Block(1, 10, 10, old, new int[] { 7 });
        var memtable = new Run(4);
        memtable.insert(3, 0.3, (byte) 0, 2, 0);
        memtable.insert(11, 1.1, (byte) 0, 2, 0);
        var merged = LateMerger.merge(block, memtable, List.of(0, 1), i -> i);
        assertArrayEquals(new long[] { 3, 10, 11 }, java.util.Arrays.copyOf(merged.run().ts, 3));
        assertArrayEquals(new int[] { 0, 7, 1 }, merged.digests());
    }
}
