package org.gridprint.demo;

/** Writes values into 16-bit register words the way meters encode them. Pure. */
final class RegisterCodec {

    private RegisterCodec() {
    }

    static void putUint32(int[] regs, int address, long value, boolean highWordFirst) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("uint32 out of range: " + value);
        }
        putWords(regs, address, (int) (value >>> 16), (int) (value & 0xFFFF), highWordFirst);
    }

    static void putInt32(int[] regs, int address, int value, boolean highWordFirst) {
        putWords(regs, address, (value >>> 16) & 0xFFFF, value & 0xFFFF, highWordFirst);
    }

    static void putFloat32(int[] regs, int address, float value, boolean highWordFirst) {
        putInt32(regs, address, Float.floatToIntBits(value), highWordFirst);
    }

    static void putUint16(int[] regs, int address, int value) {
        regs[address] = Math.max(0, Math.min(0xFFFF, value));
    }

    private static void putWords(int[] regs, int address, int high, int low, boolean highWordFirst) {
        regs[address] = highWordFirst ? high : low;
        regs[address + 1] = highWordFirst ? low : high;
    }
}
