package org.gridprint.driver.modbus;

/** A device's view of its bridge: reads at its unit id. */
public record BridgeReader(Bridge bridge, int unitId) implements RegisterReader {

    @Override
    public int[] read(RegisterFunction function, int start, int count) throws ReadFailure {
        return bridge.read(unitId, function, start, count);
    }
}
