package org.gridprint.store.derby;

/**
 * Tuning of a {@link DerbyStore}.
 *
 * @param pageCacheSize        Derby page cache in pages ({@code derby.storage.pageCacheSize});
 *                             {@value #AUTO_PAGE_CACHE_SIZE} = sized from the maximum heap (an eighth of it,
 *                             40..4000 pages, see {@link PageCacheSizing})
 * @param flushThreshold       readings held in the memtable before the background flush writes them into block rows
 * @param maxBlockReadings     readings per new READING_BLOCK row at most
 * @param flushIntervalSeconds the background flush also runs this often (seconds) when there is anything to flush
 * @param anchorIntervalMillis at most one head-log anchor per this interval while entries are committed (0 = after
 *                             every commit); the head is also anchored on close and after every recovery
 */
public record StoreOptions(int pageCacheSize, int flushThreshold, int maxBlockReadings, int flushIntervalSeconds,
        long anchorIntervalMillis) {

    /** {@code pageCacheSize} 0: an eighth of the maximum heap in 32 KB pages, 40..4000 pages. */
    public static final int AUTO_PAGE_CACHE_SIZE = 0;
    public static final int DEFAULT_PAGE_CACHE_SIZE = AUTO_PAGE_CACHE_SIZE;
    public static final int DEFAULT_FLUSH_THRESHOLD = 65_536;
    /**
     * A block payload is a VARCHAR(32672) FOR BIT DATA of 33-byte records; at most 960 (31,680 bytes) so that a
     * full block row still fits in one 32 KB page (990 would overflow into a second page).
     */
    public static final int MAX_BLOCK_READINGS = 960;
    public static final int DEFAULT_MAX_BLOCK_READINGS = MAX_BLOCK_READINGS;
    public static final int DEFAULT_FLUSH_INTERVAL_SECONDS = 60;
    public static final long DEFAULT_ANCHOR_INTERVAL_MILLIS = 10_000;

    public StoreOptions {
        if (pageCacheSize == AUTO_PAGE_CACHE_SIZE) {
            pageCacheSize = PageCacheSizing.forThisJvm();
        }
        if (pageCacheSize < PageCacheSizing.MIN_PAGES) {
            throw new IllegalArgumentException("pageCacheSize must be 0 (sized from the heap) or >= 40 pages, was "
                    + pageCacheSize);
        }
        if (flushThreshold < 1) {
            throw new IllegalArgumentException("flushThreshold must be >= 1 reading, was " + flushThreshold);
        }
        if (maxBlockReadings < 1 || maxBlockReadings > MAX_BLOCK_READINGS) {
            throw new IllegalArgumentException("maxBlockReadings must be 1.." + MAX_BLOCK_READINGS + ", was "
                    + maxBlockReadings);
        }
        if (flushIntervalSeconds < 1) {
            throw new IllegalArgumentException("flushIntervalSeconds must be >= 1 second, was " + flushIntervalSeconds);
        }
        if (anchorIntervalMillis < 0) {
            throw new IllegalArgumentException("anchorIntervalMillis must be >= 0, was " + anchorIntervalMillis);
        }
    }

    /** With the default flush and anchor intervals. */
    public StoreOptions(int pageCacheSize, int flushThreshold, int maxBlockReadings) {
        this(pageCacheSize, flushThreshold, maxBlockReadings, DEFAULT_FLUSH_INTERVAL_SECONDS,
                DEFAULT_ANCHOR_INTERVAL_MILLIS);
    }

    public static StoreOptions defaults() {
        return new StoreOptions(DEFAULT_PAGE_CACHE_SIZE, DEFAULT_FLUSH_THRESHOLD, DEFAULT_MAX_BLOCK_READINGS);
    }

    public StoreOptions withFlushThreshold(int readings) {
        return new StoreOptions(pageCacheSize, readings, maxBlockReadings, flushIntervalSeconds, anchorIntervalMillis);
    }

    public StoreOptions withMaxBlockReadings(int readings) {
        return new StoreOptions(pageCacheSize, flushThreshold, readings, flushIntervalSeconds, anchorIntervalMillis);
    }

    public StoreOptions withFlushIntervalSeconds(int seconds) {
        return new StoreOptions(pageCacheSize, flushThreshold, maxBlockReadings, seconds, anchorIntervalMillis);
    }

    public StoreOptions withAnchorIntervalMillis(long millis) {
        return new StoreOptions(pageCacheSize, flushThreshold, maxBlockReadings, flushIntervalSeconds, millis);
    }
}
