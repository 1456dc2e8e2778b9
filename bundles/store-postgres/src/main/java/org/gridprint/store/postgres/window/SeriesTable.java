package org.gridprint.store.postgres.window;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.store.postgres.window.WindowSeries.Name;

/**
 * The writer's map of window series (meter, quantity, scope, method, site) to int ids, loaded from
 * {@code window_series}; new ones are inserted and committed before the group that needs them (an id never
 * rolls back). Writer thread only.
 */
public final class SeriesTable {

    private static final Quantity[] QUANTITIES = Quantity.values();
    private static final Scope[] SCOPES = Scope.values();
    private static final AccountingMethod[] METHODS = AccountingMethod.values();

    private final String schema;
    private final Map<Name, WindowSeries> byName = new HashMap<>();
    private int next;

    public SeriesTable(String schema) {
        this.schema = schema;
    }

    /** The series of a {@code window_series} row (columns id, meter, quantity, scope, method from {@code col}). */
    public static Optional<WindowSeries> row(ResultSet rs, int col) throws SQLException {
        int q = rs.getShort(col + 2);
        int sc = rs.getShort(col + 3);
        int m = rs.getShort(col + 4);
        if (q < 0 || q >= QUANTITIES.length || sc < 0 || sc >= SCOPES.length || m < 0 || m >= METHODS.length) {
            return Optional.empty();
        }
        return Optional.of(new WindowSeries(rs.getInt(col), rs.getString(col + 1), QUANTITIES[q], SCOPES[sc],
                METHODS[m]));
    }

    public void load(Connection c) throws SQLException {
        byName.clear();
        next = 0;
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT series_id, meter_id, quantity, scope, "
                + "method FROM " + schema + ".window_series")) {
            while (rs.next()) {
                next = Math.max(next, rs.getInt(1) + 1);
                row(rs, 1).ifPresent(this::add);
            }
        }
        c.commit();
    }

    private void add(WindowSeries s) {
        byName.put(s.name(), s);
    }

    public WindowSeries of(EmissionWindow w) {
        var s = byName.get(Name.of(w.key()));
        if (s == null) {
            throw new IllegalStateException("window series of " + w.key() + " has no id yet");
        }
        return s;
    }

    /** Inserts the series these windows need that have no id yet, in one committed transaction. */
    public void ensure(Connection c, Collection<EmissionWindow> windows) throws SQLException {
        var missing = new LinkedHashSet<Name>();
        for (var w : windows) {
            var n = Name.of(w.key());
            if (!byName.containsKey(n)) {
                missing.add(n);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        var added = new ArrayList<WindowSeries>();
        try (var ps = c.prepareStatement("INSERT INTO " + schema + ".window_series (series_id, meter_id, quantity, "
                + "scope, method) VALUES (?, ?, ?, ?, ?)")) {
            int id = next;
            for (var n : missing) {
                ps.setInt(1, id);
                ps.setString(2, n.meterId());
                ps.setShort(3, (short) n.quantity().ordinal());
                ps.setShort(4, (short) n.scope().ordinal());
                ps.setShort(5, (short) n.method().ordinal());
                ps.addBatch();
                added.add(new WindowSeries(id++, n.meterId(), n.quantity(), n.scope(), n.method()));
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
        next += added.size();
        added.forEach(this::add);
    }
}
