package org.gridprint.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.StoreAdmin;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * gridprint:store and gridprint:backup in the real distribution: the Derby store registers StoreAdmin, the status
 * names the backend and the head, and an online backup lands in a new directory with its manifest; a non-empty
 * target is refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoreOperationsIT extends GridprintTestSupport {

    @Test
    public void storeStatusAndOnlineBackup() throws Exception {
        var store = service(ReadingStore.class);
        var ledger = service(LedgerService.class);
        service(StoreAdmin.class);
        var t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int minute = 0; minute < 30; minute++) {
            var batch = new ArrayList<Reading>();
            for (int m = 0; m < 5; m++) {
                batch.add(new Reading("it/store/m" + m, Quantity.ACTIVE_ENERGY_IMPORT, t0.plusSeconds(60L * minute),
                        minute * 10.0 + m, Quality.GOOD, "it/store"));
            }
            store.append("it/store", batch);
        }
        var head = ledger.head().orElseThrow();

        String status = execute("gridprint:store");
        assertTrue(status, status.contains("Store:        Apache Derby 10.16"));
        assertTrue(status, status.contains(", available"));
        assertTrue(status, status.contains("Ledger head:  #" + head.batchId() + " " + head.hash()));
        String kv = execute("gridprint:store --no-format");
        assertTrue(kv, kv.contains("headEntry=" + head.batchId()));
        assertTrue(kv, kv.contains("available=true"));

        var backups = Path.of(System.getProperty("gridprint.it.target", TARGET), "backups");
        Files.createDirectories(backups);
        var target = Files.createTempDirectory(backups, "store-ops").resolve("b1"); // under target/: cleaned by mvn clean
        String backup = execute("gridprint:backup " + target);
        assertTrue(backup, backup.contains("Backup written to " + target));
        assertTrue(backup, backup.contains("Ledger head:  #"));
        assertTrue(Files.isDirectory(target.resolve("db")));
        var manifest = Files.readString(target.resolve("BACKUP.txt"), StandardCharsets.UTF_8);
        assertTrue(manifest, manifest.contains("backend = Apache Derby 10.16"));
        long backedUp = Long.parseLong(manifest.replaceAll("(?s).*ledgerHeadEntry = (\\d+).*", "$1"));
        assertTrue(manifest, backedUp >= head.batchId());

        String again = execute("gridprint:backup " + target);
        assertTrue(again, again.contains("Backup not made") && again.contains("not empty"));
        assertFalse(again, again.contains("Backup written"));
        assertEquals(manifest, Files.readString(target.resolve("BACKUP.txt"), StandardCharsets.UTF_8));
    }
}
