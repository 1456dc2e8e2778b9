package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.ledger.BlockSummary;
import org.gridprint.ledger.StoredWindow;
import org.gridprint.ledger.WindowBlockCodec;

/** The rows of the window tables: WINDOW_SERIES, WINDOW_BLOCK, WINDOW_HISTORY (SQL of the Derby store only). */
final class WindowRows {

    /** A window series row. */
    record Series(int id, String meterId, Quantity quantity, Scope scope, AccountingMethod method) {
        String describe() {
            return meterId + " " + quantity + " " + scope + " " + method;
        }
    }

    /** The order of windows: meter, quantity, scope, method (enum order), start. */
    static final Comparator<Series> ORDER = Comparator.comparing(Series::meterId).thenComparing(Series::quantity)
            .thenComparing(Series::scope).thenComparing(Series::method);

    private WindowRows() {
    }

    /** How findings and errors name a window: {@code window <meter> <QUANTITY> <SCOPE> <METHOD> <start ISO>}. */
    static String describe(WindowKey k) {
        return k.meterId() + " " + k.quantity() + " " + k.scope() + " " + k.method() + " " + k.start();
    }

    /** The series id of a window's series; created when {@code create} (writer only), else -1 when absent. */
    static int seriesId(Connection c, EmissionWindow w, boolean create) throws SQLException {
        return seriesId(c, w.meterId(), w.quantity(), w.scope(), w.method(), create);
    }

    static int seriesId(Connection c, String meter, Quantity q, Scope s, AccountingMethod m, boolean create)
            throws SQLException {
        try (var ps = c.prepareStatement("SELECT SERIES_ID FROM WINDOW_SERIES WHERE METER_ID = ? AND QUANTITY = ? "
                + "AND SCOPE = ? AND METHOD = ?")) {
            ps.setString(1, meter);
            ps.setString(2, q.name());
            ps.setString(3, s.name());
            ps.setString(4, m.name());
            try (var rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getInt(1);
                }
            }
        }
        if (!create) {
            return -1;
        }
        int id;
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT MAX(SERIES_ID) FROM WINDOW_SERIES")) {
            rs.next();
            id = rs.getInt(1) + 1;
        }
        try (var ps = c.prepareStatement("INSERT INTO WINDOW_SERIES (SERIES_ID, METER_ID, QUANTITY, SCOPE, METHOD) "
                + "VALUES (?,?,?,?,?)")) {
            ps.setInt(1, id);
            ps.setString(2, meter);
            ps.setString(3, q.name());
            ps.setString(4, s.name());
            ps.setString(5, m.name());
            ps.executeUpdate();
        }
        return id;
    }

    /** Every series (small: meters × quantities × scopes × methods). A row that does not decode is left out. */
    static List<Series> allSeries(Connection c) throws SQLException {
        var out = new ArrayList<Series>();
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT SERIES_ID, METER_ID, QUANTITY, SCOPE, "
                + "METHOD FROM WINDOW_SERIES")) {
            while (rs.next()) {
                try {
                    out.add(new Series(rs.getInt(1), rs.getString(2), Quantity.valueOf(rs.getString(3)),
                            Scope.valueOf(rs.getString(4)), AccountingMethod.valueOf(rs.getString(5))));
                } catch (IllegalArgumentException e) {
                    // named by verify (the series' windows cannot be read back)
                }
            }
        }
        return out;
    }

    /**
     * The decoded block of a series and day, or null when there is none.
     *
     * @throws IllegalStateException the block does not decode (naming it): the windows it holds cannot be decided
     */
    static List<StoredWindow> readBlock(Connection c, int series, long day, EmissionWindow of) throws SQLException {
        try (var ps = c.prepareStatement("SELECT PAYLOAD FROM WINDOW_BLOCK WHERE DAY = ? AND SERIES_ID = ?")) {
            ps.setLong(1, day);
            ps.setInt(2, series);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return decode(rs.getBytes(1), of.meterId(), of.quantity(), of.scope(), of.method(), day);
            }
        }
    }

    static List<StoredWindow> decode(byte[] payload, String meter, Quantity q, Scope s, AccountingMethod m, long day) {
        try {
            return WindowBlockCodec.decode(payload, meter, q, s, m);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the WINDOW_BLOCK row of " + meter + " " + q + " " + s + " " + m + " day "
                    + java.time.Instant.ofEpochMilli(day) + " does not decode (" + e.getMessage() + "); its windows "
                    + "cannot be read or revised until it is repaired (gridprint:verify names it)", e);
        }
    }

    static List<StoredWindow> decode(byte[] payload, Series s, long day) {
        return decode(payload, s.meterId(), s.quantity(), s.scope(), s.method(), day);
    }

    /** Inserts or replaces the block row of a series and day with its summary and CRC. */
    static void writeBlock(Connection c, int series, long day, List<StoredWindow> windows, boolean exists)
            throws SQLException {
        var payload = WindowBlockCodec.encode(windows);
        var sum = BlockSummary.of(windows);
        long maxEntry = windows.stream().mapToLong(StoredWindow::entryId).max().orElseThrow();
        var sql = exists
                ? "UPDATE WINDOW_BLOCK SET PAYLOAD=?, CRC=?, WINDOWS=?, COUNTED=?, AMOUNT=?, CO2E=?, FLAG_BITS=?, "
                        + "WORST_QUALITY=?, SITE_ID=?, FIRST_START=?, LAST_START=?, MAX_ENTRY=? WHERE DAY=? AND SERIES_ID=?"
                : "INSERT INTO WINDOW_BLOCK (PAYLOAD, CRC, WINDOWS, COUNTED, AMOUNT, CO2E, FLAG_BITS, WORST_QUALITY, "
                        + "SITE_ID, FIRST_START, LAST_START, MAX_ENTRY, DAY, SERIES_ID) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (var ps = c.prepareStatement(sql)) {
            ps.setBytes(1, payload);
            ps.setInt(2, WindowBlockCodec.crc(payload));
            ps.setInt(3, sum.windows());
            ps.setInt(4, sum.countedWindows());
            ps.setLong(5, sum.amountNano());
            ps.setLong(6, sum.co2eMicrograms());
            ps.setInt(7, sum.flagBits());
            ps.setInt(8, sum.worstQuality());
            ps.setString(9, sum.siteId());
            ps.setLong(10, sum.firstStart());
            ps.setLong(11, sum.lastStart());
            ps.setLong(12, maxEntry);
            ps.setLong(13, day);
            ps.setInt(14, series);
            ps.executeUpdate();
        }
    }

    /** Moves a superseded version into WINDOW_HISTORY (a one-window block payload, as it was stored). */
    static void insertHistory(Connection c, int series, StoredWindow old) throws SQLException {
        var payload = WindowBlockCodec.encode(List.of(old));
        try (var ps = c.prepareStatement("INSERT INTO WINDOW_HISTORY (SERIES_ID, START_TS, VERSION, ENTRY_ID, PAYLOAD, "
                + "CRC) VALUES (?,?,?,?,?,?)")) {
            ps.setInt(1, series);
            ps.setLong(2, old.window().start().toEpochMilli());
            ps.setInt(3, old.window().version());
            ps.setLong(4, old.entryId());
            ps.setBytes(5, payload);
            ps.setInt(6, WindowBlockCodec.crc(payload));
            ps.executeUpdate();
        }
    }
}
