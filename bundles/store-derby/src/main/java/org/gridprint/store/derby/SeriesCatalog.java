package org.gridprint.store.derby;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;

/**
 * The series (meter, quantity) and reading sources by dense int id: in memory, and their SERIES and SOURCE rows.
 * Thread-safe (every method holds this object's monitor briefly): the writer adds series and sources, the flusher,
 * readers and verify look them up.
 */
final class SeriesCatalog {

    private static final Quality[] QUALITIES = Quality.values();
    private static final Quantity[] QUANTITIES = Quantity.values();
    private static final String UPDATE_BLOCK_STATE =
            "UPDATE SERIES SET BLOCK_LAST_TS = ?, BLOCK_READINGS = ? WHERE SERIES_ID = ?";

    /** How many series and sources there were, to add or forget the ones a batch created. */
    record Mark(int series, int sources) {
    }

    private final StoreConnection db;
    private final Map<String, Series[]> byMeter = new HashMap<>();
    private final List<Series> byId = new ArrayList<>();
    private final Map<String, Integer> sourceIds = new HashMap<>();
    private final List<String> sourceNames = new ArrayList<>();
    private long firstFormat2Batch = 1;

    SeriesCatalog(StoreConnection db) {
        this.db = db;
    }

    /** Reads SERIES and SOURCE. */
    synchronized void load() throws SQLException {
        try (var st = db.connection().createStatement()) {
            try (var rs = st.executeQuery("SELECT SERIES_ID, METER_ID, QUANTITY, BLOCK_LAST_TS, BLOCK_READINGS FROM SERIES "
                    + "ORDER BY SERIES_ID")) {
                while (rs.next()) {
                    Quantity quantity;
                    try {
                        quantity = Quantity.valueOf(rs.getString(3));
                    } catch (IllegalArgumentException e) {
                        throw new SQLException("SERIES row " + rs.getInt(1) + " (meter " + rs.getString(2)
                                + ") names an unknown quantity '" + rs.getString(3) + "'; expected one of "
                                + java.util.Arrays.toString(QUANTITIES) + " (a changed dictionary row: repair it or "
                                + "restore a backup)", e);
                    }
                    var s = new Series(rs.getInt(1), rs.getString(2), quantity, rs.getLong(4), rs.getLong(5));
                    if (s.id != byId.size()) {
                        throw new SQLException("SERIES ids are not dense: expected " + byId.size() + ", found " + s.id);
                    }
                    byId.add(s);
                    byMeter.computeIfAbsent(s.meterId, k -> new Series[QUANTITIES.length])[s.quantity.ordinal()] = s;
                }
            }
            try (var rs = st.executeQuery("SELECT SOURCE_ID, NAME FROM SOURCE ORDER BY SOURCE_ID")) {
                while (rs.next()) {
                    if (rs.getInt(1) != sourceNames.size()) {
                        throw new SQLException("SOURCE ids are not dense at " + rs.getInt(1));
                    }
                    sourceNames.add(rs.getString(2));
                    sourceIds.put(rs.getString(2), rs.getInt(1));
                }
            }
        }
    }

    /** Every series, by id (a copy). */
    synchronized List<Series> all() {
        return List.copyOf(byId);
    }

    synchronized int size() {
        return byId.size();
    }

    synchronized Series get(int seriesId) {
        return byId.get(seriesId);
    }

    /** The series of (meter, quantity), or null. */
    synchronized Series existing(String meterId, Quantity quantity) {
        var byQuantity = byMeter.get(meterId);
        return byQuantity == null ? null : byQuantity[quantity.ordinal()];
    }

    /** The series of (meter, quantity), created in memory if new (its row is written by {@link #insertSince}). */
    synchronized Series getOrAdd(String meterId, Quantity quantity) {
        var byQuantity = byMeter.computeIfAbsent(meterId, k -> new Series[QUANTITIES.length]);
        var s = byQuantity[quantity.ordinal()];
        if (s == null) {
            s = new Series(byId.size(), meterId, quantity, Long.MIN_VALUE, 0);
            byId.add(s);
            byQuantity[quantity.ordinal()] = s;
        }
        return s;
    }

    /** The id of a reading source, created in memory if new (its row is written by {@link #insertSince}). */
    synchronized int sourceId(String name) {
        var id = sourceIds.get(name);
        if (id == null) {
            id = sourceNames.size();
            sourceNames.add(name);
            sourceIds.put(name, id);
        }
        return id;
    }

    synchronized Mark mark() {
        return new Mark(byId.size(), sourceNames.size());
    }

