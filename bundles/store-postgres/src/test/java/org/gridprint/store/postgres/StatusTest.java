package org.gridprint.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.store.VerifyScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StoreAdmin: what gridprint:store shows for this backend, and backup() pointing at the server's tools. */
class StatusTest {

    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

    @TempDir
    Path dir;

    private PostgresHarness harness;

    @BeforeEach
    void open() {
        harness = new PostgresHarness(getClass(), dir);
        harness.open();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void statusNamesTheServerTheSchemaAndTheLedgerButNoCredentials() {
        var store = harness.store();
        var before = store.status();
        assertTrue(before.available());
        assertTrue(before.backend().startsWith("PostgreSQL 1"), before.backend());
        assertTrue(before.location().endsWith(" schema " + harness.options().schema()), before.location());
        assertFalse(before.location().contains(harness.options().password()));
        assertTrue(before.head().isEmpty());
        assertTrue(before.lastVerify().isEmpty());

        store.append("s", List.of(new Reading("m", Quantity.ACTIVE_POWER, T0, 1, Quality.GOOD, "s"),
                new Reading("m", Quantity.VOLTAGE, T0, 230, Quality.GOOD, "s")));
        store.verify(VerifyScope.FULL);
        var after = store.status();
        assertEquals(2, after.readings());
        assertEquals(2, after.series());
        assertEquals(0, after.walDepth());
        assertTrue(after.bytesOnDisk() > 0);
        assertEquals(1, after.head().orElseThrow().batchId());
        assertEquals(after.head(), after.checkpoint());
        assertEquals(true, after.lastVerifyIntact().orElseThrow());
        assertTrue(after.lastError().isEmpty());
    }

    @Test
    void backupNamesTheServersTools() {
        var e = assertThrows(UnsupportedOperationException.class, () -> harness.store().backup(dir.resolve("b")));
        assertTrue(e.getMessage().contains("pg_dump") && e.getMessage().contains("pg_basebackup")
                && e.getMessage().contains("ledger-head.log"), e.getMessage());
    }
}
