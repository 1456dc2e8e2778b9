package org.gridprint.store.derby;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.LedgerEntry;

/**
 * The text of {@value StoreFiles#BACKUP_MANIFEST}: {@code key = value} lines (what the copy holds) followed by the
 * restore procedure as comment lines.
 *
 * @param createdAt  when the backup finished
 * @param backend    e.g. "Apache Derby 10.16.1.1 (embedded)"
 * @param source     the store directory that was copied
 * @param head       the newest ledger entry in the copy
 * @param readings   readings in the copy (block rows + write-ahead log)
 * @param files      what the backup directory holds besides the manifest
 * @param took       how long the copy took
 */
record BackupManifest(Instant createdAt, String backend, String source, Optional<LedgerEntry> head, long readings,
        List<String> files, Duration took) {

    String text() {
        var b = new StringBuilder();
        b.append("# Gridprint store backup (online, consistent copy made with SYSCS_UTIL.SYSCS_BACKUP_DATABASE)\n");
        b.append("createdAt = ").append(createdAt).append('\n');
        b.append("backend = ").append(backend).append('\n');
        b.append("source = ").append(source).append('\n');
        b.append("ledgerHeadEntry = ").append(head.map(h -> Long.toString(h.batchId())).orElse("none")).append('\n');
        b.append("ledgerHeadHash = ").append(head.map(LedgerEntry::hash).orElse("none")).append('\n');
        b.append("ledgerHeadCommittedAt = ").append(head.map(h -> h.committedAt().toString()).orElse("none"))
                .append('\n');
        b.append("readings = ").append(readings).append('\n');
        b.append("files = ").append(String.join(" ", files)).append('\n');
        b.append("tookMillis = ").append(took.toMillis()).append('\n');
        b.append("#\n");
        b.append("# Restore (bundles/store-derby/README.md, \"Backup and restore\"):\n");
        b.append("# 1. Stop the store: bundle:stop org.gridprint.store.derby (or stop Karaf).\n");
        b.append("# 2. Move the store directory aside (default <karaf>/data/gridprint): keep it until step 5 is done.\n");
        b.append("# 3. Copy this directory's db/").append(files.contains(StoreFiles.HEAD_LOG) ? ", " + StoreFiles.HEAD_LOG : "")
                .append(files.contains(StoreFiles.VERIFY_CHECKPOINT) ? ", " + StoreFiles.VERIFY_CHECKPOINT : "")
                .append(" into an empty store directory.\n");
        b.append("# 4. Start the store: bundle:start org.gridprint.store.derby (or start Karaf).\n");
        b.append("# 5. Run gridprint:verify --full: it must report the ledger intact with the head above.\n");
        b.append("# Drivers re-submit what they still buffer; readings after this backup's head are lost unless\n");
        b.append("# a device or an export still has them.\n");
        return b.toString();
    }
}
