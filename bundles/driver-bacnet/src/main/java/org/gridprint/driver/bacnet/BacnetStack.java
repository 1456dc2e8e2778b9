package org.gridprint.driver.bacnet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.gridprint.driver.bacnet.config.StackConfigParser;
import org.gridprint.driver.bacnet.config.StackSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.serotonin.bacnet4j.LocalDevice;
import com.serotonin.bacnet4j.RemoteDevice;
import com.serotonin.bacnet4j.event.DeviceEventAdapter;
import com.serotonin.bacnet4j.npdu.ip.IpNetwork;
import com.serotonin.bacnet4j.npdu.ip.IpNetworkBuilder;
import com.serotonin.bacnet4j.npdu.ip.IpNetworkUtils;
import com.serotonin.bacnet4j.service.acknowledgement.ReadPropertyMultipleAck;
import com.serotonin.bacnet4j.service.confirmed.ReadPropertyMultipleRequest;
import com.serotonin.bacnet4j.service.confirmed.SubscribeCOVRequest;
import com.serotonin.bacnet4j.service.unconfirmed.WhoIsRequest;
import com.serotonin.bacnet4j.transport.DefaultTransport;
import com.serotonin.bacnet4j.type.Encodable;
import com.serotonin.bacnet4j.type.constructed.PropertyReference;
import com.serotonin.bacnet4j.type.constructed.PropertyValue;
import com.serotonin.bacnet4j.type.constructed.ReadAccessSpecification;
import com.serotonin.bacnet4j.type.constructed.SequenceOf;
import com.serotonin.bacnet4j.type.enumerated.ObjectType;
import com.serotonin.bacnet4j.type.enumerated.PropertyIdentifier;
import com.serotonin.bacnet4j.type.enumerated.Segmentation;
import com.serotonin.bacnet4j.type.error.ErrorClassAndCode;
import com.serotonin.bacnet4j.type.primitive.ObjectIdentifier;
import com.serotonin.bacnet4j.type.primitive.UnsignedInteger;
import com.serotonin.bacnet4j.util.RequestUtils;

/**
 * One local BACnet/IP endpoint shared by every device configured on it: a bacnet4j {@link LocalDevice} with its
 * UDP socket, broadcast address, optional foreign-device registration with a BBMD (bacnet4j re-registers before the
 * time-to-live ends) and the dispatch of COV notifications to the devices that subscribed. Thread-safe: requests
 * from several device threads run concurrently (bacnet4j matches answers by invoke id).
 */
