package org.gridprint.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.Quality;
import org.gridprint.api.Reading;
import org.gridprint.ledger.CanonicalLines;
import org.gridprint.ledger.EntryHash;
import org.gridprint.ledger.EntryHeader;
import org.gridprint.ledger.EntryKind;
import org.gridprint.ledger.LedgerFormat;
import org.junit.jupiter.api.Test;

/**
 * An auditor's recomputation: the hashes the store reports equal the library's {@link EntryHash} over the lines of
 * docs/ledger-spec.md, for readings, quarantined conflicts and emission records.
 */
public abstract class AuditorContract extends StoreContractBase {

    /** The source a store writes into the header of an EMISSIONS entry (docs/ledger-spec.md, 3.1). */
    public static final String EMISSIONS_SOURCE = "emissions";

    @Test
    void theHashOfEachEntryIsTheSpecifiedOne() throws Exception {
        var a = new Reading("hq\\b1/ahu-2", E, T0, 100.0, Quality.GOOD, "modbus/panel 3");
        var b = new Reading("hq/b1/ahu-1", E, T0, -0.0, Quality.ESTIMATED, "modbus/panel-3");
        var c = new Reading("\u00e9t\u00e9", E, T0.plusMillis(250), Double.NaN, Quality.BAD, "modbus/panel-3");
        var entry1 = store().append("driver/one", List.of(a, b, c)).ledgerEntry().orElseThrow();
        var lines1 = List.of(CanonicalLines.reading(a), CanonicalLines.reading(b), CanonicalLines.reading(c));
        var header1 = new EntryHeader(1, EntryKind.READINGS, entry1.committedAt().toEpochMilli(), "driver/one", 3, 0);
        assertEquals(EntryHash.of(LedgerFormat.GENESIS_HASH, header1, lines1), entry1.hash());
        assertEquals(LedgerFormat.GENESIS_HASH, entry1.previousHash());

        var conflicting = new Reading(a.meterId(), E, T0, 101.0, Quality.GOOD, "modbus/panel 3");
        var d = new Reading(a.meterId(), E, T0.plusSeconds(1), 100.25, Quality.GOOD, "modbus/panel 3");
        var entry2 = store().append("driver/two", List.of(conflicting, d, a)).ledgerEntry().orElseThrow();
        var q = store().quarantine(1).get(0);
        var lines2 = List.of(CanonicalLines.reading(d),
                CanonicalLines.quarantined(conflicting, 100.0, q.receivedAt().toEpochMilli(), q.reason()));
        var header2 = new EntryHeader(2, EntryKind.READINGS, entry2.committedAt().toEpochMilli(), "driver/two", 2, 0);
        assertEquals(EntryHash.of(entry1.hash(), header2, lines2), entry2.hash());
        assertEquals(entry1.hash(), entry2.previousHash());

        var records = List.of(emission("m1", 0, 12.5), emission("m1", 1, 3.0), emission("m2", 0, 0.0));
        assertEquals(3, emissionStore().store(records));
        var entry3 = ledger().head().orElseThrow();
        var lines3 = new ArrayList<String>();
        records.forEach(r -> lines3.add(CanonicalLines.emission(r)));
        var header3 = new EntryHeader(3, EntryKind.EMISSIONS, entry3.committedAt().toEpochMilli(), EMISSIONS_SOURCE,
                3, 2);
        assertEquals(EntryHash.of(entry2.hash(), header3, lines3), entry3.hash());

        harness.reopen();
        assertEquals(entry3, ledger().head().orElseThrow());
        assertIntact(ledger().verify());
    }
}
