package org.gridprint.store.derby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.VerificationReport;
import org.gridprint.api.store.VerifyScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries past the flush watermark (window entries need no flush) are verified a bounded number at a time
 * ({@link LedgerVerifier#MAX_WAL_CHUNK_ENTRIES}): a store with more of them than one chunk verifies every one of
 * them, the chain across the chunk edges included, and an edit in a later chunk is still named.
 */
class VerifyChunksTest {

    @TempDir
    Path dir;

    private static final int ENTRIES = LedgerVerifier.MAX_WAL_CHUNK_ENTRIES * 2 + 37;

    private static EmissionWindow window(int hour) {
        var start = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * hour);
        var end = start.plusSeconds(3600);
        return new EmissionWindow("m1", "s", Quantity.ACTIVE_ENERGY_IMPORT, Scope.SCOPE_2,
                AccountingMethod.LOCATION_BASED, start, end, 1_000_000_000L + hour, 400_000_000L, 1, 0, 0,
                Quality.GOOD, Set.of(), start.minusSeconds(5), end.plusSeconds(5), 1, end);
    }

    @Test
    void moreEntriesThanOneChunkAreAllVerifiedAndAnEditInALaterChunkIsNamed() throws SQLException {
        var harness = new DerbyHarness(dir);
        harness.open();
        try {
            var store = harness.store();
            for (int h = 0; h < ENTRIES; h++) {
                assertEquals(1, store.storeWindows(List.of(window(h)), "computed").added());
            }
            var intact = assertInstanceOf(VerificationReport.Intact.class, store.verify(VerifyScope.FULL));
            assertTrue(intact.batchesChecked() >= ENTRIES, intact::toString);
            // edit the window of the last entry but one (in the third chunk)
            int hour = ENTRIES - 2;
            harness.editStoredWindow(window(hour).key(), w -> new EmissionWindow(w.meterId(), w.siteId(),
                    w.quantity(), w.scope(), w.method(), w.start(), w.end(), w.amountNano() + 1, w.co2eMicrograms(),
                    w.factorRef(), w.instrumentRef(), w.coveredNano(), w.quality(), w.flags(), w.firstReading(),
                    w.lastReading(), w.version(), w.computedAt()));
            var broken = assertInstanceOf(VerificationReport.Broken.class, harness.store().verify(VerifyScope.FULL));
            assertTrue(broken.findings().stream().anyMatch(f -> f.row().orElse("").contains("m1")
                    && f.row().orElse("").contains(window(hour).start().toString())), broken::toString);
        } finally {
            harness.store().close();
        }
    }
}