public final class BacnetStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BacnetStack.class);

    /** Receives the COV notifications of one subscriber process. Called on bacnet4j's thread: must not block. */
    @FunctionalInterface
    public interface CovSink {
        void notified(int deviceInstance, ObjectRef object, Map<PropertyIdentifier, Encodable> values,
                long timeRemainingSeconds);
    }

    /** A device that answered a Who-Is. */
    public record Found(int instance, String address, String name, String vendor, String model, int maxApdu,
            String segmentation) {
    }

    /** Asked of the kernel for the UDP socket; Linux caps it at net.core.rmem_max. */
    static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    private final StackSettings settings;
    private LocalDevice local;
    private IpNetwork network;
    private final Map<Integer, CovSink> covSinks = new ConcurrentHashMap<>();
    private final Map<Integer, RemoteDevice> remotes = new ConcurrentHashMap<>();
    private final AtomicLong covNotifications = new AtomicLong();
    private volatile String foreignRegistration = "no BBMD configured (not a foreign device)";

    private final org.gridprint.driver.toolkit.EventAlarmConditions conditions;
    private java.util.concurrent.ScheduledFuture<?> registrationRetry;

    public BacnetStack(StackSettings settings) {
        this(settings, alarm -> { });
    }

    /** @param alarms where the stack's alarms go (a BBMD that does not accept the registration) */
    public BacnetStack(StackSettings settings, java.util.function.Consumer<org.gridprint.api.Alarm> alarms) {
        this.settings = settings;
        this.conditions = new org.gridprint.driver.toolkit.EventAlarmConditions(settings.pid(), "bacnet-stack/"
                + settings.id(), java.time.Clock.systemUTC(), alarms);
    }

    /** Active alarm conditions of the stack (BBMD registration). */
    public List<org.gridprint.api.driver.AlarmConditions.Active> activeAlarms() {
        return conditions.active();
    }

    public StackSettings settings() {
        return settings;
    }

    /** Binds the socket and starts the local device; registers with the BBMD when configured. */
    public synchronized void open() throws BacnetFailure {
        if (local != null) {
            return;
        }
        try {
            network = new IpNetworkBuilder().withLocalBindAddress(settings.bindAddress()).withPort(settings.port())
                    .withBroadcast(settings.broadcastAddress(), settings.broadcastPrefix()).build();
            var transport = new DefaultTransport(network);
            transport.setTimeout((int) settings.timeout().toMillis());
            transport.setRetries(settings.retries());
            transport.setSegTimeout((int) settings.segmentTimeout().toMillis());
            transport.setSegWindow(settings.segmentWindow());
            local = new LocalDevice(settings.localDeviceInstance(), transport);
            local.writePropertyInternal(PropertyIdentifier.objectName,
                    new com.serotonin.bacnet4j.type.primitive.CharacterString("Gridprint " + settings.id()));
            local.getEventHandler().addListener(new DeviceEventAdapter() {
                @Override
                public void covNotificationReceived(UnsignedInteger process, ObjectIdentifier device,
                        ObjectIdentifier object, UnsignedInteger timeRemaining, SequenceOf<PropertyValue> values) {
                    covNotifications.incrementAndGet();
                    var sink = covSinks.get(process.intValue());
                    if (sink != null) {
                        var map = new LinkedHashMap<PropertyIdentifier, Encodable>();
                        for (var v : values) {
                            map.put(v.getPropertyIdentifier(), v.getValue());
                        }
                        sink.notified(device.getInstanceNumber(), ObjectRef.of(object), map,
                                timeRemaining == null ? 0 : timeRemaining.longValue());
                    }
                }
            });
            local.initialize();
            try {
                // bursts of COV notifications (1,000 objects changing at once) overflow the default buffer
                network.getSocket().setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            } catch (java.net.SocketException e) {
                LOG.debug("BACnet {}: receive buffer not enlarged", settings.id(), e);
            }
        } catch (Exception e) {
            var l = local;
            local = null;
            if (l != null) {
                try {
                    l.terminate();
                } catch (RuntimeException ignored) {
                    // the socket may not have opened
                }
            }
            throw new BacnetFailure(BacnetFailure.Kind.OTHER, settings.pid() + ": cannot open UDP "
                    + settings.endpoint() + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "): expected a free port on an address of this machine", e);
        }
        if (settings.bbmd().isPresent() && !registerForeign()) {
            // bacnet4j renews only a registration that succeeded: retry until the BBMD accepts one
            registrationRetry = local.scheduleWithFixedDelay(() -> {
                if (registerForeign()) {
                    var r = registrationRetry;
                    if (r != null) {
                        r.cancel(false);
                    }
                }
            }, 60, 60, java.util.concurrent.TimeUnit.SECONDS);
        }
        int buffer = -1;
        try {
            buffer = network.getSocket().getReceiveBufferSize();
        } catch (java.net.SocketException | RuntimeException ignored) {
            // only for the log line
        }
        LOG.info("BACnet {} open (UDP receive buffer {} bytes{})", settings.describe(), buffer,
                buffer < RECEIVE_BUFFER_BYTES ? ", capped by the kernel: raise net.core.rmem_max for COV bursts" : "");
    }

    private static final int REGISTRATION_ATTEMPTS = 3;

    /**
     * Registers with the BBMD as a foreign device; bacnet4j then re-registers every max(15, TTL - 30) s. One
     * DEVICE_ERROR alarm while it fails, cleared when it succeeds.
     */
    private boolean registerForeign() {
        var bbmd = settings.bbmd().get();
        Exception failure = null;
        // up to 3 attempts: the BVLC-Result bacnet4j takes as the answer can be one for another message (e.g. the
        // Distribute-Broadcast-To-Network NAK, 96, of a broadcast the stack sent before the BBMD knew it)
        for (int attempt = 1; attempt <= REGISTRATION_ATTEMPTS; attempt++) {
            try {
                network.registerAsForeignDevice(StackConfigParser.socket(bbmd),
                        (int) settings.foreignTtl().toSeconds());
                foreignRegistration = "registered with BBMD " + bbmd + " (TTL " + settings.foreignTtl().toSeconds()
                        + " s, renewed every " + Math.max(15, settings.foreignTtl().toSeconds() - 30) + " s)";
                conditions.clear("bbmd");
                return true;
            } catch (Exception e) {
                failure = e;
                if (attempt < REGISTRATION_ATTEMPTS) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        var why = registrationFailure(failure);
        foreignRegistration = "registration with BBMD " + bbmd + " failed (" + why + "); retried every 60 s";
        conditions.raise("bbmd", org.gridprint.api.AlarmKind.DEVICE_ERROR, "BACnet " + settings.describe()
                + ": " + foreignRegistration + ": devices behind that BBMD are not found by Who-Is", List.of());
        return false;
    }

    /** bacnet4j's text of a failed registration in BACnet's words (BVLC result codes, ASHRAE 135 Annex J). */
    static String registrationFailure(Exception e) {
        if (e == null) {
            return "interrupted";
        }
        var text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (text.contains("NAK response: 48")) {
            return "the BBMD refused it: Register-Foreign-Device NAK (is foreign-device registration enabled there?)";
        }
        if (text.contains("NAK response: 96")) {
            return "the BBMD answered a Distribute-Broadcast-To-Network NAK: it does not accept this device's"
                    + " broadcasts (not registered)";
        }
        if (text.toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
            return "no answer from the BBMD within the timeout";
        }
        return text;
    }

    public synchronized boolean isOpen() {
        return local != null;
    }

    /** The bacnet4j device (for tests and benchmarks). */
    public synchronized LocalDevice local() {
        if (local == null) {
            throw new IllegalStateException("BACnet " + settings.describe() + " is not open");
        }
        return local;
    }

    public String foreignRegistration() {
        return foreignRegistration;
    }

    public long covNotifications() {
        return covNotifications.get();
    }

    public void addCovSink(int processId, CovSink sink) {
        covSinks.put(processId, sink);
    }

    public void removeCovSink(int processId) {
        covSinks.remove(processId);
    }

    /**
     * The remote device {@code instance}: at {@code address} (host:port, no Who-Is; its segmentation and maximum
     * APDU are read from its device object) or found by a Who-Is for that instance on the broadcast address.
     */
    public RemoteDevice remote(int instance, Optional<String> address, Duration wait) throws BacnetFailure {
        var known = remotes.get(instance);
        if (known != null) {
            return known;
        }
        var ld = local();
        var what = "device " + instance;
        RemoteDevice rd;
        if (address.isPresent()) {
            try {
                var sock = StackConfigParser.socket(address.get());
                rd = new RemoteDevice(ld, instance, IpNetworkUtils.toAddress(sock.getAddress().getHostAddress(),
                        sock.getPort()));
            } catch (java.net.UnknownHostException e) {
                throw new BacnetFailure(BacnetFailure.Kind.NOT_FOUND, what + ": address " + address.get()
                        + " cannot be resolved", e);
            }
            // conservative until the device object says more
            rd.setDeviceProperty(PropertyIdentifier.segmentationSupported, Segmentation.noSegmentation);
            rd.setDeviceProperty(PropertyIdentifier.maxApduLengthAccepted, new UnsignedInteger(480));
            var props = List.of(PropertyIdentifier.maxApduLengthAccepted, PropertyIdentifier.segmentationSupported,
                    PropertyIdentifier.objectName);
            var refs = new ArrayList<Request>();
            for (var p : props) {
                refs.add(new Request(new ObjectRef(ObjectType.device, instance), p));
            }
            var got = readMultiple(rd, refs);
            if (got.get(0) instanceof PropertyResult.Value v && v.value() instanceof UnsignedInteger u) {
                rd.setDeviceProperty(PropertyIdentifier.maxApduLengthAccepted, u);
            }
            if (got.get(1) instanceof PropertyResult.Value v && v.value() instanceof Segmentation s) {
                rd.setDeviceProperty(PropertyIdentifier.segmentationSupported, s);
            }
            if (got.get(2) instanceof PropertyResult.Value v) {
                rd.setDeviceProperty(PropertyIdentifier.objectName, v.value());
            }
        } else {
            try {
                rd = ld.getRemoteDeviceBlocking(instance, Math.max(100, wait.toMillis()));
            } catch (Exception e) {
                throw new BacnetFailure(BacnetFailure.Kind.NOT_FOUND, what + ": no I-Am within " + wait.toMillis()
                        + " ms to a Who-Is sent to " + settings.broadcastAddress() + ":" + settings.port()
                        + " (device offline, wrong instance, or on another subnet: configure address = host:port "
                        + "or a BBMD)", e);
            }
        }
        remotes.put(instance, rd);
        return rd;
    }

    /** Forgets what is known about a device (it stopped answering): it is looked up again next time. */
    public void forget(int instance) {
        remotes.remove(instance);
        if (local != null) {
            local.removeCachedRemoteDevice(instance);
        }
    }

    /**
     * Who-Is for instances {@code low..high} (broadcast, or unicast to {@code target} host:port), collecting the
     * I-Ams that arrive within {@code wait}.
     */
    public List<Found> discover(int low, int high, Optional<String> target, Duration wait) throws BacnetFailure {
        var ld = local();
        var found = new ConcurrentHashMap<Integer, RemoteDevice>();
        var listener = new DeviceEventAdapter() {
            @Override
            public void iAmReceived(RemoteDevice d) {
                if (d.getInstanceNumber() >= low && d.getInstanceNumber() <= high) {
                    found.put(d.getInstanceNumber(), d);
                }
            }
        };
        ld.getEventHandler().addListener(listener);
        try {
            var whoIs = new WhoIsRequest(new UnsignedInteger(low), new UnsignedInteger(high));
            if (target.isPresent()) {
                var sock = StackConfigParser.socket(target.get());
                ld.send(IpNetworkUtils.toAddress(sock.getAddress().getHostAddress(), sock.getPort()), whoIs);
            } else {
                ld.sendGlobalBroadcast(whoIs);
            }
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw BacnetFailure.of(e, "Who-Is " + low + ".." + high, target.orElse(settings.broadcastAddress()));
        } finally {
            ld.getEventHandler().removeListener(listener);
        }
        var out = new ArrayList<Found>();
        for (var d : found.values()) {
            remotes.putIfAbsent(d.getInstanceNumber(), d);
            String name = null;
            try {
                var n = readMultiple(d, List.of(new Request(new ObjectRef(ObjectType.device, d.getInstanceNumber()),
                        PropertyIdentifier.objectName), new Request(new ObjectRef(ObjectType.device,
                                d.getInstanceNumber()), PropertyIdentifier.modelName)));
                name = n.get(0) instanceof PropertyResult.Value v ? v.value().toString() : null;
                if (n.get(1) instanceof PropertyResult.Value v) {
                    d.setDeviceProperty(PropertyIdentifier.modelName, v.value());
                }
            } catch (BacnetFailure e) {
                name = "(name not readable: " + e.getMessage() + ")";
            }
            out.add(new Found(d.getInstanceNumber(), address(d), name, String.valueOf(d.getVendorIdentifier()),
                    d.getModelName(), d.getMaxAPDULengthAccepted(), String.valueOf(d.getSegmentationSupported())));
        }
        out.sort(java.util.Comparator.comparingInt(Found::instance));
        return out;
    }

    /** {@code 127.0.0.2:47808} of a remote device. */
    public static String address(RemoteDevice d) {
        var a = d.getAddress();
        return a == null ? "-" : IpNetworkUtils.toIpPortString(a.getMacAddress());
    }

    /** One property to read. */
    public record Request(ObjectRef object, PropertyIdentifier property) {
    }

    /**
     * One ReadPropertyMultiple of {@code requests}; the answer per request, in order.
     *
     * @throws BacnetFailure when the request as a whole failed (no answer, Error, Reject, Abort, too big)
     */
    public List<PropertyResult> readMultiple(RemoteDevice rd, List<Request> requests) throws BacnetFailure {
        var byObject = new LinkedHashMap<ObjectIdentifier, List<PropertyReference>>();
        for (var r : requests) {
            byObject.computeIfAbsent(r.object().id(), k -> new ArrayList<>()).add(new PropertyReference(r.property()));
        }
        var specs = new ArrayList<ReadAccessSpecification>();
        byObject.forEach((oid, refs) -> specs.add(new ReadAccessSpecification(oid, new SequenceOf<>(refs))));
        ReadPropertyMultipleAck ack;
        try {
            ack = local().send(rd, new ReadPropertyMultipleRequest(new SequenceOf<>(specs))).get();
        } catch (Exception e) {
            throw BacnetFailure.of(e, "ReadPropertyMultiple of " + requests.size() + " propert"
                    + (requests.size() == 1 ? "y" : "ies"), "device " + rd.getInstanceNumber());
        }
        var answers = new java.util.HashMap<String, PropertyResult>();
        for (var result : ack.getListOfReadAccessResults()) {
            var oid = result.getObjectIdentifier();
            for (var r : result.getListOfResults()) {
                var datum = r.getReadResult().getDatum();
                PropertyResult pr;
                if (datum instanceof ErrorClassAndCode err) {
                    pr = new PropertyResult.Error(err.getErrorClass().toString(), err.getErrorCode().toString());
                } else {
                    pr = new PropertyResult.Value(datum);
                }
                answers.put(oid + "|" + r.getPropertyIdentifier(), pr);
            }
        }
        var out = new ArrayList<PropertyResult>(requests.size());
        for (var r : requests) {
            var a = answers.get(r.object().id() + "|" + r.property());
            out.add(a == null ? new PropertyResult.Error("services", "missing-in-answer") : a);
        }
        return out;
    }

    /** One ReadProperty (the single-read path, for comparison and for devices without ReadPropertyMultiple). */
    public PropertyResult readOne(RemoteDevice rd, Request request) throws BacnetFailure {
        try {
            com.serotonin.bacnet4j.service.acknowledgement.ReadPropertyAck ack = local().send(rd,
                    new com.serotonin.bacnet4j.service.confirmed.ReadPropertyRequest(request.object().id(),
                            request.property())).get();
            return new PropertyResult.Value(ack.getValue());
        } catch (Exception e) {
            var f = BacnetFailure.of(e, "ReadProperty " + request.object() + " " + request.property(),
                    "device " + rd.getInstanceNumber());
            if (f.kind() == BacnetFailure.Kind.ERROR && e instanceof com.serotonin.bacnet4j.exception.ErrorAPDUException err) {
                return new PropertyResult.Error(err.getError().getErrorClass().toString(),
                        err.getError().getErrorCode().toString());
            }
            throw f;
        }
    }

    /** The device's object list (array read element by element when the device cannot send it whole). */
    public List<ObjectRef> objectList(RemoteDevice rd) throws BacnetFailure {
        try {
            var list = RequestUtils.getObjectList(local(), rd);
            var out = new ArrayList<ObjectRef>(list.size());
            for (var oid : list) {
                out.add(ObjectRef.of(oid));
            }
            return out;
        } catch (Exception e) {
            throw BacnetFailure.of(e, "reading the object list", "device " + rd.getInstanceNumber());
        }
    }

    /** SubscribeCOV for {@code object}; {@code lifetime} null with confirmed null cancels the subscription. */
    public void subscribeCov(RemoteDevice rd, int processId, ObjectRef object, Boolean confirmed, Duration lifetime)
            throws BacnetFailure {
        try {
            local().send(rd, new SubscribeCOVRequest(new UnsignedInteger(processId), object.id(),
                    confirmed == null ? null : com.serotonin.bacnet4j.type.primitive.Boolean.valueOf(confirmed),
                    lifetime == null ? null : new UnsignedInteger(lifetime.toSeconds()))).get();
        } catch (Exception e) {
            throw BacnetFailure.of(e, (lifetime == null ? "cancelling COV of " : "SubscribeCOV ") + object,
                    "device " + rd.getInstanceNumber());
        }
    }

    @Override
    public synchronized void close() {
        if (local != null) {
            try {
                if (settings.bbmd().isPresent()) {
                    network.unregisterAsForeignDevice();
                }
            } catch (RuntimeException ignored) {
                // best effort
            }
            if (registrationRetry != null) {
                registrationRetry.cancel(false);
            }
            local.terminate();
            local = null;
            conditions.clearAllExcept("", java.util.Set.of());
            remotes.clear();
            covSinks.clear();
            LOG.info("BACnet {} closed", settings.describe());
        }
    }
}
