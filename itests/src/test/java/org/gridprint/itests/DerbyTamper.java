package org.gridprint.itests;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Properties;

/**
 * Alters one stored reading directly in the store's Derby files, the way an attacker with file access would,
 * bypassing the store: Derby is loaded from the Maven repository's jars in its own class loader (the store
 * bundle, which embeds its own Derby, must be stopped first so the database is closed).
 *
 * Steps and layout as bundles/store-derby/README.md ("Tampering with a stored reading") documents:
 * SERIES(SERIES_ID, METER_ID, QUANTITY); flushed readings in
 * READING_BLOCK(SERIES_ID, PAYLOAD) as 33-byte big-endian records: ts long, value double, quality byte,
 * batch long, source int, digest int; readings not flushed yet in WAL(BATCH_ID, PART, PAYLOAD) as 29-byte (ledger format 2; 25 for format 1)
 * records: series int, ts long, value double, quality byte, source int. The store flushes on close, so after
 * a clean stop the reading is in a block; the WAL is handled too.
 */
final class DerbyTamper {

    private DerbyTamper() {
    }

    /**
     * Changes the first stored reading of the series whose value is {@code from} to {@code to}.
     *
     * @return the ledger batch that committed that reading
     */
    static long changeOneReading(Path storeDir, String repo, String derbyVersion, String meter, String quantity,
            double from, double to) throws Exception {
        var jars = new ArrayList<URL>();
        for (var name : new String[] {"derby", "derbyshared", "derbytools"}) {
            var jar = Path.of(repo, "org", "apache", "derby", name, derbyVersion, name + "-" + derbyVersion + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new AssertionError("Derby jar not found: " + jar + " (gridprint.it.repo=" + repo + ")");
            }
            jars.add(jar.toUri().toURL());
        }
        var thread = Thread.currentThread();
        var previousTccl = thread.getContextClassLoader();
        try (var loader = new URLClassLoader(jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(loader);
            var driver = (Driver) loader.loadClass("org.apache.derby.jdbc.EmbeddedDriver").getDeclaredConstructor()
                    .newInstance();
            var url = "jdbc:derby:" + storeDir.toAbsolutePath().resolve("db");
            long batch;
            try (Connection c = driver.connect(url, new Properties())) {
                if (c == null) {
                    throw new AssertionError("Derby did not accept " + url);
                }
                c.setAutoCommit(false);
                batch = tamper(c, meter, quantity, from, to);
                c.commit();
            } finally {
                shutdown(driver, url + ";shutdown=true", "08006");
                shutdown(driver, "jdbc:derby:;shutdown=true", "XJ015");
            }
            return batch;
        } finally {
            thread.setContextClassLoader(previousTccl);
        }
    }

    private static long tamper(Connection c, String meter, String quantity, double from, double to) throws SQLException {
        int series;
        try (var ps = c.prepareStatement("SELECT SERIES_ID FROM SERIES WHERE METER_ID = ? AND QUANTITY = ?")) {
            ps.setString(1, meter);
            ps.setString(2, quantity);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no series " + meter + " " + quantity + " in the Derby store");
                }
                series = rs.getInt(1);
            }
        }
        // flushed readings: READING_BLOCK
        try (var ps = c.prepareStatement("SELECT BLOCK_ID, PAYLOAD FROM READING_BLOCK WHERE SERIES_ID = ? ORDER BY FIRST_TS")) {
            ps.setInt(1, series);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    long blockId = rs.getLong(1);
                    byte[] payload = rs.getBytes(2);
                    var buf = ByteBuffer.wrap(payload);
                    for (int at = 0; at + 33 <= payload.length; at += 33) {
                        if (Math.abs(buf.getDouble(at + 8) - from) < 1e-9) {
                            long batch = buf.getLong(at + 17);
                            buf.putDouble(at + 8, to);
                            try (var up = c.prepareStatement("UPDATE READING_BLOCK SET PAYLOAD = ? WHERE BLOCK_ID = ?")) {
                                up.setBytes(1, payload);
                                up.setLong(2, blockId);
                                if (up.executeUpdate() != 1) {
                                    throw new AssertionError("READING_BLOCK " + blockId + " was not updated");
                                }
                            }
                            return batch;
                        }
                    }
                }
            }
        }
        // not yet flushed: the write-ahead log
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT w.BATCH_ID, w.PART, w.PAYLOAD, b.FORMAT "
                + "FROM WAL w JOIN BATCH b ON b.BATCH_ID = w.BATCH_ID ORDER BY w.BATCH_ID, w.PART")) {
            while (rs.next()) {
                long batch = rs.getLong(1);
                int part = rs.getInt(2);
                byte[] payload = rs.getBytes(3);
                int record = rs.getInt(4) >= 2 ? 29 : 25; // ledger format 2 adds the row digest
                var buf = ByteBuffer.wrap(payload);
                for (int at = 0; at + record <= payload.length; at += record) {
                    if (buf.getInt(at) == series && Math.abs(buf.getDouble(at + 12) - from) < 1e-9) {
                        buf.putDouble(at + 12, to);
                        try (var up = c.prepareStatement("UPDATE WAL SET PAYLOAD = ? WHERE BATCH_ID = ? AND PART = ?")) {
                            up.setBytes(1, payload);
                            up.setLong(2, batch);
                            up.setInt(3, part);
                            if (up.executeUpdate() != 1) {
                                throw new AssertionError("WAL row " + batch + "/" + part + " was not updated");
                            }
                        }
                        return batch;
                    }
                }
            }
        }
        throw new AssertionError("no stored reading of " + meter + " " + quantity + " with value " + from);
    }

    private static void shutdown(Driver driver, String url, String expectedState) {
        try {
            driver.connect(url, new Properties());
        } catch (SQLException e) {
            if (!expectedState.equals(e.getSQLState())) {
                throw new AssertionError("Derby shutdown " + url + ": " + e.getSQLState() + " " + e.getMessage(), e);
            }
        }
    }
}
