package org.gridprint.driver.modbus;

/** Reads registers from one device; opens its connection when needed. Not thread-safe: one poller. */
public interface RegisterReader extends AutoCloseable {

    /** Returns {@code count} words, each 0..65535. */
    int[] read(RegisterFunction function, int start, int count) throws ReadFailure;

    /** Closes the connection; the next read opens a new one. */
    @Override
    void close();
}
