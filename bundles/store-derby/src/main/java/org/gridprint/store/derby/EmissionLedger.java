package org.gridprint.store.derby;

import java.util.List;

import org.gridprint.api.LedgerEntry;
import org.gridprint.api.carbon.EmissionRecord;

/**
 * {@code EmissionStore.store}: inserts the records not stored yet and, in the same transaction, the EMISSIONS entry
 * that covers them (basis = the newest READINGS entry), then makes it the ledger head.
 */
final class EmissionLedger {

    private record Stored(int count, LedgerEntry entry) {
    }

    private final StoreConnection db;
    private final BatchLedger ledger;

    EmissionLedger(StoreConnection db, BatchLedger ledger) {
        this.db = db;
        this.ledger = ledger;
    }

    /** Returns how many records were new. */
    int store(List<EmissionRecord> records) {
        if (records.isEmpty()) {
            return 0;
        }
        var out = db.transaction("storing " + records.size() + " emission records", () -> {
            var stored = EmissionTable.store(db.connection(), records, ledger.nextId());
            return new Stored(stored.size(), stored.isEmpty() ? null : ledger.writeEmissions(stored));
        });
        if (out.entry() != null) {
            ledger.committed(out.entry(), false);
        }
        return out.count();
    }
}
