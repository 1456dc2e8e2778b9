package org.gridprint.driver.bacnet;

/**
 * The size of a device's ReadPropertyMultiple requests. Starts at the configured maximum; when the device cannot
 * take or answer a request of that size (no segmentation, Reject, Abort with segmentation-not-supported or
 * buffer-overflow) it halves, down to one property per request. After {@code growAfter} requests without such a
 * failure it tries one step larger again (the device may have been busy), never above what last failed.
 * Not thread-safe: used by the device's poll thread.
 */
public final class BatchSizer {

    private final int max;
    private final int growAfter;
    private int size;
    private int ceiling;
    private int okInARow;
    private int reductions;

    public BatchSizer(int max, int growAfter) {
        if (max < 1) {
            throw new IllegalArgumentException("max = " + max + ": expected at least 1");
        }
        this.max = max;
        this.growAfter = growAfter;
        this.size = max;
        this.ceiling = max;
    }

    /** Properties in the next request. */
    public int size() {
        return size;
    }

    /** How often the size was lowered. */
    public int reductions() {
        return reductions;
    }

    /** A request of {@code requested} properties was too large. Returns false when it cannot get smaller. */
    public boolean tooLarge(int requested) {
        okInARow = 0;
        if (requested <= 1) {
            return false;
        }
        ceiling = Math.min(ceiling, requested - 1);
        size = Math.max(1, Math.min(size, requested / 2));
        reductions++;
        return true;
    }

    /** A request was answered. */
    public void succeeded() {
        if (size < ceiling && ++okInARow >= growAfter) {
            size = Math.min(ceiling, Math.min(max, size + Math.max(1, size / 2)));
            okInARow = 0;
        }
    }
}
