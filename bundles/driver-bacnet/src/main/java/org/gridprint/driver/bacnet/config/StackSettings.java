package org.gridprint.driver.bacnet.config;

import java.time.Duration;
import java.util.Optional;

/**
 * One local BACnet/IP endpoint (factory PID {@code org.gridprint.driver.bacnet.stack}).
 *
 * @param pid                  the configuration's PID, for messages
 * @param id                   the stack's id; devices name it with {@code stack = <id>}
 * @param bindAddress          local address the UDP socket binds (0.0.0.0 = all, needed to receive broadcasts)
 * @param port                 UDP port, 47808 (0xBAC0) by default
 * @param broadcastAddress     where Who-Is and other broadcasts go; never 255.255.255.255 unless configured
 * @param broadcastPrefix      the subnet prefix length that goes with it
 * @param localDeviceInstance  Gridprint's own device instance on the network (must be unique there)
 * @param bbmd                 host:port of a BBMD to register with as a foreign device, if any
 * @param foreignTtl           registration time-to-live; renewed before it ends
 * @param timeout              APDU timeout of one confirmed request
 * @param retries              APDU retries after a timeout
 * @param segmentTimeout       timeout of one segment of a segmented message
 * @param segmentWindow        segments sent before waiting for an acknowledgement
 */
public record StackSettings(String pid, String id, String bindAddress, int port, String broadcastAddress,
        int broadcastPrefix, int localDeviceInstance, Optional<String> bbmd, Duration foreignTtl, Duration timeout,
        int retries, Duration segmentTimeout, int segmentWindow) {

    /** {@code stack site-a (0.0.0.0:47808, broadcast 10.1.255.255/16, device 4194000)}. */
    public String describe() {
        return "stack " + id + " (" + bindAddress + ":" + port + ", broadcast " + broadcastAddress + "/"
                + broadcastPrefix + ", device " + localDeviceInstance + bbmd.map(b -> ", foreign device of BBMD " + b)
                        .orElse("") + ")";
    }

    /** The key of the endpoint: two configurations on the same address and port share one stack. */
    public String endpoint() {
        return bindAddress + ":" + port;
    }
}
