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

    @AttributeDefinition(name = "Max block readings", description = "Readings per block row at most", min = "1",
            max = "" + StoreOptions.MAX_BLOCK_READINGS)
    int maxBlockReadings() default StoreOptions.DEFAULT_MAX_BLOCK_READINGS;
}
