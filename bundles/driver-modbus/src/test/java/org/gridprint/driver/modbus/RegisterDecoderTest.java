package org.gridprint.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.gridprint.api.Quantity;
import org.gridprint.api.Unit;
import org.junit.jupiter.api.Test;

class RegisterDecoderTest {

    private static double big(DataType t, int... words) {
        return RegisterDecoder.decode(words, 0, t, WordOrder.BIG);
    }

    private static double little(DataType t, int... words) {
        return RegisterDecoder.decode(words, 0, t, WordOrder.LITTLE);
    }

    @Test
    void float32() {
        assertEquals(3.14159274101257324, big(DataType.FLOAT32, 0x4049, 0x0FDB), 0.0);
        assertEquals(3.14159274101257324, little(DataType.FLOAT32, 0x0FDB, 0x4049), 0.0);
        assertEquals(-1.5, big(DataType.FLOAT32, 0xBFC0, 0x0000), 0.0);
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
                DataType.UINT32, WordOrder.BIG, 0.01, Unit.KWH);
        var powerW = new RegisterEntry(1, "m", Quantity.ACTIVE_POWER, 14, RegisterFunction.HOLDING,
                DataType.INT16, WordOrder.BIG, 10, Unit.W);
        var energyWh = new RegisterEntry(2, "m", Quantity.ACTIVE_ENERGY_EXPORT, 15, RegisterFunction.HOLDING,
                DataType.UINT32, WordOrder.LITTLE, 1, Unit.WH);
        var block = new ReadBlock(RegisterFunction.HOLDING, 10, 7, List.of(energy, powerW, energyWh));
        int[] words = {0, 0, 0x075B, 0xCD15, 0xFF9C, 0x86A0, 0x0001};
        assertEquals(1234567.89, RegisterDecoder.value(energy, block, words), 1e-6);
        assertEquals(-1.0, RegisterDecoder.value(powerW, block, words), 1e-12); // -100 × 10 W = -1 kW
        assertEquals(100.0, RegisterDecoder.value(energyWh, block, words), 1e-12); // 100000 Wh
    }

    @Test
    void shortInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> big(DataType.FLOAT32, 1));
    }
}
