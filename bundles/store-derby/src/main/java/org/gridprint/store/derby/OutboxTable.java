package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.Reading;
import org.gridprint.api.edge.OutboxEntry;
import org.gridprint.api.edge.OutboxPolicy;
import org.gridprint.api.edge.OutboxStatus;

/**
 * OUTBOX (one row per READINGS entry with accepted readings: ENTRY_ID = the ledger batch id, QUEUED_AT, READINGS,
 * PAYLOAD) and OUTBOX_STATE (one row: readings and entries dropped so far). Rows are inserted by the writer in the
 * transaction of their batch, deleted by the writer when the central acknowledges them (or, with drop-oldest, to
 * make room). An index of the queued entries (id, readings, queued at) is kept in memory for the capacity check and
 * the status; it is loaded at open and rebuilt by a reopen, so a rolled-back group never leaves it ahead.
 */
final class OutboxTable {

    /** One queued entry in the in-memory index. */
    private record Queued(long id, int readings, long queuedAt) {
    }

    private final StoreConnection db;
    private final OutboxSettings settings;
    private final ArrayDeque<Queued> queued = new ArrayDeque<>();
    private long readings;
    private long droppedReadings;
    private long droppedEntries;
    /** Readings dropped by the current group (writer thread), reported after its commit. */
    private long droppedInGroup;
    private long firstDroppedInGroup = -1;
    private long lastDroppedInGroup = -1;
    private long refusedBatches;

    OutboxTable(StoreConnection db, OutboxSettings settings) {
        this.db = db;
        this.settings = settings;
    }

    OutboxSettings settings() {
        return settings;
    }

    synchronized void load() throws SQLException {
        queued.clear();
        readings = 0;
        var c = db.connection();
        try (var st = c.createStatement();
                var rs = st.executeQuery("SELECT ENTRY_ID, READINGS, QUEUED_AT FROM OUTBOX ORDER BY ENTRY_ID")) {
            while (rs.next()) {
                var q = new Queued(rs.getLong(1), rs.getInt(2), rs.getLong(3));
                queued.add(q);
                readings += q.readings();
            }
        }
        try (var st = c.createStatement();
                var rs = st.executeQuery("SELECT DROPPED_READINGS, DROPPED_ENTRIES FROM OUTBOX_STATE WHERE ID = 1")) {
            if (rs.next()) {
                droppedReadings = rs.getLong(1);
                droppedEntries = rs.getLong(2);
            }
        }
    }

    /** Readings queued now. */
    synchronized long depth() {
        return readings;
    }

    /**
     * Writer thread, during classification: whether {@code accepted} more readings fit (with what earlier batches of
     * the group queue, {@code groupQueued}) under refuse-new. Always true under drop-oldest and without an outbox.
     */
    synchronized boolean fits(long groupQueued, int accepted) {
        if (!settings.enabled() || settings.policy() == OutboxPolicy.DROP_OLDEST || accepted == 0) {
            return true;
        }
        return readings + groupQueued + accepted <= settings.capacity();
    }

    synchronized void refused() {
        refusedBatches++;
    }

    /** The refusal of a batch that does not fit under refuse-new. */
    String refusal(int accepted) {
        return "the edge outbox is full (" + depth() + " of " + settings.capacity() + " readings queued, policy "
                + OutboxPolicy.REFUSE_NEW.configName() + "): the " + accepted + " new readings of the batch were not "
                + "stored; the driver keeps them and submits them again when the outbox has drained";
    }

