package org.gridprint.store.derby;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerifyScope;
import org.gridprint.ledger.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One verify of the store: the checkpoint it may start from, the verifier, the checkpoint it moves, its log line. */
final class Verification {

    private static final Logger LOG = LoggerFactory.getLogger(Verification.class);

    /** When this store instance last verified, and with what result (null before the first verify). */
    static final class Last {
        volatile java.time.Instant at;
        volatile Boolean intact;
    }

    private Verification() {
    }

    /**
     * Runs a verify reading through the writer's connection ({@link VerifyChunkGuard#DIRECT}); a store with reader
     * connections passes its own connection and guard to {@link LedgerVerifier}.
     */
    static VerificationReport run(StoreConnection db, VerifyCheckpoints checkpoints, HeadAnchor anchor, Clock clock,
            VerifyScope scope, Last last) {
        var outcome = db.transaction("verifying the ledger", () -> {
            Optional<Checkpoint> cp = scope == VerifyScope.INCREMENTAL ? checkpoints.trusted(db.connection())
                    : Optional.empty();
            try {
                return new LedgerVerifier(db.connection(), VerifyChunkGuard.DIRECT, anchor == null ? null : anchor.log())
                        .verify(scope, cp, clock.millis());
            } catch (SQLException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        outcome.checkpoint().ifPresent(c -> checkpoints.save(db, c));
        last.at = clock.instant();
        last.intact = outcome.report() instanceof VerificationReport.Intact;
        if (outcome.report() instanceof VerificationReport.Broken b) {
            LOG.error("Derby store {}: ledger broken: {} finding(s), the first at entry {}: {} {}", db.dir(),
                    b.findingCount(), b.batchId(), b.reason(), b.row().orElse(""));
        } else {
            LOG.info("Derby store {}: ledger intact ({} verify of {} entries from entry {})", db.dir(), scope,
                    outcome.report().batchesChecked(), ((VerificationReport.Intact) outcome.report()).fromBatch());
        }
        return outcome.report();
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
