package org.gridprint.store.derby;

/**
 * The default Derby page cache, sized from the maximum heap: a quarter of the heap in 32 KB pages, at most
 * {@value #MAX_AUTO_PAGES} and at least {@value #MIN_PAGES}. The reading tables use 32 KB pages, so 4000 pages can
 * grow to ~128 MB of heap: more than a controller's whole heap (-Xmx64m gives 512 pages = 16 MB, -Xmx128m 1024).
 */
final class PageCacheSizing {

    /** Derby's own lower bound of {@code derby.storage.pageCacheSize}. */
    static final int MIN_PAGES = 40;
    /** The largest automatic size (the foundation's fixed default, measured fastest on a large heap). */
    static final int MAX_AUTO_PAGES = 4_000;
    static final long PAGE_BYTES = 32 * 1024;

    private PageCacheSizing() {
    }

    /** The page cache for a JVM whose maximum heap is {@code maxHeapBytes} ({@link Runtime#maxMemory()}). */
    static int forHeap(long maxHeapBytes) {
        if (maxHeapBytes <= 0 || maxHeapBytes == Long.MAX_VALUE) {
            return MAX_AUTO_PAGES;
        }
        long pages = maxHeapBytes / 4 / PAGE_BYTES;
        return (int) Math.max(MIN_PAGES, Math.min(MAX_AUTO_PAGES, pages));
    }

    /** The page cache for this JVM. */
    static int forThisJvm() {
        return forHeap(Runtime.getRuntime().maxMemory());
    }
}
