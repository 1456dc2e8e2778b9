package org.gridprint.itests;

import com.serotonin.bacnet4j.LocalDevice;
import com.serotonin.bacnet4j.npdu.ip.IpNetworkBuilder;
import com.serotonin.bacnet4j.obj.AnalogInputObject;
import com.serotonin.bacnet4j.transport.DefaultTransport;
import com.serotonin.bacnet4j.type.enumerated.EngineeringUnits;
import com.serotonin.bacnet4j.type.enumerated.ObjectType;
import com.serotonin.bacnet4j.type.enumerated.PropertyIdentifier;
import com.serotonin.bacnet4j.type.primitive.ObjectIdentifier;
import com.serotonin.bacnet4j.type.primitive.Real;

/**
 * The field side of BacnetIT: a real bacnet4j device (instance 1001) on 127.0.0.2 whose broadcasts go to 127.0.0.1
 * only, with an energy counter (analog-input:1, kWh) and a chilled-water counter in a unit Gridprint does not store
 * (analog-input:2, degrees-fahrenheit stands in for one). Loaded only after the feature gridprint-driver-bacnet
 * installed the bacnet4j bundle (the probe imports its packages dynamically).
 */
final class BacnetItPeer implements AutoCloseable {

    private final LocalDevice device;

    BacnetItPeer(int port, float kwh) throws Exception {
        var net = new IpNetworkBuilder().withLocalBindAddress("127.0.0.2").withBroadcast("127.0.0.1", 32)
                .withPort(port).build();
        device = new LocalDevice(1001, new DefaultTransport(net));
        device.initialize();
        new AnalogInputObject(device, 1, "main energy", kwh, EngineeringUnits.kilowattHours, false);
        new AnalogInputObject(device, 2, "odd unit", 1f, EngineeringUnits.degreesFahrenheit, false);
    }

    void energy(float kwh) {
        device.getObject(new ObjectIdentifier(ObjectType.analogInput, 1)).writePropertyInternal(
                PropertyIdentifier.presentValue, new Real(kwh));
    }

    @Override
    public void close() {
        device.terminate();
    }
}
