package org.gridprint.store.derby;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.gridprint.api.LedgerEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Helpers of the store's verify and head anchoring: when this instance last verified, opening and closing the head
 * anchor. The verify itself runs in {@link DerbyStore#verify(org.gridprint.api.store.VerifyScope)} on a reader
 * connection.
 */
final class Verification {

    private static final Logger LOG = LoggerFactory.getLogger(Verification.class);

    /** When this store instance last verified, and with what result (null before the first verify). */
    static final class Last {
        volatile java.time.Instant at;
        volatile Boolean intact;
    }

    private Verification() {
    }

    /** Opens the head anchor of the store directory; a head log that cannot be opened is logged, never fatal. */
    static HeadAnchor openAnchor(Path dir, Clock clock, StoreOptions options, LedgerEntry head) {
        try {
            return HeadAnchor.open(dir, clock, options.anchorIntervalMillis(), head);
        } catch (IOException | RuntimeException e) {
            LOG.error("Derby store {}: the head log cannot be opened ({}); the store runs without anchoring its head",
                    dir, e.toString());
            return null;
        }
    }

    static void closeQuietly(HeadAnchor anchor) {
        if (anchor == null) {
            return;
        }
        try {
            anchor.close();
        } catch (IOException e) {
            LOG.warn("closing the head log: {}", e.toString());
        }
    }
}
