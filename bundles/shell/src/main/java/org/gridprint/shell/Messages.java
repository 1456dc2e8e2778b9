package org.gridprint.shell;

/** What the commands print when a service they need is not there. */
final class Messages {

    static final String NO_REGISTRY = "No MeterRegistry service: the gridprint core bundle is not running "
            + "(feature:install gridprint-core).";
    static final String NO_INGEST = "No IngestService service: the gridprint core bundle is not running "
            + "(feature:install gridprint-core).";
    /** Which store features there are, for the messages below. */
    private static final String STORE_FEATURES = "(feature:install gridprint-store-derby, or gridprint-store-postgres "
            + "with etc/org.gridprint.store.postgres.cfg)";
    static final String NO_STORE = "No ReadingStore service: the reading store is not running " + STORE_FEATURES + ".";
    static final String NO_LEDGER = "No LedgerService service: the reading store is not running " + STORE_FEATURES
            + ".";
    static final String NO_EMISSION_STORE = "No EmissionStore service: the reading store is not running "
            + STORE_FEATURES + ".";
    static final String NO_STORE_ADMIN = "No StoreAdmin service: the reading store is not running " + STORE_FEATURES
            + ", or is older than api 1.1.";

    private Messages() {
    }
}
