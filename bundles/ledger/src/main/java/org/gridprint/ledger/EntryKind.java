package org.gridprint.ledger;

/** What a ledger entry records. */
public enum EntryKind {
    /** A committed batch: its accepted readings (R lines) and its quarantined conflicts (Q lines). */
    READINGS,
    /** Derived records (emission records; later the accounting windows), computed from READINGS entries. */
    EMISSIONS,
    /** Retention: raw readings replaced by rolled-up windows. */
    ROLLUP
}
