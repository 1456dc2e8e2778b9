package org.gridprint.store.derby;

import java.util.ArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On open: SERIES.BLOCK_LAST_TS decides which readings are new without a lookup, so it is checked against the
 * payload of the series' newest block. A value below the payload's last timestamp (an edit that would let stored
 * readings in again) is raised to it; a newest block whose metadata contradicts its payload is logged (the batches
 * that need that block are refused, naming it). Never stops the open.
 */
final class BlockStateCheck {

    private static final Logger LOG = LoggerFactory.getLogger(BlockStateCheck.class);

    private BlockStateCheck() {
    }

    static void onOpen(SeriesCatalog catalog, BlockTable blocks, java.nio.file.Path dir) {
        var raised = new ArrayList<String>();
        for (var s : catalog.all()) {
            if (s.blockReadings == 0 && s.blockLastTs == Long.MIN_VALUE) {
                continue;
            }
            try {
                var newest = blocks.floor(s, Long.MAX_VALUE);
                if (newest != null && newest.lastTs() > s.blockLastTs) {
                    raised.add(s.meterId + " " + s.quantity + " " + s.blockLastTs + " -> " + newest.lastTs());
                    s.blockLastTs = newest.lastTs();
                }
            } catch (IllegalStateException e) {
                raised.add(s.meterId + " " + s.quantity + ": " + e.getMessage());
            }
        }
        if (!raised.isEmpty()) {
            LOG.error("Derby store {}: SERIES.BLOCK_LAST_TS of {} series contradicts the newest block's payload; the "
                    + "payload is used (run verify): {}", dir, raised.size(), raised);
        }
    }
}
