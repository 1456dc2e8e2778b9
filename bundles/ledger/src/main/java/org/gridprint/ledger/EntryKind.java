package org.gridprint.ledger;

/** What a ledger entry records. */
public enum EntryKind {
    /** A committed batch: its accepted readings (R lines) and its quarantined conflicts (Q lines). */
    READINGS,
    /** Derived records (emission records; later the accounting windows), computed from READINGS entries. */
    EMISSIONS,
    /** Retention: raw readings replaced by rolled-up windows. */
    ROLLUP,
    /**
     * Accounting windows: the window versions one {@code EmissionWindowStore.storeWindows} call added or revised
     * ({@code V} lines) and its reason ({@code N} line).
     *
     * @since 1.1.0
     */
    WINDOWS,
    /**
     * A register record: one new version of one {@code RecordRegister} record ({@code G} line).
     *
     * @since 1.1.0
     */
    REGISTER
}