    /** Inserts the SERIES and SOURCE rows of the series and sources created since {@code mark}. */
    synchronized void insertSince(Mark mark) throws SQLException {
        if (byId.size() > mark.series()) {
            var ps = db.statement("INSERT INTO SERIES (SERIES_ID, METER_ID, QUANTITY, BLOCK_LAST_TS, BLOCK_READINGS) "
                    + "VALUES (?, ?, ?, ?, 0)");
            for (int i = mark.series(); i < byId.size(); i++) {
                var s = byId.get(i);
                ps.setInt(1, s.id);
                ps.setString(2, s.meterId);
                ps.setString(3, s.quantity.name());
                ps.setLong(4, Long.MIN_VALUE);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (sourceNames.size() > mark.sources()) {
            var ps = db.statement("INSERT INTO SOURCE (SOURCE_ID, NAME) VALUES (?, ?)");
            for (int i = mark.sources(); i < sourceNames.size(); i++) {
                ps.setInt(1, i);
                ps.setString(2, sourceNames.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Forgets the series and sources created since {@code mark} (their batch was not stored). */
    synchronized void forgetSince(Mark mark) {
        while (byId.size() > mark.series()) {
            var s = byId.remove(byId.size() - 1);
            byMeter.get(s.meterId)[s.quantity.ordinal()] = null;
        }
        while (sourceNames.size() > mark.sources()) {
            sourceIds.remove(sourceNames.remove(sourceNames.size() - 1));
        }
    }

    /** Queues the new block state of a series on {@code db} (the flusher's connection; see {@link #executeBlockStates}). */
    static void addBlockState(StoreConnection db, Series s, long blockLastTs, long blockReadings) throws SQLException {
        var ps = db.statement(UPDATE_BLOCK_STATE);
        ps.setLong(1, blockLastTs);
        ps.setLong(2, blockReadings);
        ps.setInt(3, s.id);
        ps.addBatch();
    }

    static void executeBlockStates(StoreConnection db) throws SQLException {
        db.statement(UPDATE_BLOCK_STATE).executeBatch();
    }

    /** Drops queued block states (after a rolled-back flush). */
    static void clearBlockStates(StoreConnection db) throws SQLException {
        db.statement(UPDATE_BLOCK_STATE).clearBatch();
    }

    /** What is wrong with a stored series id, or null if it names a series. For verify (a tampered row). */
    synchronized String seriesProblem(int seriesId) {
        return seriesId >= 0 && seriesId < byId.size() ? null
                : "series id " + seriesId + " is not a series (0.." + (byId.size() - 1) + ")";
    }

    /** What is wrong with a stored record's quality ordinal or source id, or null if both name something. */
    synchronized String recordProblem(byte quality, int sourceId) {
        if (quality < 0 || quality >= QUALITIES.length) {
            return "quality ordinal " + quality + " is not a quality (0.." + (QUALITIES.length - 1) + ")";
        }
        if (sourceId < 0 || sourceId >= sourceNames.size()) {
            return "source id " + sourceId + " is not a source (0.." + (sourceNames.size() - 1) + ")";
        }
        return null;
    }

    /** Reading {@code i} of a run of series {@code s} in canonical terms. */
    synchronized Canonical.Row row(Series s, Run run, int i) {
        return new Canonical.Row(s.meterId, s.quantity, run.ts[i], run.value[i], QUALITIES[run.quality[i]],
                sourceNames.get(run.source[i]));
    }

    /** A write-ahead record in canonical terms. */
    synchronized Canonical.Row row(WalCodec.Entry e) {
        var s = byId.get(e.seriesId());
        return new Canonical.Row(s.meterId, s.quantity, e.ts(), e.value(), QUALITIES[e.quality()],
                sourceNames.get(e.sourceId()));
    }

    /** The digest written with reading {@code i} of a run into a block row (by the format of its batch). */
    synchronized int digest(Series s, Run run, int i) {
        return Canonical.digest(row(s, run, i), formatOf(run.batch[i]));
    }

    /** The first batch written in ledger format 2: the batches before it are format 1. */
    synchronized void firstFormat2Batch(long batchId) {
        firstFormat2Batch = batchId;
    }

    synchronized int formatOf(long batchId) {
        return batchId >= firstFormat2Batch ? 2 : 1;
    }

    synchronized Reading reading(Series s, Run run, int i) {
        return new Reading(s.meterId, s.quantity, Instant.ofEpochMilli(run.ts[i]), run.value[i],
                QUALITIES[run.quality[i]], sourceNames.get(run.source[i]));
    }

    synchronized void clear() {
        byMeter.clear();
        byId.clear();
        sourceIds.clear();
        sourceNames.clear();
    }
}
