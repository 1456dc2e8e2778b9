package org.gridprint.store.derby;

import java.util.List;

import org.gridprint.ledger.EntryHash;
import org.gridprint.ledger.EntryHeader;
import org.gridprint.ledger.RowDigest;

/**
 * What a READINGS entry becomes (ledger format 2): its hash over the header, the accepted readings' R lines and the
 * quarantined conflicts' Q lines, chained to the previous hash; and the write-ahead payload of its accepted readings
 * (given in canonical order, see {@link Canonical#ORDER}), each with its row digest.
 */
record BatchPayload(String hash, byte[] wal) {

    static BatchPayload of(String previousHash, EntryHeader header, List<PendingReading> sorted,
            List<String> quarantineLines) {
        var hash = EntryHash.builder(previousHash, header);
        var wal = WalCodec.allocate(sorted.size(), 2);
        for (var p : sorted) {
            var line = Canonical.rLine(p.row());
            hash.add(line);
            var r = p.reading();
            WalCodec.put(wal, p.series().id, p.row().ts(), r.value(), (byte) r.quality().ordinal(), p.sourceId(),
                    RowDigest.of(line));
        }
        quarantineLines.forEach(hash::add);
        return new BatchPayload(hash.finish(), wal.array());
    }
}
