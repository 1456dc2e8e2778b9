package org.gridprint.store.derby;

import org.gridprint.ledger.Checkpoint;
import org.gridprint.ledger.HeadLog;

/**
 * The files of a store directory besides Derby's database folder {@value #DATABASE}. The head log and the verify
 * checkpoint file are the ledger library's ({@link HeadLog#FILE_NAME}, {@link Checkpoint#FILE_NAME}; formats in
 * docs/ledger-spec.md): named here once for the backup.
 */
final class StoreFiles {

    /** Derby's database folder: {@code jdbc:derby:<store dir>/db}. */
    static final String DATABASE = "db";
    /** The ledger head anchors (append-only), written beside the database by the writer thread. */
    static final String HEAD_LOG = HeadLog.FILE_NAME;
    /** The last verified entry (id, hash, when), written by verify together with the VERIFY_CHECKPOINT row. */
    static final String VERIFY_CHECKPOINT = Checkpoint.FILE_NAME;
    /** The manifest a backup writes into its directory. */
    static final String BACKUP_MANIFEST = "BACKUP.txt";

    private StoreFiles() {
    }
}
