package org.gridprint.store.derby;

import java.util.List;

/**
 * What a batch's accepted readings become: the ledger hash chained to the previous one, and the write-ahead
 * payload. The readings are hashed and encoded in the order given (canonical order, see {@link Canonical#ORDER}).
 */
record BatchPayload(String hash, byte[] wal) {

    static BatchPayload of(String previousHash, List<PendingReading> sorted) {
        var md = Canonical.sha256(previousHash);
        var wal = WalCodec.allocate(sorted.size());
        for (var p : sorted) {
            md.update(Canonical.line(p.row()));
            var r = p.reading();
            WalCodec.put(wal, p.series().id, p.row().ts(), r.value(), (byte) r.quality().ordinal(), p.sourceId());
        }
        return new BatchPayload(Canonical.hex(md.digest()), wal.array());
    }
}
