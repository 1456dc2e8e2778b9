package org.gridprint.store.derby;

/** The files of a store directory besides Derby's database folder {@value #DATABASE}. */
final class StoreFiles {

    /** Derby's database folder: {@code jdbc:derby:<store dir>/db}. */
    static final String DATABASE = "db";
    /** The ledger head anchors (append-only), written beside the database by the ledger. */
    static final String HEAD_LOG = "ledger-head.log";
    /** The last verified entry (id, hash, when), written by verify. */
    static final String VERIFY_CHECKPOINT = "verify-checkpoint";
    /** The manifest a backup writes into its directory. */
    static final String BACKUP_MANIFEST = "BACKUP.txt";

    private StoreFiles() {
    }
}
