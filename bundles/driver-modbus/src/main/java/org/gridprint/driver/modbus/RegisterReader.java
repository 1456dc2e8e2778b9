package org.gridprint.driver.modbus;

/**
 * Reads registers (or bits) of one device. Implementations: {@link BridgeReader} (a unit id on a bridge); fakes in
 * logic tests.
 */
@FunctionalInterface
public interface RegisterReader extends AutoCloseable {

    /** Returns {@code count} words, each 0..65535 (for coils and discrete inputs: one 0/1 per bit). */
    int[] read(RegisterFunction function, int start, int count) throws ReadFailure;

    /** Releases what the reader owns (a bridge reader owns nothing: the bridge is shared). */
    @Override
    default void close() {
    }
}
