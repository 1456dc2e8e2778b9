package org.gridprint.ledger;

/** Constants of the ledger format. */
public final class LedgerFormat {

    /** The previous hash of entry 1: 64 × '0'. */
    public static final String GENESIS_HASH = "0".repeat(64);

    /** The version of the canonical encoding specified in docs/ledger-spec.md. */
    public static final int VERSION = 2;

    /** The first field of every entry header line. */
    public static final String MAGIC = "GRIDPRINT-LEDGER";

    private LedgerFormat() {
    }

    /** Whether {@code hash} has the form of an entry hash: 64 lower-case hex digits. */
    public static boolean isHash(String hash) {
        if (hash == null || hash.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = hash.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
