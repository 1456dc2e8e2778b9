package org.gridprint.store.derby;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Objects;

/**
 * WINDOW_MONTH: one row per window series and UTC month, the sum of the summary columns of that series' WINDOW_BLOCK
 * rows of the month (schema 7). Derived data kept by the writer in the transaction that rewrites a block, so that a
 * year's totals by month read 12 rows per series instead of 365 day rows; verify recomputes every month row of the
 * months its entries touched from the day rows and names one that differs.
 */
final class WindowMonths {

    /** The summary columns of WINDOW_MONTH in this order (after MONTH, SERIES_ID). */
    static final String COLUMNS = "DAYS, WINDOWS, COUNTED, AMOUNT, CO2E, FLAG_BITS, WORST_QUALITY, SITE_ID, "
            + "FIRST_START, LAST_START, MAX_ENTRY";

    /** The block summary columns of WINDOW_BLOCK that a month sums, in {@link Sum#add(ResultSet, int)} order. */
    static final String BLOCK_COLUMNS = "WINDOWS, COUNTED, AMOUNT, CO2E, FLAG_BITS, WORST_QUALITY, SITE_ID, "
            + "FIRST_START, LAST_START, MAX_ENTRY";

    private WindowMonths() {
    }

    /** The start (epoch ms) of the UTC month holding {@code epochMs}. */
    static long monthStart(long epochMs) {
        var d = LocalDate.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
        return d.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The start of the UTC month after the one starting at {@code monthStart}. */
    static long nextMonth(long monthStart) {
        var d = LocalDate.ofInstant(Instant.ofEpochMilli(monthStart), ZoneOffset.UTC);
        return d.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The sum of day summaries: counts and sums added, flags united, worst quality kept, site kept when one. */
    static final class Sum {
        int days;
        long windows;
        long counted;
        long amount;
        long co2e;
        int flagBits;
        int worst;
        String site;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long maxEntry;

        /** Adds a row whose {@link #BLOCK_COLUMNS} start at column {@code at}. */
        void add(ResultSet rs, int at) throws SQLException {
            add(rs.getLong(at), rs.getLong(at + 1), rs.getLong(at + 2), rs.getLong(at + 3), rs.getInt(at + 4),
                    rs.getInt(at + 5), rs.getString(at + 6), rs.getLong(at + 7), rs.getLong(at + 8),
                    rs.getLong(at + 9));
        }

        void add(long windows, long counted, long amount, long co2e, int flagBits, int worst, String site,
                long first, long last, long maxEntry) {
            this.site = days == 0 ? site : this.site != null && this.site.equals(site) ? this.site : null;
            days++;
            this.windows += windows;
            this.counted += counted;
            this.amount = Math.addExact(this.amount, amount);
            this.co2e = Math.addExact(this.co2e, co2e);
            this.flagBits |= flagBits;
            this.worst = Math.max(this.worst, worst);
            this.first = Math.min(this.first, first);
            this.last = Math.max(this.last, last);
            this.maxEntry = Math.max(this.maxEntry, maxEntry);
        }

        /** Whether the month row whose {@link #COLUMNS} start at column {@code at} holds exactly this sum. */
        boolean matches(ResultSet rs, int at) throws SQLException {
            return rs.getInt(at) == days && rs.getLong(at + 1) == windows && rs.getLong(at + 2) == counted
                    && rs.getLong(at + 3) == amount && rs.getLong(at + 4) == co2e && rs.getInt(at + 5) == flagBits
                    && rs.getInt(at + 6) == worst && Objects.equals(rs.getString(at + 7), site)
                    && rs.getLong(at + 8) == first && rs.getLong(at + 9) == last && rs.getLong(at + 10) == maxEntry;
        }

        void bind(PreparedStatement ps, long month, int series) throws SQLException {
            ps.setInt(1, days);
            ps.setLong(2, windows);
            ps.setLong(3, counted);
            ps.setLong(4, amount);
            ps.setLong(5, co2e);
            ps.setInt(6, flagBits);
            ps.setInt(7, worst);
            ps.setString(8, site);
            ps.setLong(9, first);
            ps.setLong(10, last);
            ps.setLong(11, maxEntry);
            ps.setLong(12, month);
            ps.setInt(13, series);
        }
    }

    /** The sum of a series' day rows in a UTC month, recomputed from WINDOW_BLOCK (its days == 0 when none). */
    static Sum recompute(Connection c, int series, long month) throws SQLException {
        var sum = new Sum();
        try (var ps = c.prepareStatement("SELECT " + BLOCK_COLUMNS + " FROM WINDOW_BLOCK WHERE SERIES_ID = ? AND "
                + "DAY >= ? AND DAY < ?")) {
            ps.setInt(1, series);
            ps.setLong(2, month);
            ps.setLong(3, nextMonth(month));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    sum.add(rs, 1);
                }
            }
        }
        return sum;
    }

    /** Rewrites the month row of a series from its day rows (writer, in the transaction that changed a day). */
    static void refresh(Connection c, int series, long month) throws SQLException {
        var sum = recompute(c, series, month);
        if (sum.days == 0) {
            try (var ps = c.prepareStatement("DELETE FROM WINDOW_MONTH WHERE MONTH = ? AND SERIES_ID = ?")) {
                ps.setLong(1, month);
                ps.setInt(2, series);
                ps.executeUpdate();
            }
            return;
        }
        try (var ps = c.prepareStatement("UPDATE WINDOW_MONTH SET DAYS=?, WINDOWS=?, COUNTED=?, AMOUNT=?, CO2E=?, "
                + "FLAG_BITS=?, WORST_QUALITY=?, SITE_ID=?, FIRST_START=?, LAST_START=?, MAX_ENTRY=? "
                + "WHERE MONTH=? AND SERIES_ID=?")) {
            sum.bind(ps, month, series);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (var ps = c.prepareStatement(insertSql())) {
            sum.bind(ps, month, series);
            ps.executeUpdate();
        }
    }

    private static String insertSql() {
        return "INSERT INTO WINDOW_MONTH (" + COLUMNS + ", MONTH, SERIES_ID) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
    }

    /**
     * Schema 7: builds every month row from the existing day rows, one UTC month at a time (memory: one sum per
     * series of that month).
     */
    static void build(Connection c) throws SQLException {
        long minDay;
        long maxDay;
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT MIN(DAY), MAX(DAY) FROM WINDOW_BLOCK")) {
            rs.next();
            minDay = rs.getLong(1);
            if (rs.wasNull()) {
                return;
            }
            maxDay = rs.getLong(2);
        }
        try (var read = c.prepareStatement("SELECT SERIES_ID, " + BLOCK_COLUMNS + " FROM WINDOW_BLOCK WHERE DAY >= ? "
                + "AND DAY < ?"); var insert = c.prepareStatement(insertSql())) {
            for (long m = monthStart(minDay); m <= maxDay; m = nextMonth(m)) {
                var sums = new HashMap<Integer, Sum>();
                read.setLong(1, m);
                read.setLong(2, nextMonth(m));
                try (var rs = read.executeQuery()) {
                    while (rs.next()) {
                        sums.computeIfAbsent(rs.getInt(1), k -> new Sum()).add(rs, 2);
                    }
                }
                for (var e : sums.entrySet()) {
                    e.getValue().bind(insert, m, e.getKey());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }
}
