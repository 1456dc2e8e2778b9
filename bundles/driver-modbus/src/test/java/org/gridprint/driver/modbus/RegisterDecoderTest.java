package org.gridprint.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.gridprint.api.Quantity;
import org.gridprint.api.Unit;
import org.junit.jupiter.api.Test;

class RegisterDecoderTest {

    private static double big(DataType t, int... words) {
        return RegisterDecoder.decode(words, 0, t, WordOrder.ABCD);
    }

    private static double little(DataType t, int... words) {
        return RegisterDecoder.decode(words, 0, t, WordOrder.CDAB);
    }

    @Test
    void float32() {
        // the float's shortest decimal form, not its binary expansion 3.14159274101257324
        assertEquals(3.1415927, big(DataType.FLOAT32, 0x4049, 0x0FDB), 0.0);
        assertEquals(3.1415927, little(DataType.FLOAT32, 0x0FDB, 0x4049), 0.0);
        assertEquals(-1.5, big(DataType.FLOAT32, 0xBFC0, 0x0000), 0.0);
    }

    @Test
    void float32HasNoWideningNoise() {
        int bits = Float.floatToIntBits(1234.1f); // 0x449A4333
        // widened, 1234.1f is 1234.0999755859375
        assertEquals(1234.1, big(DataType.FLOAT32, bits >>> 16, bits & 0xFFFF), 0.0);
        assertEquals(1234.1, little(DataType.FLOAT32, bits & 0xFFFF, bits >>> 16), 0.0);
        assertEquals(Double.NaN, big(DataType.FLOAT32, 0x7FC0, 0x0000), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, big(DataType.FLOAT32, 0xFF80, 0x0000), 0.0);
    }

    @Test
    void scaleAndUnitAddNoBinaryNoise() {
        var energy = new RegisterEntry(0, "m", Quantity.ACTIVE_ENERGY_IMPORT, 0, RegisterFunction.HOLDING,
                DataType.UINT32, WordOrder.ABCD, 0.01, Unit.KWH);
        var block = new ReadBlock(RegisterFunction.HOLDING, 0, 2, List.of(energy));
        // 123456789 * 0.01 in double arithmetic is 1234567.8900000001
        assertEquals(1234567.89, RegisterDecoder.value(energy, block, new int[] {0x075B, 0xCD15}), 0.0);

        int bits = Float.floatToIntBits(1234.1f);
        var powerW = new RegisterEntry(1, "m", Quantity.ACTIVE_POWER, 0, RegisterFunction.HOLDING,
                DataType.FLOAT32, WordOrder.ABCD, 1, Unit.W);
        var floats = new ReadBlock(RegisterFunction.HOLDING, 0, 2, List.of(powerW));
        assertEquals(1.2341, RegisterDecoder.value(powerW, floats, new int[] {bits >>> 16, bits & 0xFFFF}), 0.0);

        var current = new RegisterEntry(2, "m", Quantity.CURRENT, 0, RegisterFunction.HOLDING, DataType.INT16,
                WordOrder.ABCD, 0.1, Unit.A);
        var one = new ReadBlock(RegisterFunction.HOLDING, 0, 1, List.of(current));
        assertEquals(-12.3, RegisterDecoder.value(current, one, new int[] {0xFF85}), 0.0); // -123 * 0.1

        // 2^64 - 1 Wh to kWh exactly, not via a rounded double
        var big = new RegisterEntry(3, "m", Quantity.ACTIVE_ENERGY_IMPORT, 0, RegisterFunction.HOLDING,
                DataType.UINT64, WordOrder.ABCD, 1, Unit.WH);
        var four = new ReadBlock(RegisterFunction.HOLDING, 0, 4, List.of(big));
        assertEquals(18446744073709551.615, RegisterDecoder.value(big, four, new int[] {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF}),
                0.0);
        assertEquals(1.5, energy.toCanonical(150.0), 0.0);
        assertEquals(Double.NaN, energy.toCanonical(Double.NaN), 0.0);
    }

    @Test
    void float64() {
        // Math.PI = 0x400921FB54442D18
        assertEquals(Math.PI, big(DataType.FLOAT64, 0x4009, 0x21FB, 0x5444, 0x2D18), 0.0);
        assertEquals(Math.PI, little(DataType.FLOAT64, 0x2D18, 0x5444, 0x21FB, 0x4009), 0.0);
    }

