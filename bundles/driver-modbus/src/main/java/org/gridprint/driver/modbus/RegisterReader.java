package org.gridprint.driver.modbus;

/**
 * Reads registers from one device; opens its connection when needed. Not thread-safe: one poller; only
 * {@link #abort()} may be called from another thread.
 */
public interface RegisterReader extends AutoCloseable {

    /** Returns {@code count} words, each 0..65535. */
    int[] read(RegisterFunction function, int start, int count) throws ReadFailure;

    /** Closes the connection; the next read opens a new one. */
    @Override
    void close();

    /**
     * Called from another thread (device stop) to end a read that may be blocked in socket I/O: closes the
     * socket under it so the read fails at once instead of waiting for its timeout. Must not block.
     * The default does nothing: the read then ends at its timeout.
     */
    default void abort() {
    }
}
