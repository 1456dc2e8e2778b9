package org.gridprint.driver.modbus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the raw configuration properties of one device (as Config Admin hands them over: strings from a
 * Karaf .cfg file, or typed values) into {@link DeviceSettings}, or an {@link ParsedConfig.Invalid} that
 * lists every problem with PID, field, value and what was expected. Pure: no I/O, no OSGi.
 */
public final class DeviceConfigParser {

    public static final String FACTORY_PID = "org.gridprint.driver.modbus";
    public static final int DEFAULT_PORT = 502;
    public static final int DEFAULT_UNIT_ID = 1;
    public static final int DEFAULT_POLL_SECONDS = 15;
    public static final int DEFAULT_TIMEOUT_MILLIS = 1000;
    public static final int DEFAULT_MAX_GAP = 8;
    public static final int DEFAULT_RETRY_BUFFER_READINGS = 10_000;
    public static final int MAX_RETRY_BUFFER_READINGS = 1_000_000;
    /** The Modbus limit for function codes 3 and 4. */
    public static final int MODBUS_MAX_REGISTERS = 125;

    private DeviceConfigParser() {
    }

    public static ParsedConfig parse(Map<String, ?> props) {
        var errors = new ArrayList<String>();
        var rawId = props.get("id");
        var idText = rawId == null ? null : String.valueOf(rawId).trim();
        var purePid = pidOf(props, idText);
        var pid = withFile(purePid, props.get("felix.fileinstall.filename"));

        String id = null;
        if (idText == null || idText.isEmpty()) {
            errors.add(pid + ": id: missing: expected a device id without spaces, e.g. panel-3");
        } else if (idText.chars().anyMatch(Character::isWhitespace)) {
            errors.add(pid + ": id = \"" + idText + "\": expected a device id without spaces, e.g. panel-3");
        } else {
            id = idText;
        }

        var host = text(props, "host");
        if (host == null || host.isEmpty()) {
            errors.add(pid + ": host: missing: expected a host name or IP address, e.g. 10.0.0.7");
        }
        int port = integer(pid, props, "port", DEFAULT_PORT, 1, 65535, errors);
        int unitId = integer(pid, props, "unitId", DEFAULT_UNIT_ID, 0, 255, errors);
        int before = errors.size();
        int pollSeconds = integer(pid, props, "pollIntervalSeconds", DEFAULT_POLL_SECONDS, 1, 86_400, errors);
        // unset: 1000 ms, or half the period when that is shorter (pollIntervalSeconds = 1 gives 500 ms)
        int defaultTimeout = (int) Math.min(DEFAULT_TIMEOUT_MILLIS, pollSeconds * 1000L / 2);
        int timeoutMillis = integer(pid, props, "timeoutMillis", defaultTimeout, 1, 600_000, errors);
        if (errors.size() == before && timeoutMillis >= pollSeconds * 1000L) {
            // a poll must end before the next slot starts
            errors.add(pid + ": timeoutMillis = \"" + props.get("timeoutMillis") + "\": expected less than the poll "
                    + "period of " + pollSeconds * 1000L + " ms (pollIntervalSeconds = " + pollSeconds + ") of device "
                    + (id != null ? id : nameFromPid(purePid)));
        }
        int maxGap = integer(pid, props, "maxGap", DEFAULT_MAX_GAP, 0, MODBUS_MAX_REGISTERS, errors);
        int maxPerRead = integer(pid, props, "maxRegistersPerRead", MODBUS_MAX_REGISTERS, 4, MODBUS_MAX_REGISTERS,
                errors);
        int retryBuffer = integer(pid, props, "retryBufferReadings", DEFAULT_RETRY_BUFFER_READINGS, 0,
                MAX_RETRY_BUFFER_READINGS, errors);
        boolean enabled = bool(pid, props, "enabled", true, errors);
        var entries = RegisterMapParser.parse(pid, props.get(RegisterMapParser.FIELD), errors);

        if (!errors.isEmpty()) {
            return new ParsedConfig.Invalid(pid, id != null ? id : nameFromPid(purePid), errors);
        }
        return new ParsedConfig.Valid(new DeviceSettings(pid, id, host, port, unitId, Duration.ofSeconds(pollSeconds),
                Duration.ofMillis(timeoutMillis), maxGap, maxPerRead, retryBuffer, enabled, entries));
    }

    /** The PID for messages: Config Admin's service.pid, else the factory PID with the id. */
    static String pidOf(Map<String, ?> props, String id) {
        var servicePid = props.get("service.pid");
        if (servicePid != null && !String.valueOf(servicePid).isBlank()) {
            return String.valueOf(servicePid);
        }
        return FACTORY_PID + "~" + (id == null || id.isBlank() ? "?" : id);
    }

    /** Adds the Karaf file a configuration came from: {@code pid (etc/org.gridprint.driver.modbus-x.cfg)}. */
    static String withFile(String pid, Object file) {
        if (file == null || String.valueOf(file).isBlank()) {
            return pid;
        }
        var f = String.valueOf(file).trim().replace('\\', '/');
        int slash = f.lastIndexOf('/');
        int parentSlash = slash > 0 ? f.lastIndexOf('/', slash - 1) : -1;
        return pid + " (" + f.substring(parentSlash + 1) + ")";
    }

    private static String nameFromPid(String pid) {
        int tilde = pid.lastIndexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : pid;
    }

    private static String text(Map<String, ?> props, String key) {
        var v = props.get(key);
        if (v instanceof String[] array) {
            v = array.length == 0 ? null : array[0];
        }
        return v == null ? null : String.valueOf(v).trim();
    }

    private static int integer(String pid, Map<String, ?> props, String key, int dflt, int min, int max,
            List<String> errors) {
        var v = props.get(key);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return dflt;
        }
        try {
            long value = v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v).trim());
            if (value < min || value > max || (v instanceof Double d && d != Math.rint(d))) {
                throw new NumberFormatException();
            }
            return (int) value;
        } catch (NumberFormatException e) {
            errors.add(pid + ": " + key + " = \"" + v + "\": expected an integer " + min + ".." + max);
            return dflt;
        }
    }

    private static boolean bool(String pid, Map<String, ?> props, String key, boolean dflt, List<String> errors) {
        var v = props.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        var t = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        if (t.equals("true")) {
            return true;
        }
        if (t.equals("false")) {
            return false;
        }
        errors.add(pid + ": " + key + " = \"" + v + "\": expected true or false");
        return dflt;
    }
}