    @Test
    void sixteenBit() {
        assertEquals(-1, big(DataType.INT16, 0xFFFF), 0.0);
        assertEquals(65535, big(DataType.UINT16, 0xFFFF), 0.0);
        assertEquals(-32768, big(DataType.INT16, 0x8000), 0.0);
        assertEquals(1234, little(DataType.UINT16, 1234), 0.0);
    }

    @Test
    void thirtyTwoBit() {
        assertEquals(123456789, big(DataType.UINT32, 0x075B, 0xCD15), 0.0);
        assertEquals(123456789, little(DataType.UINT32, 0xCD15, 0x075B), 0.0);
        assertEquals(4294967295.0, big(DataType.UINT32, 0xFFFF, 0xFFFF), 0.0);
        assertEquals(-2, big(DataType.INT32, 0xFFFF, 0xFFFE), 0.0);
        assertEquals(-2, little(DataType.INT32, 0xFFFE, 0xFFFF), 0.0);
    }

    @Test
    void sixtyFourBit() {
        assertEquals(0x0001_0002_0003_0004L, big(DataType.INT64, 1, 2, 3, 4), 0.0);
        assertEquals(0x0001_0002_0003_0004L, little(DataType.UINT64, 4, 3, 2, 1), 0.0);
        assertEquals(-1, big(DataType.INT64, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF), 0.0);
        assertEquals(18446744073709551615.0, big(DataType.UINT64, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF), 0.0);
        assertEquals(9223372036854775808.0, big(DataType.UINT64, 0x8000, 0, 0, 0), 0.0);
    }

    @Test
    void offsetsInsideABlockScaleAndUnitConversion() {
        var energy = new RegisterEntry(0, "m", Quantity.ACTIVE_ENERGY_IMPORT, 12, RegisterFunction.HOLDING,
                DataType.UINT32, WordOrder.ABCD, 0.01, Unit.KWH);
        var powerW = new RegisterEntry(1, "m", Quantity.ACTIVE_POWER, 14, RegisterFunction.HOLDING,
                DataType.INT16, WordOrder.ABCD, 10, Unit.W);
        var energyWh = new RegisterEntry(2, "m", Quantity.ACTIVE_ENERGY_EXPORT, 15, RegisterFunction.HOLDING,
                DataType.UINT32, WordOrder.CDAB, 1, Unit.WH);
        var block = new ReadBlock(RegisterFunction.HOLDING, 10, 7, List.of(energy, powerW, energyWh));
        int[] words = {0, 0, 0x075B, 0xCD15, 0xFF9C, 0x86A0, 0x0001};
        assertEquals(1234567.89, RegisterDecoder.value(energy, block, words), 0.0);
        assertEquals(-1.0, RegisterDecoder.value(powerW, block, words), 0.0); // -100 × 10 W = -1 kW
        assertEquals(100.0, RegisterDecoder.value(energyWh, block, words), 0.0); // 100000 Wh
    }

