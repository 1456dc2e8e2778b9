package org.gridprint.driver.bacnet;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.gridprint.driver.bacnet.config.CovMode;
import org.gridprint.driver.bacnet.config.DeviceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.serotonin.bacnet4j.RemoteDevice;
import com.serotonin.bacnet4j.type.Encodable;
import com.serotonin.bacnet4j.type.enumerated.PropertyIdentifier;

/**
 * The COV subscriptions of one device: which points are subscribed since when, which the device refused (they are
 * polled), and the latest notified value of each. Subscribing and renewing run on the device's thread; notifications
 * arrive on bacnet4j's thread (maps are concurrent).
 */
final class CovSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(CovSubscriptions.class);

    /** Counts the requests it sends in the device's statistics. */
    interface Requests {
        void sent();

        void answered();

        void failed(BacnetFailure f);
    }

    private record Notified(double raw, Instant at) {
    }

    private final DeviceSettings settings;
    private final Clock clock;
    private final int processId;
    private final Map<String, Integer> pointByObject = new HashMap<>();
    private final Map<Integer, Instant> subscribedAt = new ConcurrentHashMap<>();
    private final Set<Integer> refused = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Notified> values = new ConcurrentHashMap<>();
    private final AtomicLong notifications = new AtomicLong();
    private volatile String state;

    CovSubscriptions(DeviceSettings settings, Clock clock, int processId) {
        this.settings = settings;
        this.clock = clock;
        this.processId = processId;
        for (var p : settings.points()) {
            pointByObject.put(p.object().toString(), p.index());
        }
        state = settings.cov() == CovMode.NONE ? "off" : settings.cov() + ": none subscribed yet";
    }

    int processId() {
        return processId;
    }

    long notifications() {
        return notifications.get();
    }

    int subscribed() {
        return subscribedAt.size();
    }

    String state() {
        return state;
    }

    /** A notification for this device's subscriber process (bacnet4j's thread). */
    void notified(int deviceInstance, ObjectRef object, Map<PropertyIdentifier, Encodable> notifiedValues) {
        if (deviceInstance != settings.deviceInstance()) {
            return;
        }
        var index = pointByObject.get(object.toString());
        var pv = notifiedValues.get(PropertyIdentifier.presentValue);
        if (index == null || pv == null) {
            return;
        }
        var n = Values.number(pv);
        if (n.isPresent()) {
            notifications.incrementAndGet();
            values.put(index, new Notified(n.getAsDouble(), clock.instant()));
        }
    }

    /**
     * The point's value from COV: only a notification under the current subscription counts (every SubscribeCOV, also
     * a renewal, makes the device send the present value at once, so a lost unconfirmed notification is at most one
     * renewal old). Empty: poll the point.
     */
    OptionalDouble value(int index) {
        var since = subscribedAt.get(index);
        var v = values.get(index);
        return since != null && v != null && !v.at().isBefore(since) ? OptionalDouble.of(v.raw()) : OptionalDouble.empty();
    }

    /**
     * Subscribes the present-value points not subscribed yet, and renews those past 60 % of their lifetime (all of
     * them with {@code renewAll}). A point the device refuses is polled from then on (one INFO line); a device that
     * does not answer ends the round.
     */
    void subscribe(BacnetStack stack, RemoteDevice remote, boolean renewAll, Set<Integer> skip, Requests requests) {
        var now = clock.instant();
        long renewAfter = settings.covLifetime().toMillis() * 6 / 10;
        var refusedNow = new ArrayList<String>();
        for (var p : settings.points()) {
            if (!p.property().equals(PropertyIdentifier.presentValue) || skip.contains(p.index())
                    || refused.contains(p.index())) {
                continue;
            }
            var since = subscribedAt.get(p.index());
            if (!renewAll && since != null && now.toEpochMilli() - since.toEpochMilli() < renewAfter) {
                continue;
            }
            try {
                requests.sent();
                stack.subscribeCov(remote, processId, p.object(), settings.cov() == CovMode.CONFIRMED,
                        settings.covLifetime());
                requests.answered();
                subscribedAt.put(p.index(), now);
            } catch (BacnetFailure f) {
                requests.failed(f);
                subscribedAt.remove(p.index());
                values.remove(p.index());
                if (f.deviceDown()) {
                    break; // polled (and backed off) like any other request
                }
                refused.add(p.index());
                refusedNow.add(p.object() + " (" + f.getMessage().replaceFirst(".*: ", "") + ")");
            }
        }
        if (!refusedNow.isEmpty()) {
            LOG.info("BACnet {}: COV refused for {}; polled every {} s instead", settings.describe(),
                    String.join(", ", refusedNow), settings.pollInterval().toSeconds());
        }
        state = settings.cov() + ": " + subscribedAt.size() + " subscribed"
                + (refused.isEmpty() ? "" : ", " + refused.size() + " refused (polled)");
    }

    /** The device stopped answering: its subscriptions are made again when it answers. */
    void lost() {
        subscribedAt.clear();
        values.clear();
    }

    /** Cancels every subscription (best effort: stops at the first failure). */
    void cancel(BacnetStack stack, RemoteDevice remote) {
        if (stack != null && remote != null && stack.isOpen()) {
            for (var index : List.copyOf(subscribedAt.keySet())) {
                var p = settings.points().get(index);
                try {
                    stack.subscribeCov(remote, processId, p.object(), null, null);
                } catch (BacnetFailure e) {
                    LOG.debug("BACnet {}: cancelling COV of {} failed: {}", settings.id(), p.object(), e.getMessage());
                    break;
                }
            }
        }
        subscribedAt.clear();
    }
}
