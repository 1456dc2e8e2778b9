package org.gridprint.store.derby;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;

/** Shared test data. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    static final Quantity E = Quantity.ACTIVE_ENERGY_IMPORT;

    private Fixtures() {
    }

    static DerbyStore open(Path dir) {
        return DerbyStore.open(dir, CLOCK, StoreOptions.defaults());
    }

    static DerbyStore open(Path dir, int flushThreshold, int maxBlock) {
        return DerbyStore.open(dir, CLOCK,
                StoreOptions.defaults().withFlushThreshold(flushThreshold).withMaxBlockReadings(maxBlock));
    }

    /** The store's database opened directly (manual commit), as an auditor or a tamperer would; the store is closed. */
    static Connection raw(Path dir) throws SQLException {
        var c = DerbyEngine.open(dir, StoreOptions.defaults());
        c.setAutoCommit(false);
        return c;
    }

    /** Rolls back what was not committed, closes {@code c} and shuts the database down. */
    static void closeRaw(Connection c, Path dir) throws SQLException {
        c.rollback();
        c.close();
        DerbyEngine.close(dir);
    }

    /** Replaces the PAYLOAD of WAL row (batchId, part) by {@code change(payload)}, with the store closed. */
    static void tamperWal(Path dir, long batchId, int part, UnaryOperator<byte[]> change) throws SQLException {
        var c = raw(dir);
        try {
            byte[] payload;
            try (var ps = c.prepareStatement("SELECT PAYLOAD FROM WAL WHERE BATCH_ID = ? AND PART = ?")) {
                ps.setLong(1, batchId);
                ps.setInt(2, part);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no WAL row " + batchId + "/" + part);
                    }
                    payload = rs.getBytes(1);
                }
            }
            try (var ps = c.prepareStatement("UPDATE WAL SET PAYLOAD = ? WHERE BATCH_ID = ? AND PART = ?")) {
                ps.setBytes(1, change.apply(payload));
                ps.setLong(2, batchId);
                ps.setInt(3, part);
                ps.executeUpdate();
            }
            c.commit();
        } finally {
            closeRaw(c, dir);
        }
    }

    static Reading reading(String meter, long minute, double value) {
        return new Reading(meter, E, T0.plusSeconds(60 * minute), value, Quality.GOOD, "test/src");
    }

    /** One poll cycle: meters m0..m(n-1) at one minute, value = minute * 10 + meter index. */
    static List<Reading> poll(int meters, long minute) {
        var out = new ArrayList<Reading>();
        for (int m = 0; m < meters; m++) {
            out.add(reading("m" + m, minute, minute * 10.0 + m));
        }
        return out;
    }
}
