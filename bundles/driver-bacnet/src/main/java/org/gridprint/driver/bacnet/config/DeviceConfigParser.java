package org.gridprint.driver.bacnet.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.driver.bacnet.PointSpec;

/**
 * Parses a device configuration: the device, its profile and/or one-line points. Every problem is collected and
 * reported at once, naming the PID, the field (for points: the point), the value and what is expected.
 */
public final class DeviceConfigParser {

    public static final String FACTORY_PID = "org.gridprint.driver.bacnet";
    public static final int DEFAULT_POLL_SECONDS = 60;
    public static final int DEFAULT_MAX_READS = 50;

    private DeviceConfigParser() {
    }

    public static ParsedDevice parse(Map<String, ?> props, ProfileLoader profiles) {
        var pid = props.get("service.pid") == null ? FACTORY_PID : String.valueOf(props.get("service.pid"));
        var file = props.get("felix.fileinstall.filename");
        var where = file == null ? pid : pid + " (" + file + ")";
        var errors = new ArrayList<String>();
        var f = new Fields(where, props, errors);
        var id = f.required("id", "a device id without spaces, e.g. ahu-1");
        if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,127}")) {
            errors.add(where + ": id = \"" + id + "\": expected letters, digits, '.', '_', '-', '/', at most 128");
        }
        var stack = f.required("stack", "the id of a BACnet stack configuration (org.gridprint.driver.bacnet.stack)");
        int instance = f.integer("deviceInstance", -1, 0, 4_194_302);
        if (f.text("deviceInstance").isEmpty()) {
            errors.add(where + ": deviceInstance is missing: expected the device's instance number 0..4194302 "
                    + "(gridprint:bacnet-discover lists them)");
        }
        Optional<String> address = f.text("address");
        if (address.isPresent() && !StackConfigParser.hostPort(address.get())) {
            errors.add(where + ": address = \"" + address.get() + "\": expected host:port, e.g. 10.1.2.3:47808");
        }
        var points = new ArrayList<PointSpec>();
        var profileName = f.text("profile").orElse(null);
        var meter = f.text("meter").orElse(null);
        if (profileName != null) {
            if (meter == null) {
                errors.add(where + ": meter is missing: expected the meter id the profile's points feed");
            }
            try {
                var profile = profiles.load(profileName);
                int i = 0;
                for (var raw : profile.points()) {
                    var p = PointParser.point(where + ": profile " + profileName, i, "points[" + i + "]", raw,
                            meter == null ? "-" : meter, errors);
                    if (p != null) {
                        points.add(p);
                    }
                    i++;
                }
            } catch (IllegalArgumentException e) {
                errors.add(where + ": " + e.getMessage());
            }
        }
        var lines = PointParser.split(where, f.text("points").orElse(null), errors);
        for (int i = 0; i < lines.size(); i++) {
            var p = PointParser.point(where, points.size(), "points[" + i + "]", lines.get(i), meter, errors);
            if (p != null) {
                points.add(p);
            }
        }
        if (points.isEmpty() && errors.isEmpty()) {
            errors.add(where + ": no points: expected profile (+ meter) and/or points");
        }
        if (points.size() > PointParser.MAX_POINTS) {
            errors.add(where + ": " + points.size() + " points: expected at most " + PointParser.MAX_POINTS);
        }
        var seen = new HashMap<String, String>();
        for (var p : points) {
            var key = p.object() + " " + p.property();
            var other = seen.putIfAbsent(key, p.name());
            if (other != null) {
                errors.add(where + ": " + p.name() + " reads " + key + " like " + other
                        + ": expected each object property once");
            }
        }
        int poll = f.integer("pollIntervalSeconds", DEFAULT_POLL_SECONDS, 1, 86_400);
        int maxReads = f.integer("maxReadsPerRequest", DEFAULT_MAX_READS, 1, 1000);
        int pacing = f.integer("minRequestIntervalMillis", 0, 0, 60_000);
        var covText = f.text("cov").orElse("none");
        var cov = CovMode.parse(covText).orElse(null);
        if (cov == null) {
            errors.add(where + ": cov = \"" + covText + "\": expected none, unconfirmed or confirmed");
            cov = CovMode.NONE;
        }
        int covLifetime = f.integer("covLifetimeSeconds", 600, 2, 86_400);
        int stale = f.integer("staleAfterPeriods", 3, 1, 10_000);
        int backoff = f.integer("maxBackoffSeconds", 300, 1, 86_400);
        int retry = f.integer("retryBufferReadings", 10_000, 0, 1_000_000);
        int window = f.integer("reportingWindowSeconds", 3600, 1, 86_400);
        boolean enabled = f.bool("enabled", true);
        if (!errors.isEmpty()) {
            return new ParsedDevice.Invalid(pid, id == null ? "?" : id, String.join("; ", errors));
        }
        return new ParsedDevice.Valid(new DeviceSettings(pid, id, stack, instance, address, profileName, points,
                Duration.ofSeconds(poll), maxReads, Duration.ofMillis(pacing), cov, Duration.ofSeconds(covLifetime),
                stale, Duration.ofSeconds(backoff), retry, Duration.ofSeconds(window), enabled));
    }

    /** For messages: the configured points in one line each. */
    public static List<String> describe(List<PointSpec> points) {
        return points.stream().map(PointSpec::describe).toList();
    }
}
