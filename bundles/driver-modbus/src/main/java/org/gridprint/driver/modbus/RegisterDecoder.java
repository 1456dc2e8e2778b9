package org.gridprint.driver.modbus;

import java.math.BigDecimal;

/**
 * Decodes register words (each 0..65535, bytes as Modbus sends them) into numbers. Pure: no I/O.
 * <p>
 * Values carry no binary noise: a float32 becomes the double of its shortest decimal form (1234.1f gives 1234.1,
 * not 1234.0999755859375), and scale, offset, unit factor and transformer ratio are applied in decimal arithmetic.
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
        long bits = bits(words, offset, type, order);
        return switch (type) {
            case INT16 -> (short) bits;
            case UINT16, BOOL -> bits;
            case INT32 -> (int) bits;
            case UINT32 -> bits & 0xFFFF_FFFFL;
            case INT64 -> bits;
            case UINT64 -> bits >= 0 ? bits : (double) (bits >>> 1) * 2.0 + (bits & 1L);
            // the float's shortest decimal form, read as a double (also passes NaN and infinities through)
            case FLOAT32 -> Double.parseDouble(Float.toString(Float.intBitsToFloat((int) bits)));
            case FLOAT64 -> Double.longBitsToDouble(bits);
        };
    }

    /**
     * Decodes, scales and converts a point out of a block's words (or bits, one per element, for coils and
     * discrete inputs), to the quantity's canonical unit. NaN and infinite floats are returned as they are.
     */
    public static double value(RegisterEntry entry, ReadBlock block, int[] words) {
        int offset = entry.address() - block.start();
        if (entry.function().bits()) {
            check(words, offset, 1, entry.type());
            return entry.toCanonical(BigDecimal.valueOf(words[offset] != 0 ? 1 : 0));
        }
        if (entry.bit() >= 0) {
            check(words, offset, 1, entry.type());
            return entry.toCanonical(BigDecimal.valueOf((words[offset] >> entry.bit()) & 1));
        }
        return switch (entry.type()) {
            // integers: the exact value, also above 2^53 (uint64 up to 2^64 - 1)
            case INT64 -> entry.toCanonical(BigDecimal.valueOf(bits(words, offset, entry.type(), entry.order())));
            case UINT64 -> entry.toCanonical(
                    new BigDecimal(Long.toUnsignedString(bits(words, offset, entry.type(), entry.order()))));
            default -> entry.toCanonical(decode(words, offset, entry.type(), entry.order()));
        };
    }

    private static void check(int[] words, int offset, int n, DataType type) {
        if (offset < 0 || offset + n > words.length) {
            throw new IllegalArgumentException(type.configName() + " at offset " + offset + " needs " + n
                    + " registers, only " + words.length + " read");
        }
    }

    private static long bits(int[] words, int offset, DataType type, WordOrder order) {
        int n = type.registers();
        check(words, offset, n, type);
        long bits = 0;
        for (int i = 0; i < n; i++) {
            int word = words[order.wordsReversed() ? offset + n - 1 - i : offset + i] & 0xFFFF;
            if (order.bytesSwapped()) {
                word = ((word & 0xFF) << 8) | (word >>> 8);
            }
            bits = (bits << 16) | word;
        }
        return bits;
    }
}
