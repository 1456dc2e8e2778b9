package org.gridprint.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A server-side cursor over the rows of one table in entry id order, for verify's merge with the entries: peek at
 * the next row's entry id, take the row. Must be used inside a transaction (auto-commit off).
 */
final class RowCursor implements AutoCloseable {

    private final PreparedStatement ps;
    private final ResultSet rs;
    private boolean has;

    RowCursor(Connection c, String sql, long fromEntryId) throws SQLException {
        ps = c.prepareStatement(sql);
        ps.setFetchSize(1000);
        ps.setLong(1, fromEntryId);
        rs = ps.executeQuery();
        has = rs.next();
    }

    /** The entry id of the current row (column 1), or Long.MAX_VALUE when there is none left. */
    long entryId() throws SQLException {
        return has ? rs.getLong(1) : Long.MAX_VALUE;
    }

    /** The current row; valid until {@link #advance()}. */
    ResultSet row() {
        return rs;
    }

    void advance() throws SQLException {
        has = rs.next();
    }

    @Override
    public void close() throws SQLException {
        try {
            rs.close();
        } finally {
            ps.close();
        }
    }
}
