package org.gridprint.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.store.StoreStatus;
import org.junit.jupiter.api.Test;

class StoreTextTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final LedgerEntry HEAD = new LedgerEntry(4312, Instant.parse("2026-11-25T09:58:55Z"), 3,
            "0".repeat(64), "5d".repeat(32));
    private static final LedgerEntry CHECKPOINT = new LedgerEntry(4300, Instant.parse("2026-11-25T09:50:00Z"), 3,
            "1".repeat(64), "ab".repeat(32));

    private static StoreStatus full() {
        return new StoreStatus("Apache Derby 10.16.1.1 (embedded)", "data/gridprint", true, Optional.empty(),
                12_901_234, 1_293_600, 400, 1_200, Optional.of(Instant.parse("2026-11-25T09:55:55Z")),
                Optional.of(HEAD), Optional.of(CHECKPOINT), Optional.of(Instant.parse("2026-11-25T08:00:00Z")),
                Optional.of(true));
    }

    private static StoreStatus empty() {
        return new StoreStatus("PostgreSQL 15.18", "jdbc:postgresql://127.0.0.1/gridprint", false,
                Optional.of("connection refused\nretrying"), -1, 0, 0, 0, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void readableBlock() {
        assertEquals(List.of(
                "Store:        Apache Derby 10.16.1.1 (embedded), available",
                "Location:     data/gridprint",
                "On disk:      12.3 MiB (12,901,234 bytes)",
                "Readings:     1293600 in 400 series",
                "WAL depth:    1200 readings not yet in block rows",
                "Last flush:   2026-11-25T09:55:55Z (4m05s ago)",
                "Ledger head:  #4312 " + "5d".repeat(32) + ", committed 2026-11-25T09:58:55Z (1m05s ago)",
                "Checkpoint:   #4300 " + "ab".repeat(32) + ", committed 2026-11-25T09:50:00Z (10m00s ago)",
                "Last verify:  2026-11-25T08:00:00Z (2h00m ago): intact",
                "Last error:   none"), StoreText.lines(full(), NOW));
    }

    @Test
    void readableBlockOfAnUnavailableServerStore() {
        var lines = StoreText.lines(empty(), NOW);
        assertEquals("Store:        PostgreSQL 15.18, NOT AVAILABLE (appends refused)", lines.get(0));
        assertEquals("On disk:      unknown (a server: see its own tools)", lines.get(2));
        assertEquals("Ledger head:  none (empty ledger)", lines.get(6));
        assertEquals("Last verify:  none recorded", lines.get(8));
        assertEquals("Last error:   connection refused retrying", lines.get(9));
    }

    @Test
    void keyValuesOneFieldPerLineEmptyWhenAbsent() {
        var kv = StoreText.keyValues(full());
        assertTrue(kv.contains("bytesOnDisk=12901234"), kv.toString());
        assertTrue(kv.contains("headEntry=4312") && kv.contains("headHash=" + "5d".repeat(32)), kv.toString());
        assertTrue(kv.contains("checkpointEntry=4300") && kv.contains("lastVerifyIntact=true"), kv.toString());
        assertTrue(kv.contains("lastFlush=2026-11-25T09:55:55Z") && kv.contains("lastError="), kv.toString());
        var none = StoreText.keyValues(empty());
        assertTrue(none.contains("headEntry=") && none.contains("lastVerify=") && none.contains("available=false"),
                none.toString());
        assertTrue(none.contains("lastError=connection refused retrying"), none.toString());
        for (var line : none) {
            assertTrue(line.matches("[a-zA-Z]+=[^\n]*"), line);
        }
        assertEquals(kv.size(), none.size());
    }

    @Test
    void sizes() {
        assertEquals("0 KiB (0 bytes)", StoreText.size(0));
        assertEquals("1.5 KiB (1,536 bytes)", StoreText.size(1536));
        assertEquals("1 MiB (1,048,576 bytes)", StoreText.size(1 << 20));
    }

    @Test
    void backupManifestAndLines() {
        var manifest = BackupText.manifest("# Gridprint store backup\ncreatedAt = 2026-11-25T10:00:00Z\n"
                + "ledgerHeadEntry = 4312\nledgerHeadHash = " + "5d".repeat(32) + "\nreadings = 1293600\n"
                + "files = db/ ledger-head.log\ntookMillis = 830\n#\n# 1. Stop the store = not a key\n");
        assertEquals(Map.of("createdAt", "2026-11-25T10:00:00Z", "ledgerHeadEntry", "4312", "ledgerHeadHash",
                "5d".repeat(32), "readings", "1293600", "files", "db/ ledger-head.log", "tookMillis", "830"),
                manifest);
        var lines = BackupText.lines("backups/b1", manifest);
        assertEquals("Backup written to backups/b1", lines.get(0));
        assertEquals("Ledger head:  #4312 " + "5d".repeat(32), lines.get(1));
        assertEquals("Files:        db/ ledger-head.log BACKUP.txt", lines.get(3));
        assertEquals(List.of("Backup written to x", "(no BACKUP.txt in it)"), BackupText.lines("x", Map.of()));
        assertEquals("Ledger head:  none (empty ledger)",
                BackupText.lines("x", Map.of("ledgerHeadEntry", "none", "ledgerHeadHash", "none")).get(1));
    }
}
