package org.gridprint.shell;

/** What the commands print when a service they need is not there. */
final class Messages {

    static final String NO_REGISTRY = "No MeterRegistry service: the gridprint core bundle is not running "
            + "(feature:install gridprint-core).";
    static final String NO_INGEST = "No IngestService service: the gridprint core bundle is not running "
            + "(feature:install gridprint-core).";
    static final String NO_STORE = "No ReadingStore service: the reading store (store-derby bundle) is not running.";
    static final String NO_LEDGER = "No LedgerService service: the reading store (store-derby bundle) is not running.";
    static final String NO_EMISSION_STORE = "No EmissionStore service: the reading store (store-derby bundle) is not "
            + "running.";
    static final String NO_STORE_ADMIN = "No StoreAdmin service: the reading store (store-derby or store-postgres "
            + "bundle) is not running, or is older than api 1.1.";

    private Messages() {
    }
}
