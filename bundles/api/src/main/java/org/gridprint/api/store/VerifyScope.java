package org.gridprint.api.store;

/**
 * How much of the ledger a verify recomputes.
 *
 * @since 1.1.0
 */
public enum VerifyScope {
    /** From the last checkpoint (a verified head) to the head; the checkpoint's hash is re-checked as a link. */
    INCREMENTAL,
    /** Every entry from the first; moves the checkpoint when intact. */
    FULL
}
