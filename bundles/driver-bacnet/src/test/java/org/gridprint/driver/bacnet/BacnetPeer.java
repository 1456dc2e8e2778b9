package org.gridprint.driver.bacnet;

import com.serotonin.bacnet4j.LocalDevice;
import com.serotonin.bacnet4j.npdu.ip.IpNetworkBuilder;
import com.serotonin.bacnet4j.obj.AnalogInputObject;
import com.serotonin.bacnet4j.obj.AnalogValueObject;
import com.serotonin.bacnet4j.obj.BinaryInputObject;
import com.serotonin.bacnet4j.transport.DefaultTransport;
import com.serotonin.bacnet4j.type.enumerated.BinaryPV;
import com.serotonin.bacnet4j.type.enumerated.EngineeringUnits;
import com.serotonin.bacnet4j.type.enumerated.ObjectType;
import com.serotonin.bacnet4j.type.enumerated.Polarity;
import com.serotonin.bacnet4j.type.enumerated.PropertyIdentifier;
import com.serotonin.bacnet4j.type.enumerated.Segmentation;
import com.serotonin.bacnet4j.type.primitive.ObjectIdentifier;
import com.serotonin.bacnet4j.type.primitive.Real;
import com.serotonin.bacnet4j.type.primitive.UnsignedInteger;

/**
 * A real second BACnet/IP device for tests and benchmarks: a bacnet4j LocalDevice bound to a loopback address,
 * its broadcasts sent to the driver's loopback address only (never beyond the machine).
 */
public final class BacnetPeer implements AutoCloseable {

    public final LocalDevice device;

    /** The refusing transport of a device made by {@link #refusing}, else null. */
    public RefusingTransport transport() {
        return device.getNetwork().getTransport() instanceof RefusingTransport r ? r : null;
    }

    private BacnetPeer(LocalDevice device) {
        this.device = device;
    }

    /**
     * @param bind       e.g. 127.0.0.2
     * @param broadcast  where its I-Am goes: the driver's address, e.g. 127.0.0.1 (/32)
     * @param noSegments advertise no segmentation and a 480-byte APDU (a small controller)
     */
    public static BacnetPeer start(String bind, String broadcast, int port, int instance, boolean noSegments)
            throws Exception {
        var net = new IpNetworkBuilder().withLocalBindAddress(bind).withBroadcast(broadcast, 32).withPort(port).build();
        var d = new LocalDevice(instance, new DefaultTransport(net));
        if (noSegments) {
            d.writePropertyInternal(PropertyIdentifier.segmentationSupported, Segmentation.noSegmentation);
            d.writePropertyInternal(PropertyIdentifier.maxApduLengthAccepted, new UnsignedInteger(480));
        }
        d.initialize();
        return new BacnetPeer(d);
    }

    public AnalogInputObject ai(int instance, String name, float value, EngineeringUnits units, boolean cov)
            throws Exception {
        var o = new AnalogInputObject(device, instance, name, value, units, false);
        if (cov) {
            o.supportCovReporting(0.0f);
        }
        return o;
    }

    public AnalogValueObject av(int instance, String name, float value, EngineeringUnits units) throws Exception {
        return new AnalogValueObject(device, instance, name, value, units, false).supportCovReporting(0.0f);
    }

    /** A binary input without COV support: SubscribeCOV to it is refused. */
    public BinaryInputObject bi(int instance, String name, boolean active) throws Exception {
        return new BinaryInputObject(device, instance, name, active ? BinaryPV.active : BinaryPV.inactive, false,
                Polarity.normal);
    }

    public void set(ObjectType type, int instance, float value) {
        device.getObject(new ObjectIdentifier(type, instance)).writePropertyInternal(PropertyIdentifier.presentValue,
                new Real(value));
    }

    public void setBinary(int instance, boolean active) {
        device.getObject(new ObjectIdentifier(ObjectType.binaryInput, instance)).writePropertyInternal(
                PropertyIdentifier.presentValue, active ? BinaryPV.active : BinaryPV.inactive);
    }

    /**
     * A device whose transport refuses ReadPropertyMultiple of more than {@code limit} properties with an Abort
     * (segmentation-not-supported) or, with {@code reject}, a Reject (buffer-overflow).
     */
    public static BacnetPeer refusing(String bind, String broadcast, int port, int instance, int limit, boolean reject)
            throws Exception {
        var net = new IpNetworkBuilder().withLocalBindAddress(bind).withBroadcast(broadcast, 32).withPort(port).build();
        var d = new LocalDevice(instance, new RefusingTransport(net, limit, reject));
        d.initialize();
        return new BacnetPeer(d);
    }

    @Override
    public void close() {
        device.terminate();
    }
}
