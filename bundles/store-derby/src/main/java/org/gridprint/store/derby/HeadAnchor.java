package org.gridprint.store.derby;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.ledger.Anchor;
import org.gridprint.ledger.HeadLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors the ledger head outside the database (docs/ledger-spec.md, 5): appends it to
 * {@code <store dir>/ledger-head.log} at most once per anchor interval after a commit, on close and after every
 * recovery. Used by the store's writer thread only (and by close, after the writer stopped); verify reads the
 * {@link HeadLog}, whose readers see only whole lines. A failure to write is logged once when it starts and once when
 * it clears.
 */
final class HeadAnchor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeadAnchor.class);

    private final HeadLog log;
    private final Clock clock;
    private final long intervalMillis;
    private long lastAnchoredAt = Long.MIN_VALUE;
    private long lastAnchoredId;
    private boolean failing;

    private HeadAnchor(HeadLog log, Clock clock, long intervalMillis) {
        this.log = log;
        this.clock = clock;
        this.intervalMillis = intervalMillis;
        this.lastAnchoredId = log.last().map(Anchor::entryId).orElse(0L);
    }

    /**
     * Opens the head log of {@code storeDir} and compares its last anchor with the stored head: a head below the
     * anchored one (truncation, an older copy restored) is logged at ERROR; verify reports it.
     */
    static HeadAnchor open(Path storeDir, Clock clock, long intervalMillis, LedgerEntry storedHead) throws IOException {
        var log = HeadLog.open(storeDir.resolve(HeadLog.FILE_NAME), clock);
        log.repairedTail().ifPresent(t -> LOG.warn("Derby store {}: the head log ended in a torn line ({}), cut off",
                storeDir, t));
        long headId = storedHead == null ? 0 : storedHead.batchId();
        var problems = log.checkLast(headId, id -> storedHead != null && id == headId ? Optional.of(storedHead.hash())
                : Optional.empty());
        var last = log.last();
        if (last.isPresent() && last.get().entryId() > headId) {
            LOG.error("Derby store {}: {}", storeDir, problems.isEmpty() ? "head log ahead of the store"
                    : problems.get(0).reason());
        } else if (last.isPresent() && last.get().entryId() == headId && !problems.isEmpty()) {
            LOG.error("Derby store {}: {}", storeDir, problems.get(0).reason());
        }
        return new HeadAnchor(log, clock, intervalMillis);
    }

    HeadLog log() {
        return log;
    }

    /** After a commit: anchors {@code head} when the interval has passed since the last anchor. */
    void committed(LedgerEntry head) {
        long now = clock.millis();
        if (head != null && (lastAnchoredAt == Long.MIN_VALUE || now - lastAnchoredAt >= intervalMillis)) {
            anchor(head);
        }
    }

    /**
     * Milliseconds until {@code head} is due to be anchored by {@link #committed} (0 = now), or -1 when it is anchored
     * already (or null): the writer thread waits at most this long for work, so the newest head is anchored within
     * one interval even when no further commit comes.
     */
    long dueInMillis(LedgerEntry head) {
        if (head == null || head.batchId() <= lastAnchoredId) {
            return -1;
        }
        if (failing) {
            return Math.max(1_000, intervalMillis); // retried, not in a tight loop
        }
        if (lastAnchoredAt == Long.MIN_VALUE) {
            return 0;
        }
        return Math.max(0, lastAnchoredAt + intervalMillis - clock.millis());
    }

    /** Anchors {@code head} now (on close, after a recovery), unless it is already the last anchor. */
    void anchor(LedgerEntry head) {
        if (head == null || head.batchId() == lastAnchoredId && lastAnchoredAt != Long.MIN_VALUE) {
            return;
        }
        if (head.batchId() < lastAnchoredId) {
            return; // never anchor a head below an anchored one: the truncation stays visible
        }
        try {
            log.append(head.batchId(), head.hash());
            lastAnchoredAt = clock.millis();
            lastAnchoredId = head.batchId();
            if (failing) {
                failing = false;
                LOG.info("Derby store: the head log {} is written again (entry {})", log.file(), head.batchId());
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.error("Derby store: the ledger head cannot be anchored in {} ({}); ingest goes on, tamper "
                        + "evidence of the newest entries is weaker until it can", log.file(), e.toString());
            }
        }
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
