package org.gridprint.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;

/**
 * The writer's map of series (meter id, quantity) and reading sources to their int ids, loaded from the SERIES and
 * SOURCE tables; new ones are inserted and committed before the batch that needs them. Writer thread only.
 */
final class Catalog {

    record SeriesKey(String meterId, Quantity quantity) {
    }

    private final String schema;
    private final Map<SeriesKey, Integer> series = new HashMap<>();
    private final Map<String, Integer> sources = new HashMap<>();
    private int nextSeries;
    private int nextSource;

    Catalog(String schema) {
        this.schema = schema;
    }

    void load(Connection c) throws SQLException {
        series.clear();
        sources.clear();
        nextSeries = 0;
        nextSource = 0;
        try (var st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT series_id, meter_id, quantity FROM " + schema + ".series")) {
                while (rs.next()) {
                    int id = rs.getInt(1);
                    nextSeries = Math.max(nextSeries, id + 1);
                    var meter = rs.getString(2);
                    var q = Quantity.parse(rs.getString(3));
                    // a series row naming no quantity (tampered) is left out: verify names it
                    q.ifPresent(quantity -> series.put(new SeriesKey(meter, quantity), id));
                }
            }
            try (var rs = st.executeQuery("SELECT source_id, name FROM " + schema + ".source")) {
                while (rs.next()) {
                    int id = rs.getInt(1);
                    nextSource = Math.max(nextSource, id + 1);
                    sources.put(rs.getString(2), id);
                }
            }
        }
        c.commit();
    }

    int seriesId(Reading r) {
        var id = series.get(new SeriesKey(r.meterId(), r.quantity()));
        if (id == null) {
            throw new IllegalStateException("series " + r.meterId() + " " + r.quantity() + " has no id yet");
        }
        return id;
    }

    int sourceId(String source) {
        var id = sources.get(source);
        if (id == null) {
            throw new IllegalStateException("source " + source + " has no id yet");
        }
        return id;
    }

    /** Inserts the series and sources of these readings that have no id yet, in one committed transaction. */
    void ensure(Connection c, List<Reading> readings) throws SQLException {
        var newSeries = new LinkedHashSet<SeriesKey>();
        var newSources = new LinkedHashSet<String>();
        for (var r : readings) {
            var k = new SeriesKey(r.meterId(), r.quantity());
            if (!series.containsKey(k)) {
                newSeries.add(k);
            }
            if (!sources.containsKey(r.source())) {
                newSources.add(r.source());
            }
        }
        if (newSeries.isEmpty() && newSources.isEmpty()) {
            return;
        }
        var seriesIds = new ArrayList<Integer>();
        var sourceIds = new ArrayList<Integer>();
        try {
            if (!newSeries.isEmpty()) {
                try (var ps = c.prepareStatement("INSERT INTO " + schema + ".series (series_id, meter_id, quantity) "
                        + "VALUES (?, ?, ?)")) {
                    int id = nextSeries;
                    for (var k : newSeries) {
                        ps.setInt(1, id);
                        ps.setString(2, k.meterId());
                        ps.setString(3, k.quantity().name());
                        ps.addBatch();
                        seriesIds.add(id++);
                    }
                    ps.executeBatch();
                }
            }
            if (!newSources.isEmpty()) {
                try (var ps = c.prepareStatement("INSERT INTO " + schema + ".source (source_id, name) VALUES (?, ?)")) {
                    int id = nextSource;
                    for (var s : newSources) {
                        ps.setInt(1, id);
                        ps.setString(2, s);
                        ps.addBatch();
                        sourceIds.add(id++);
                    }
                    ps.executeBatch();
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        int i = 0;
        for (var k : newSeries) {
            series.put(k, seriesIds.get(i++));
        }
        nextSeries += newSeries.size();
        i = 0;
        for (var s : newSources) {
            sources.put(s, sourceIds.get(i++));
        }
        nextSource += newSources.size();
    }
}
