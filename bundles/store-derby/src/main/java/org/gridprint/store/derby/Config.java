package org.gridprint.store.derby;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The configuration of the store component, PID {@value DerbyStore#PID} (singleton, optional). */
@ObjectClassDefinition(name = "Gridprint Derby store", description = "The embedded Apache Derby reading ledger, "
        + "emission store and meter table. PID org.gridprint.store.derby.")
public @interface Config {

    @AttributeDefinition(name = "Directory", description = "Database directory; empty = ${karaf.data}/gridprint "
            + "(./data/gridprint without Karaf)")
    String directory() default "";

    @AttributeDefinition(name = "Page cache size", description = "Derby page cache in pages "
            + "(derby.storage.pageCacheSize): 0 = an eighth of the maximum heap in 32 KB pages (40..4000), or >= 40",
            min = "0")
    int pageCacheSize() default StoreOptions.DEFAULT_PAGE_CACHE_SIZE;

    @AttributeDefinition(name = "Flush threshold", description = "Readings kept in memory (and in the batch "
            + "write-ahead log) before they are written as block rows", min = "1")
    int flushThreshold() default StoreOptions.DEFAULT_FLUSH_THRESHOLD;

    @AttributeDefinition(name = "Flush interval (s)", description = "The background flush also writes the memtable "
            + "into block rows this often when it holds anything (besides reaching the flush threshold)", min = "1")
    int flushIntervalSeconds() default StoreOptions.DEFAULT_FLUSH_INTERVAL_SECONDS;

    @AttributeDefinition(name = "Max block readings", description = "Readings per block row at most", min = "1",
            max = "" + StoreOptions.MAX_BLOCK_READINGS)
    int maxBlockReadings() default StoreOptions.DEFAULT_MAX_BLOCK_READINGS;

    @AttributeDefinition(name = "Anchor interval", description = "Seconds between anchors of the ledger head in the "
            + "head log beside the database (ledger-head.log) while batches are committed; the head is also "
            + "anchored on close. 0 = after every commit", min = "0")
    long anchorIntervalSeconds() default StoreOptions.DEFAULT_ANCHOR_INTERVAL_MILLIS / 1000;

    @AttributeDefinition(name = "Retention days", description = "0 = off (default): keep every raw reading. N > 0: "
            + "once a day, raw readings older than N days are replaced by hourly windows per series under a ROLLUP "
            + "ledger entry (the ledger still verifies; see the store README)", min = "0")
    int retentionDays() default 0;

    @AttributeDefinition(name = "Outbox capacity", description = "Edge mode: 0 = no outbox (default). N > 0: every "
            + "committed batch's accepted readings are queued, in the same transaction, for the edge forwarder "
            + "(bundle org.gridprint.edge), at most N readings", min = "0")
    long outboxCapacity() default 0;

    @AttributeDefinition(name = "Outbox policy", description = "When the outbox is full: refuse-new (back-pressure: "
            + "batches are refused, drivers keep them in their retry buffers) or drop-oldest (the oldest queued "
            + "readings are dropped, counted, logged once and recorded in the register 'outbox')")
    String outboxPolicy() default "refuse-new";
}