    @Test
    void shortInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> big(DataType.FLOAT32, 1));
    }

    @Test
    void allFourByteOrdersOfEveryMultiRegisterType() {
        // float32 3.14159274 = 0x40490FDB: ABCD 4049 0FDB, CDAB 0FDB 4049, BADC 4940 DB0F, DCBA DB0F 4940
        assertEquals(3.1415927, RegisterDecoder.decode(new int[] {0x4049, 0x0FDB}, 0, DataType.FLOAT32, WordOrder.ABCD), 0.0);
        assertEquals(3.1415927, RegisterDecoder.decode(new int[] {0x0FDB, 0x4049}, 0, DataType.FLOAT32, WordOrder.CDAB), 0.0);
        assertEquals(3.1415927, RegisterDecoder.decode(new int[] {0x4940, 0xDB0F}, 0, DataType.FLOAT32, WordOrder.BADC), 0.0);
        assertEquals(3.1415927, RegisterDecoder.decode(new int[] {0xDB0F, 0x4940}, 0, DataType.FLOAT32, WordOrder.DCBA), 0.0);
        // uint32 0x11223344
        assertEquals(0x11223344L, RegisterDecoder.decode(new int[] {0x2211, 0x4433}, 0, DataType.UINT32, WordOrder.BADC), 0.0);
        assertEquals(0x11223344L, RegisterDecoder.decode(new int[] {0x4433, 0x2211}, 0, DataType.UINT32, WordOrder.DCBA), 0.0);
        // int32 -2 in every order
        for (var o : WordOrder.values()) {
            int[] words = o.bytesSwapped() ? new int[] {0xFFFF, 0xFEFF} : new int[] {0xFFFF, 0xFFFE};
            if (o.wordsReversed()) {
                words = new int[] {words[1], words[0]};
            }
            assertEquals(-2, RegisterDecoder.decode(words, 0, DataType.INT32, o), 0.0, o.name());
        }
        // int64 / uint64 / float64: 0x0102030405060708
        int[] abcd = {0x0102, 0x0304, 0x0506, 0x0708};
        int[] dcba = {0x0807, 0x0605, 0x0403, 0x0201};
        int[] badc = {0x0201, 0x0403, 0x0605, 0x0807};
        int[] cdab = {0x0708, 0x0506, 0x0304, 0x0102};
        assertEquals(0x0102030405060708L, RegisterDecoder.decode(abcd, 0, DataType.INT64, WordOrder.ABCD), 0.0);
        assertEquals(0x0102030405060708L, RegisterDecoder.decode(dcba, 0, DataType.INT64, WordOrder.DCBA), 0.0);
        assertEquals(0x0102030405060708L, RegisterDecoder.decode(badc, 0, DataType.UINT64, WordOrder.BADC), 0.0);
        assertEquals(0x0102030405060708L, RegisterDecoder.decode(cdab, 0, DataType.UINT64, WordOrder.CDAB), 0.0);
        long pi = Double.doubleToLongBits(Math.PI);
        int[] piDcba = new int[4];
        for (int i = 0; i < 4; i++) {
            int word = (int) (pi >>> (16 * i)) & 0xFFFF;
            piDcba[i] = ((word & 0xFF) << 8) | (word >>> 8);
        }
        assertEquals(Math.PI, RegisterDecoder.decode(piDcba, 0, DataType.FLOAT64, WordOrder.DCBA), 0.0);
        assertEquals(java.util.Optional.of(WordOrder.ABCD), WordOrder.parse("big"));
        assertEquals(java.util.Optional.of(WordOrder.CDAB), WordOrder.parse("little"));
    }

    @Test
    void bitFieldsCoilsAndOffsetAndTransformerMultiplier() {
        var bit3 = new RegisterEntry(0, "status", "m", Quantity.POWER_FACTOR, 5, RegisterFunction.HOLDING, DataType.BOOL,
                WordOrder.ABCD, 1, 0, Unit.ONE, 1, 3);
        var block = new ReadBlock(RegisterFunction.HOLDING, 5, 1, List.of(bit3));
        assertEquals(1.0, RegisterDecoder.value(bit3, block, new int[] {0b1000}), 0.0);
        assertEquals(0.0, RegisterDecoder.value(bit3, block, new int[] {0b0111}), 0.0);
        var coil = new RegisterEntry(1, "c", "m", Quantity.POWER_FACTOR, 17, RegisterFunction.COIL, DataType.BOOL,
                WordOrder.ABCD, 1, 0, Unit.ONE, 1, -1);
        var coils = new ReadBlock(RegisterFunction.COIL, 16, 2, List.of(coil));
        assertEquals(1.0, RegisterDecoder.value(coil, coils, new int[] {0, 1}), 0.0);
        // temperature with an offset: raw 250 x 0.1 - 40 = -15 degC
        var temp = new RegisterEntry(2, "t", "m", Quantity.TEMPERATURE, 0, RegisterFunction.INPUT, DataType.INT16,
                WordOrder.ABCD, 0.1, -40, Unit.CELSIUS, 1, -1);
        assertEquals(-15.0, RegisterDecoder.value(temp, new ReadBlock(RegisterFunction.INPUT, 0, 1, List.of(temp)),
                new int[] {250}), 0.0);
        // a 200:5 CT on energy in Wh: raw 1234 Wh x 40 = 49.36 kWh exactly
        var energy = new RegisterEntry(3, "e", "m", Quantity.ACTIVE_ENERGY_IMPORT, 0, RegisterFunction.HOLDING,
                DataType.UINT32, WordOrder.ABCD, 1, 0, Unit.WH, 40, -1);
        assertEquals(49.36, RegisterDecoder.value(energy, new ReadBlock(RegisterFunction.HOLDING, 0, 2,
                List.of(energy)), new int[] {0, 1234}), 0.0);
    }
}
