package org.gridprint.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.Quantity;
import org.gridprint.api.Unit;
import org.junit.jupiter.api.Test;

class ReadPlannerTest {

    private static int next;

    private static RegisterEntry e(RegisterFunction f, int address, DataType type) {
        return new RegisterEntry(next++, "m" + next, Quantity.ACTIVE_POWER, address, f, type, WordOrder.ABCD, 1, Unit.KW);
    }

    private static String shape(List<ReadBlock> blocks) {
        var parts = new ArrayList<String>();
        for (var b : blocks) {
            parts.add(b.function().configName() + ":" + b.start() + "+" + b.count() + "#" + b.entries().size());
        }
        return String.join(" ", parts);
    }

    @Test
    void mergesAcrossSmallGapsAndSplitsAtLargeOnes() {
        var entries = List.of(
                e(RegisterFunction.HOLDING, 0, DataType.UINT32),   // 0..1
                e(RegisterFunction.HOLDING, 2, DataType.FLOAT32),  // 2..3, adjacent
                e(RegisterFunction.HOLDING, 12, DataType.INT16),   // gap 8 -> merged
                e(RegisterFunction.HOLDING, 22, DataType.INT16),   // gap 9 -> new block
                e(RegisterFunction.HOLDING, 100, DataType.FLOAT64));
        assertEquals("holding:0+13#3 holding:22+1#1 holding:100+4#1", shape(ReadPlanner.plan(entries, 8, 125)));
        assertEquals("holding:0+4#2 holding:12+1#1 holding:22+1#1 holding:100+4#1",
                shape(ReadPlanner.plan(entries, 0, 125)));
    }

    @Test
    void groupsByFunctionAndSortsByAddress() {
        var entries = List.of(
                e(RegisterFunction.INPUT, 5, DataType.UINT16),
                e(RegisterFunction.HOLDING, 4, DataType.UINT16),
                e(RegisterFunction.INPUT, 0, DataType.UINT32),
                e(RegisterFunction.HOLDING, 0, DataType.UINT16));
        assertEquals("holding:0+5#2 input:0+6#2", shape(ReadPlanner.plan(entries, 8, 125)));
    }

    @Test
    void neverExceedsTheRequestLimit() {
        var entries = new ArrayList<RegisterEntry>();
        for (int a = 0; a < 300; a += 2) {
            entries.add(e(RegisterFunction.HOLDING, a, DataType.FLOAT32));
        }
        var blocks = ReadPlanner.plan(entries, 8, 125);
        assertEquals("holding:0+124#62 holding:124+124#62 holding:248+52#26", shape(blocks));
        blocks.forEach(b -> b.entries().forEach(x -> {
            assert x.address() >= b.start() && x.end() <= b.end();
        }));
        assertEquals(List.of(60, 60, 60, 60, 60), ReadPlanner.plan(entries, 8, 60).stream()
                .map(ReadBlock::count).toList());
    }

    @Test
    void overlappingEntriesShareARead() {
        var entries = List.of(
                e(RegisterFunction.HOLDING, 10, DataType.FLOAT64),
                e(RegisterFunction.HOLDING, 10, DataType.UINT16),
                e(RegisterFunction.HOLDING, 12, DataType.UINT32));
        assertEquals("holding:10+4#3", shape(ReadPlanner.plan(entries, 0, 125)));
    }

    @Test
    void emptyMapGivesNoRequestsAndBadLimitsAreRefused() {
        assertEquals(List.of(), ReadPlanner.plan(List.of(), 8, 125));
        assertThrows(IllegalArgumentException.class, () -> ReadPlanner.plan(List.of(), -1, 125));
        assertThrows(IllegalArgumentException.class, () -> ReadPlanner.plan(List.of(), 8, 3));
    }
}
