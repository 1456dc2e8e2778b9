package org.gridprint.demo;

import java.util.function.BiConsumer;

import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

/**
 * A j2mod process image whose holding and input registers are updated together under one lock, so a
 * read request always sees a consistent snapshot (both words of a 32-bit value from the same update).
 * Reads return copies, so writes from masters have no effect.
 */
final class DemoProcessImage extends SimpleProcessImage {

    private final Object lock = new Object();
    private final int[] holding;
    private final int[] input;

    DemoProcessImage(int unitId, int holdingCount, int inputCount) {
        super(unitId);
        holding = new int[holdingCount];
        input = new int[inputCount];
    }

    /** Updates holding and input registers atomically. */
    void update(BiConsumer<int[], int[]> writer) {
        synchronized (lock) {
            writer.accept(holding, input);
        }
    }

    @Override
    public Register[] getRegisterRange(int offset, int count) {
        synchronized (lock) {
            check(offset, count, holding.length);
            var out = new Register[count];
            for (int i = 0; i < count; i++) {
                out[i] = new SimpleRegister(holding[offset + i]);
            }
            return out;
        }
    }

    @Override
    public Register getRegister(int ref) {
        return getRegisterRange(ref, 1)[0];
    }

    @Override
    public int getRegisterCount() {
        return holding.length;
    }

    @Override
    public InputRegister[] getInputRegisterRange(int offset, int count) {
        synchronized (lock) {
            check(offset, count, input.length);
            var out = new InputRegister[count];
            for (int i = 0; i < count; i++) {
                out[i] = new SimpleInputRegister(input[offset + i]);
            }
            return out;
        }
    }

    @Override
    public InputRegister getInputRegister(int ref) {
        return getInputRegisterRange(ref, 1)[0];
    }

    @Override
    public int getInputRegisterCount() {
        return input.length;
    }

    private static void check(int offset, int count, int size) {
        if (offset < 0 || count < 1 || offset + count > size) {
            throw new IllegalAddressException();
        }
    }
}
