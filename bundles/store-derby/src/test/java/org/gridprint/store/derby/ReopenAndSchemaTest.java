package org.gridprint.store.derby;

import static org.gridprint.store.derby.Fixtures.E;
import static org.gridprint.store.derby.Fixtures.T0;
import static org.gridprint.store.derby.Fixtures.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Meter;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReopenAndSchemaTest {

    @TempDir
    Path dir;

    @Test
    void reopenAfterCloseKeepsEverything() {
        org.gridprint.api.LedgerEntry head;
        try (var store = Fixtures.open(dir, 1_000_000, 16)) {
            for (int minute = 0; minute < 7; minute++) {
                store.append("test/src", poll(30, minute));
                if (minute == 3) {
                    store.flush();
                }
            }
            head = store.head().orElseThrow();
            assertTrue(store.memtableSize() > 0, "some readings are still only in the memtable");
        }
        try (var store = Fixtures.open(dir, 100, 16)) {
            assertEquals(210, store.readingCount());
            assertEquals(0, store.memtableSize(), "close flushed the memtable");
            assertEquals(head, store.head().orElseThrow());
            assertEquals(7, store.readings("m3", E, T0, T0.plusSeconds(3600)).size());
            assertEquals(63.0, store.latest("m3", E).orElseThrow().value());
            var again = store.append("test/src", poll(30, 6));
            assertTrue(again.outcomes().stream().allMatch(IngestOutcome.Duplicate.class::isInstance));
            var next = store.append("test/src", poll(30, 7)).ledgerEntry().orElseThrow();
            assertEquals(head.batchId() + 1, next.batchId());
            assertEquals(head.hash(), next.previousHash());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    @Test
    void crashWithoutFlushReplaysTheWriteAheadLog() {
        try (var store = Fixtures.open(dir, 1_000_000, 16)) {
            for (int minute = 0; minute < 5; minute++) {
                store.append("test/src", poll(20, minute));
            }
            assertEquals(100, store.memtableSize());
            store.abandon();
        }
        try (var store = Fixtures.open(dir, 1_000_000, 16)) {
            assertEquals(100, store.readingCount());
            assertEquals(100, store.memtableSize(), "replayed from BATCH payloads");
            assertEquals(5, store.head().orElseThrow().batchId());
            var dup = store.append("test/src", poll(20, 2));
            assertTrue(dup.outcomes().stream().allMatch(IngestOutcome.Duplicate.class::isInstance));
            var conflict = store.append("test/src", java.util.List.of(Fixtures.reading("m1", 2, -1.0)));
            assertEquals(21.0, assertInstanceOf(IngestOutcome.Conflict.class, conflict.outcomes().get(0)).storedValue());
            assertEquals(4, store.readings("m4", E, T0.plusSeconds(60), T0.plusSeconds(3600)).size());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    @Test
    void aLargeBatchSpansSeveralWalRowsAndSurvivesACrash() {
        var big = new java.util.ArrayList<org.gridprint.api.Reading>();
        for (int minute = 0; minute < 3000; minute++) {
            big.add(Fixtures.reading("big", minute, minute));
        }
        try (var store = Fixtures.open(dir, 1_000_000, 100)) {
            assertEquals(3000, store.append("test/src", big).ledgerEntry().orElseThrow().readingCount());
            store.abandon();
        }
        try (var store = Fixtures.open(dir, 1_000_000, 100)) {
            assertEquals(3000, store.memtableSize());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
            store.flush();
            assertEquals(0, store.memtableSize());
            assertEquals(3000, store.readings("big", E, T0, T0.plusSeconds(60 * 3000)).size());
            assertEquals(2999.0, store.latest("big", E).orElseThrow().value());
            assertInstanceOf(VerificationReport.Intact.class, store.verify());
        }
    }

    @Test
    void derbyLogGoesToTheStoreDirectory() {
        try (var store = Fixtures.open(dir)) {
            store.append("test/src", poll(2, 0));
        }
        assertTrue(Files.exists(dir.resolve("derby.log")));
        assertTrue(Files.isDirectory(dir.resolve("db")));
    }

    @Test
    void migratesAnOldSchemaAndAppliesOnlyMissingSteps() throws SQLException {
        var c = DerbyEngine.open(dir, StoreOptions.defaults());
        try {
            c.setAutoCommit(false);
            assertEquals(1, Schema.migrate(c, 1));
            assertEquals(1, Schema.currentVersion(c));
        } finally {
            c.rollback();
            c.close();
            DerbyEngine.close(dir);
        }
        try (var store = Fixtures.open(dir)) {
            store.registerMeter(Meter.of("a", "hq"));
            store.append("test/src", poll(3, 0));
        }
        c = DerbyEngine.open(dir, StoreOptions.defaults());
        try (var st = c.createStatement()) {
            assertEquals(Schema.MIGRATIONS.size(), Schema.currentVersion(c));
            try (var rs = st.executeQuery("SELECT COUNT(*) FROM SCHEMA_VERSION")) {
                rs.next();
                assertEquals(Schema.MIGRATIONS.size(), rs.getInt(1));
            }
            assertEquals(Schema.MIGRATIONS.size(), Schema.migrate(c), "re-running applies nothing");
            try (var rs = st.executeQuery("SELECT SITE_ID FROM METER WHERE METER_ID = 'a'")) {
                assertTrue(rs.next());
                assertEquals("hq", rs.getString(1));
            }
        } finally {
            c.rollback();
            c.close();
            DerbyEngine.close(dir);
        }
    }

    @Test
    void registerMeterUpserts() throws SQLException {
        try (var store = Fixtures.open(dir)) {
            store.registerMeter(Meter.of("a", "hq"));
            store.registerMeter(new Meter("a", "AHU 2", "plant", "B1", "AHU", "3P", "ops", "t1",
                    java.util.List.of("hvac", "roof"), java.util.Optional.of("main"), 1e9));
        }
        var c = DerbyEngine.open(dir, StoreOptions.defaults());
        try (var st = c.createStatement();
                var rs = st.executeQuery("SELECT NAME, SITE_ID, TAGS, PARENT_ID, COUNTER_ROLLOVER, "
                        + "(SELECT COUNT(*) FROM METER) FROM METER WHERE METER_ID = 'a'")) {
            assertTrue(rs.next());
            assertEquals("AHU 2", rs.getString(1));
            assertEquals("plant", rs.getString(2));
            assertEquals("hvac,roof", rs.getString(3));
            assertEquals("main", rs.getString(4));
            assertEquals(1e9, rs.getDouble(5));
            assertEquals(1, rs.getInt(6));
        } finally {
            c.rollback();
            c.close();
            DerbyEngine.close(dir);
        }
    }
}
