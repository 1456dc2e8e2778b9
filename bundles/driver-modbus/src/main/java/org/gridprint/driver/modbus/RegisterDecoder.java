package org.gridprint.driver.modbus;

/**
 * Decodes register words (each 0..65535, bytes big-endian as Modbus sends them) into numbers.
 * Pure: no I/O.
 */
public final class RegisterDecoder {

    private RegisterDecoder() {
    }

    /**
     * Decodes the value of {@code type} whose first word is {@code words[offset]}.
     *
     * @throws IllegalArgumentException if the words do not reach far enough
     */
    public static double decode(int[] words, int offset, DataType type, WordOrder order) {
        int n = type.registers();
        if (offset < 0 || offset + n > words.length) {
            throw new IllegalArgumentException(type.configName() + " at offset " + offset + " needs " + n
                    + " registers, only " + words.length + " read");
        }
        long bits = 0;
        for (int i = 0; i < n; i++) {
            int word = words[order == WordOrder.BIG ? offset + i : offset + n - 1 - i] & 0xFFFF;
            bits = (bits << 16) | word;
        }
        return switch (type) {
            case INT16 -> (short) bits;
            case UINT16 -> bits;
            case INT32 -> (int) bits;
            case UINT32 -> bits & 0xFFFF_FFFFL;
            case INT64 -> bits;
            case UINT64 -> bits >= 0 ? bits : (double) (bits >>> 1) * 2.0 + (bits & 1L);
            case FLOAT32 -> Float.intBitsToFloat((int) bits);
            case FLOAT64 -> Double.longBitsToDouble(bits);
        };
    }

    /** Decodes, scales and converts an entry out of a block's words, to the quantity's canonical unit. */
    public static double value(RegisterEntry entry, ReadBlock block, int[] words) {
        return entry.toCanonical(decode(words, entry.address() - block.start(), entry.type(), entry.order()));
    }
}
