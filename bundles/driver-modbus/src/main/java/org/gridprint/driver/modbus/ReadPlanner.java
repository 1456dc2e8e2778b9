package org.gridprint.driver.modbus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups points into the fewest read requests: per function (coils, discrete inputs, holding, input), sorted by
 * address, neighbours merged while the unused addresses between them are at most {@code maxGap} and the request
 * stays within {@code maxRegisters} registers (125 is the Modbus limit; coils and discrete inputs: 2000 bits,
 * scaled by the same ratio). Points never overlap here (the configuration refuses overlaps), except bit fields
 * of the same register. Pure: no I/O.
 */
public final class ReadPlanner {

    private ReadPlanner() {
    }

    public static List<ReadBlock> plan(List<RegisterEntry> entries, int maxGap, int maxRegisters) {
        if (maxGap < 0) {
            throw new IllegalArgumentException("maxGap must be >= 0, was " + maxGap);
        }
        if (maxRegisters < 4) {
            throw new IllegalArgumentException("maxRegisters must be >= 4 (the widest type), was " + maxRegisters);
        }
        var blocks = new ArrayList<ReadBlock>();
        for (var function : RegisterFunction.values()) {
            int limit = function.bits() ? function.maxPerRequest() * maxRegisters / 125 : maxRegisters;
            int gap = function.bits() ? maxGap * 16 : maxGap;
            var sorted = entries.stream().filter(e -> e.function() == function)
                    .sorted(Comparator.comparingInt(RegisterEntry::address).thenComparingInt(RegisterEntry::end))
                    .toList();
            int start = -1;
            int end = -1;
            var members = new ArrayList<RegisterEntry>();
            for (var e : sorted) {
                boolean fits = start >= 0 && e.address() - end <= gap && Math.max(end, e.end()) - start <= limit;
                if (!fits) {
                    if (start >= 0) {
                        blocks.add(new ReadBlock(function, start, end - start, members));
                    }
                    start = e.address();
                    end = e.end();
                    members = new ArrayList<>();
                }
                end = Math.max(end, e.end());
                members.add(e);
            }
            if (start >= 0) {
                blocks.add(new ReadBlock(function, start, end - start, members));
            }
        }
        return blocks;
    }
}
