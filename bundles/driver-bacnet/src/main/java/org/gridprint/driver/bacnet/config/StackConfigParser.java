package org.gridprint.driver.bacnet.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses a stack configuration; every error names the PID, the field, the value and what is expected. */
public final class StackConfigParser {

    public static final String FACTORY_PID = "org.gridprint.driver.bacnet.stack";
    public static final int DEFAULT_PORT = 47808;
    /** Loopback broadcast: nothing leaves the machine until the operator names the site's subnet. */
    public static final String DEFAULT_BROADCAST = "127.255.255.255";

    /** The outcome: settings, or the errors. */
    public record Result(String pid, String id, StackSettings settings, List<String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private StackConfigParser() {
    }

    public static Result parse(Map<String, ?> props) {
        var pid = props.get("service.pid") == null ? FACTORY_PID : String.valueOf(props.get("service.pid"));
        var errors = new ArrayList<String>();
        var f = new Fields(pid, props, errors);
        var id = f.required("id", "a stack id without spaces, e.g. site-a");
        if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}")) {
            errors.add(pid + ": id = \"" + id + "\": expected letters, digits, '.', '_', '-', '/', at most 64");
        }
        var bind = f.text("bindAddress").orElse("0.0.0.0");
        if (!ip(bind)) {
            errors.add(pid + ": bindAddress = \"" + bind + "\": expected an IPv4 address of this machine "
                    + "(0.0.0.0 = all interfaces)");
        }
        int port = f.integer("port", DEFAULT_PORT, 1, 65535);
        var bcast = f.text("broadcastAddress").orElse(DEFAULT_BROADCAST);
        if (!ip(bcast)) {
            errors.add(pid + ": broadcastAddress = \"" + bcast + "\": expected an IPv4 broadcast address, e.g. "
                    + "192.168.10.255");
        }
        int prefix = f.integer("broadcastPrefix", bcast.equals(DEFAULT_BROADCAST) ? 8 : 24, 0, 32);
        int instance = f.integer("localDeviceInstance", -1, 0, 4_194_302);
        if (instance < 0 && f.text("localDeviceInstance").isEmpty()) {
            errors.add(pid + ": localDeviceInstance is missing: expected Gridprint's own device instance "
                    + "0..4194302, unique on the BACnet network");
        }
        Optional<String> bbmd = f.text("bbmdAddress");
        if (bbmd.isPresent() && !hostPort(bbmd.get())) {
            errors.add(pid + ": bbmdAddress = \"" + bbmd.get() + "\": expected host:port of a BBMD, e.g. "
                    + "10.2.0.1:47808");
        }
        int ttl = f.integer("foreignTtlSeconds", 300, 30, 65_535);
        int timeout = f.integer("timeoutMillis", 3000, 100, 60_000);
        int retries = f.integer("retries", 1, 0, 10);
        int segTimeout = f.integer("segmentTimeoutMillis", 2000, 100, 60_000);
        int segWindow = f.integer("segmentWindow", 16, 1, 127);
        if (!errors.isEmpty()) {
            return new Result(pid, id == null ? "?" : id, null, errors);
        }
        return new Result(pid, id, new StackSettings(pid, id, bind, port, bcast, prefix, instance, bbmd,
                Duration.ofSeconds(ttl), Duration.ofMillis(timeout), retries, Duration.ofMillis(segTimeout),
                segWindow), List.of());
    }

    static boolean ip(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") && java.util.Arrays.stream(s.split("\\."))
                .allMatch(p -> Integer.parseInt(p) <= 255);
    }

    /** host:port with a literal IPv4 host (no name lookups in configuration checks) or a host name. */
    public static boolean hostPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            return port > 0 && port < 65536 && s.substring(0, colon).matches("[A-Za-z0-9.-]+");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Resolves host:port. */
    public static java.net.InetSocketAddress socket(String s) throws java.net.UnknownHostException {
        int colon = s.lastIndexOf(':');
        return new java.net.InetSocketAddress(InetAddress.getByName(s.substring(0, colon)),
                Integer.parseInt(s.substring(colon + 1)));
    }
}
