package org.gridprint.store.derby;

/**
 * The default Derby page cache, sized from the maximum heap: an eighth of the heap in 32 KB pages, at most
 * {@value #MAX_AUTO_PAGES} and at least {@value #MIN_PAGES} (-Xmx64m: 256 pages = 8 MB, -Xmx128m: 512, -Xmx1g and
 * more: 4000). The reading tables use 32 KB pages, so 4000 pages can grow to ~128 MB of heap: more than a
 * controller's whole heap. Measured with 100 meters at 1 s in Karaf at -Xmx64m (docs/benchmarks.md): a quarter of
 * the heap (512 pages) filled the old generation to 94-99 % after a full GC within 3 minutes — the cached pages
 * also keep Derby's per-record headers (~4 MB more for 512 pages of small WAL and BATCH rows), and Karaf with
 * Gridprint needs ~25 MB of its own.
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
        long pages = maxHeapBytes / 8 / PAGE_BYTES;
        return (int) Math.max(MIN_PAGES, Math.min(MAX_AUTO_PAGES, pages));
    }

    /** The page cache for this JVM. */
    static int forThisJvm() {
        return forHeap(Runtime.getRuntime().maxMemory());
    }
}
