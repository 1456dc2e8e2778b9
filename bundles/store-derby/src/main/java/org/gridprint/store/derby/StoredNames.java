package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;

/**
 * The series and source names as stored (SERIES, SOURCE), read through verify's own connection so that verify never
 * touches the writer's in-memory catalog; read again once when a record names an id added since.
 */
final class StoredNames {

    private static final Quality[] QUALITIES = Quality.values();

    record SeriesName(String meterId, Quantity quantity) {
    }

    private final Connection conn;
    private final List<SeriesName> series = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();

    StoredNames(Connection conn) throws SQLException {
        this.conn = conn;
        reload();
    }

    private void reload() throws SQLException {
        series.clear();
        sources.clear();
        try (var st = conn.createStatement()) {
            try (var rs = st.executeQuery("SELECT SERIES_ID, METER_ID, QUANTITY FROM SERIES ORDER BY SERIES_ID")) {
                while (rs.next()) {
                    while (series.size() < rs.getInt(1)) {
                        series.add(null);
                    }
                    Quantity q;
                    try {
                        q = Quantity.valueOf(rs.getString(3));
                    } catch (IllegalArgumentException e) {
                        q = null;
                    }
                    series.add(q == null ? null : new SeriesName(rs.getString(2), q));
                }
            }
            try (var rs = st.executeQuery("SELECT SOURCE_ID, NAME FROM SOURCE ORDER BY SOURCE_ID")) {
                while (rs.next()) {
                    while (sources.size() < rs.getInt(1)) {
                        sources.add(null);
                    }
                    sources.add(rs.getString(2));
                }
            }
        }
    }

    /** The series of {@code id}, or null when no stored series has it. */
    SeriesName series(int id) throws SQLException {
        if (id < 0) {
            return null;
        }
        if (id >= series.size()) {
            reload();
        }
        return id < series.size() ? series.get(id) : null;
    }

    /** The source of {@code id}, or null. */
    String source(int id) throws SQLException {
        if (id < 0) {
            return null;
        }
        if (id >= sources.size()) {
            reload();
        }
        return id < sources.size() ? sources.get(id) : null;
    }

    /** The row of a record, or a problem text in {@code problem[0]} and null. */
    Canonical.Row row(int seriesId, long ts, double value, byte quality, int sourceId, String[] problem)
            throws SQLException {
        var s = series(seriesId);
        if (s == null) {
            problem[0] = "series id " + seriesId + " names no stored series";
            return null;
        }
        if (quality < 0 || quality >= QUALITIES.length) {
            problem[0] = "quality ordinal " + quality + " is not a quality (0.." + (QUALITIES.length - 1) + ")";
            return null;
        }
        var src = source(sourceId);
        if (src == null) {
            problem[0] = "source id " + sourceId + " names no stored source";
            return null;
        }
        return new Canonical.Row(s.meterId(), s.quantity(), ts, value, QUALITIES[quality], src);
    }
}