    /**
     * Writer thread, inside the group's transaction: queues the accepted readings of ledger entry {@code entryId};
     * under drop-oldest first deletes the oldest entries until they fit.
     */
    void queue(long entryId, long committedAt, List<Reading> accepted) throws SQLException {
        if (!settings.enabled() || accepted.isEmpty()) {
            return;
        }
        var c = db.connection();
        if (settings.policy() == OutboxPolicy.DROP_OLDEST) {
            dropUntilFits(c, accepted.size());
        }
        try (var ps = c.prepareStatement(
                "INSERT INTO OUTBOX (ENTRY_ID, QUEUED_AT, READINGS, PAYLOAD) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, entryId);
            ps.setLong(2, committedAt);
            ps.setInt(3, accepted.size());
            ps.setBytes(4, OutboxCodec.encode(accepted));
            ps.executeUpdate();
        }
        synchronized (this) {
            queued.add(new Queued(entryId, accepted.size(), committedAt));
            readings += accepted.size();
        }
    }

    private void dropUntilFits(Connection c, int incoming) throws SQLException {
        long dropped = 0;
        long entries = 0;
        long first = -1;
        long last = -1;
        try (var ps = c.prepareStatement("DELETE FROM OUTBOX WHERE ENTRY_ID = ?")) {
            while (true) {
                Queued oldest;
                synchronized (this) {
                    if (readings + incoming <= settings.capacity() || queued.isEmpty()) {
                        break;
                    }
                    oldest = queued.poll();
                    readings -= oldest.readings();
                }
                ps.setLong(1, oldest.id());
                ps.executeUpdate();
                dropped += oldest.readings();
                entries++;
                first = first < 0 ? oldest.id() : first;
                last = oldest.id();
            }
        }
        if (dropped == 0) {
            return;
        }
        synchronized (this) {
            droppedReadings += dropped;
            droppedEntries += entries;
            droppedInGroup += dropped;
            firstDroppedInGroup = firstDroppedInGroup < 0 ? first : firstDroppedInGroup;
            lastDroppedInGroup = last;
        }
        int n;
        try (var ps = c.prepareStatement(
                "UPDATE OUTBOX_STATE SET DROPPED_READINGS = ?, DROPPED_ENTRIES = ? WHERE ID = 1")) {
            ps.setLong(1, droppedReadings);
            ps.setLong(2, droppedEntries);
            n = ps.executeUpdate();
        }
        if (n == 0) {
            try (var ps = c.prepareStatement(
                    "INSERT INTO OUTBOX_STATE (ID, DROPPED_READINGS, DROPPED_ENTRIES) VALUES (1, ?, ?)")) {
                ps.setLong(1, droppedReadings);
                ps.setLong(2, droppedEntries);
                ps.executeUpdate();
            }
        }
    }

    /** What the last group dropped, then forgotten: {readings, first entry, last entry}, or null when nothing. */
    synchronized long[] takeGroupDrops() {
        if (droppedInGroup == 0) {
            return null;
        }
        var out = new long[] {droppedInGroup, firstDroppedInGroup, lastDroppedInGroup};
        droppedInGroup = 0;
        firstDroppedInGroup = -1;
        lastDroppedInGroup = -1;
        return out;
    }

    /** Writer thread: deletes the acknowledged entries in {@code [firstId, lastId]}; commits with the caller. */
    int acknowledge(long firstId, long lastId) throws SQLException {
        int n;
        try (var ps = db.connection().prepareStatement("DELETE FROM OUTBOX WHERE ENTRY_ID BETWEEN ? AND ?")) {
            ps.setLong(1, firstId);
            ps.setLong(2, lastId);
            n = ps.executeUpdate();
        }
        synchronized (this) {
            var it = queued.iterator();
            while (it.hasNext()) {
                var q = it.next();
                if (q.id() > lastId) {
                    break;
                }
                if (q.id() >= firstId) {
                    it.remove();
                    readings -= q.readings();
                }
            }
        }
        return n;
    }

    /** Reader connection: queued entries after {@code afterId}, oldest first, up to {@code maxReadings}. */
    static List<OutboxEntry> peek(Connection c, long afterId, int maxReadings) throws SQLException {
        var out = new ArrayList<OutboxEntry>();
        long total = 0;
        try (var ps = c.prepareStatement(
                "SELECT ENTRY_ID, QUEUED_AT, READINGS, PAYLOAD FROM OUTBOX WHERE ENTRY_ID > ? ORDER BY ENTRY_ID")) {
            ps.setLong(1, afterId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    int n = rs.getInt(3);
                    if (!out.isEmpty() && total + n > maxReadings) {
                        break;
                    }
                    long id = rs.getLong(1);
                    out.add(new OutboxEntry(id, Instant.ofEpochMilli(rs.getLong(2)),
                            OutboxCodec.decode(id, rs.getBytes(4))));
                    total += n;
                    if (total >= maxReadings) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    synchronized OutboxStatus status() {
        var oldest = queued.isEmpty() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(
                queued.peek().queuedAt()));
        return new OutboxStatus(settings.enabled(), settings.capacity(), settings.policy(), queued.size(), readings,
                oldest, droppedReadings, refusedBatches);
    }

    /** Keeps the refused count across a reopen of the session (the index itself is reloaded from the table). */
    synchronized void carryOver(OutboxTable previous) {
        if (previous != null) {
            refusedBatches = previous.refusedBatchesCount();
        }
    }

    private synchronized long refusedBatchesCount() {
        return refusedBatches;
    }
}
