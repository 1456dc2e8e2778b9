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
    public static final int DEFAULT_REPROBE_CYCLES = 20;
    public static final int DEFAULT_STALE_PERIODS = 3;
    public static final int DEFAULT_MAX_BACKOFF_SECONDS = 300;
    /** Points per device (profile points plus one-line registers). */
    public static final int MAX_POINTS = 1000;
    public static final int MAX_ID_LENGTH = 128;

    private DeviceConfigParser() {
    }

    public static ParsedConfig parse(Map<String, ?> props) {
        return parse(props, null);
    }

    /**
     * Parses a device configuration; {@code profiles} finds the profile named by {@code profile} (null: profiles are
     * not available, a {@code profile} field is an error).
     */
    public static ParsedConfig parse(Map<String, ?> props, ProfileLoader profiles) {
        var errors = new ArrayList<String>();
        var rawId = props.get("id");
        var idText = rawId == null ? null : String.valueOf(rawId).trim();
        var purePid = pidOf(props, idText);
        var pid = withFile(purePid, props.get("felix.fileinstall.filename"));

        String id = null;
        if (idText == null || idText.isEmpty()) {
            errors.add(pid + ": id: missing: expected a device id without spaces, e.g. panel-3");
        } else if (idText.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))
                || idText.length() > MAX_ID_LENGTH) {
            errors.add(pid + ": id = \"" + idText + "\": expected a device id without spaces, at most "
                    + MAX_ID_LENGTH + " characters, e.g. panel-3");
        } else {
            id = idText;
        }

        var bridge = text(props, "bridge");
        var host = text(props, "host");
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
        BridgeSettings implicit = null;
        String bridgeId = null;
        if (bridge != null && !bridge.isEmpty()) {
            if (host != null && !host.isEmpty()) {
                errors.add(pid + ": host = \"" + host + "\": the device also names bridge = \"" + bridge
                        + "\": expected either bridge (a configured " + BridgeConfigParser.FACTORY_PID
                        + ") or host/port (a TCP device of its own), not both");
            }
            bridgeId = bridge;
        } else if (host == null || host.isEmpty()) {
            errors.add(pid + ": bridge: missing: expected the id of a configured bridge ("
                    + BridgeConfigParser.FACTORY_PID + "), or host (and port) of a Modbus TCP device, e.g. 10.0.0.7");
        } else {
            int port = integer(pid, props, "port", DEFAULT_PORT, 1, 65535, errors);
            implicit = BridgeConfigParser.implicitTcp(host, port, Duration.ofMillis(timeoutMillis));
            bridgeId = implicit.id();
        }
        int unitId = unitId(pid, props, errors);
        int maxGap = integer(pid, props, "maxGap", DEFAULT_MAX_GAP, 0, MODBUS_MAX_REGISTERS, errors);
        int maxPerRead = integer(pid, props, "maxRegistersPerRead", MODBUS_MAX_REGISTERS, 4, MODBUS_MAX_REGISTERS,
                errors);
        int retryBuffer = integer(pid, props, "retryBufferReadings", DEFAULT_RETRY_BUFFER_READINGS, 0,
                MAX_RETRY_BUFFER_READINGS, errors);
        int reprobe = integer(pid, props, "reprobeCycles", DEFAULT_REPROBE_CYCLES, 1, 1_000_000, errors);
        int stale = integer(pid, props, "staleAfterPeriods", DEFAULT_STALE_PERIODS, 1, 1_000_000, errors);
        int maxBackoff = integer(pid, props, "maxBackoffSeconds", DEFAULT_MAX_BACKOFF_SECONDS, 1, 86_400, errors);
        boolean enabled = bool(pid, props, "enabled", true, errors);
        double deadband = 0.0;
        var deadbandText = text(props, "deadband");
        if (deadbandText != null && !deadbandText.isEmpty()) {
            try {
                deadband = Double.parseDouble(deadbandText);
                if (!Double.isFinite(deadband) || deadband < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add(pid + ": deadband = \"" + deadbandText + "\": expected a number >= 0 in the quantity's "
                        + "canonical unit (kW, V, A, ...), 0 = submit every poll");
            }
        }
        int maxSilence = integer(pid, props, "maxSilenceSeconds", 900, 1, 86_400, errors);
        int window = integer(pid, props, "reportingWindowSeconds", 3600, 1, 31 * 86_400, errors);
        if (errors.isEmpty() && deadband > 0 && maxSilence < pollSeconds) {
            errors.add(pid + ": maxSilenceSeconds = \"" + maxSilence + "\": expected at least the poll period ("
                    + pollSeconds + " s)");
        }

        var entries = new ArrayList<RegisterEntry>();
        var profileName = text(props, "profile");
        if (profileName != null && !profileName.isEmpty()) {
            var meter = text(props, "meter");
            if (meter == null || meter.isEmpty() || meter.chars().anyMatch(Character::isWhitespace)) {
                errors.add(pid + ": meter = \"" + (meter == null ? "" : meter) + "\": expected the id of the meter the "
                        + "profile " + profileName + " reads, without spaces, e.g. hq/b1/ahu-2");
                meter = null;
            }
            double ct = ratio(pid, props, "ctRatio", errors);
            double pt = ratio(pid, props, "ptRatio", errors);
            if (profiles == null) {
                errors.add(pid + ": profile = \"" + profileName + "\": profiles are not available here: expected "
                        + "registers instead");
            } else {
                var loaded = profiles.load(profileName);
                if (!loaded.valid()) {
                    for (var e : loaded.errors()) {
                        errors.add(pid + ": " + e);
                    }
                } else if (meter != null) {
                    entries.addAll(loaded.profile().entries(meter, ct, pt, 0));
                }
            }
        } else if (props.get("meter") != null || props.get("ctRatio") != null || props.get("ptRatio") != null) {
            errors.add(pid + ": meter/ctRatio/ptRatio given without profile: expected profile = <name> (e.g. "
                    + "eastron-sdm630) with them, or registers alone");
        }
        var registers = props.get(RegisterMapParser.FIELD);
        if (registers != null || entries.isEmpty()) {
            var oneLine = RegisterMapParser.parse(pid, registers, errors, entries.size(), profileName != null);
            entries.addAll(oneLine);
        }
        if (entries.size() > MAX_POINTS) {
            errors.add(pid + ": " + entries.size() + " points: expected at most " + MAX_POINTS
                    + " points per device (split the device, or use profiles for fewer, wider reads)");
        }
        RegisterMapParser.checkOverlaps(pid, entries, errors);
        RegisterMapParser.checkDuplicates(pid, entries, errors);

        if (!errors.isEmpty()) {
            return new ParsedConfig.Invalid(pid, id != null ? id : nameFromPid(purePid), errors);
        }
        return new ParsedConfig.Valid(new DeviceSettings(pid, id, bridgeId, implicit, unitId,
                profileName == null || profileName.isEmpty() ? null : profileName, Duration.ofSeconds(pollSeconds),
                Duration.ofMillis(timeoutMillis), maxGap, maxPerRead, retryBuffer, reprobe, stale,
                Duration.ofSeconds(maxBackoff), deadband, Duration.ofSeconds(maxSilence), Duration.ofSeconds(window),
                enabled, entries));
    }

    /** Unit id 1..247; 0 is the broadcast address (writes only, nobody answers a read), 248..255 are reserved. */
    private static int unitId(String pid, Map<String, ?> props, List<String> errors) {
        var v = props.get("unitId");
        if (v == null || (v instanceof String s && s.isBlank())) {
            return DEFAULT_UNIT_ID;
        }
        long value;
        try {
            value = v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value >= 1 && value <= 247) {
            return (int) value;
        }
        var why = value == 0 ? ": 0 is the broadcast address (devices execute writes sent to it and answer nothing, "
                + "so it cannot be polled)" : value >= 248 && value <= 255 ? ": 248..255 are reserved by the Modbus "
                + "serial line specification" : "";
        errors.add(pid + ": unitId = \"" + v + "\"" + why + ": expected an integer 1..247");
        return DEFAULT_UNIT_ID;
    }

    /** A CT or PT ratio: a number (e.g. 40) or primary:secondary (e.g. 200:5); default 1. */
    private static double ratio(String pid, Map<String, ?> props, String key, List<String> errors) {
        var t = text(props, key);
        if (t == null || t.isEmpty()) {
            return 1.0;
        }
        try {
            double r;
            int colon = t.indexOf(':');
            if (colon >= 0) {
                r = Double.parseDouble(t.substring(0, colon).trim()) / Double.parseDouble(t.substring(colon + 1).trim());
            } else {
                r = Double.parseDouble(t);
            }
            if (!Double.isFinite(r) || r <= 0 || r > 1_000_000) {
                throw new NumberFormatException();
            }
            return r;
        } catch (NumberFormatException e) {
            errors.add(pid + ": " + key + " = \"" + t + "\": expected a positive ratio as primary:secondary (e.g. "
                    + "200:5) or a number (e.g. 40)");
            return 1.0;
        }
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

    static String text(Map<String, ?> props, String key) {
        var v = props.get(key);
        if (v instanceof String[] array) {
            v = array.length == 0 ? null : array[0];
        }
        return v == null ? null : String.valueOf(v).trim();
    }

    static int integer(String pid, Map<String, ?> props, String key, int dflt, int min, int max,
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

    static boolean bool(String pid, Map<String, ?> props, String key, boolean dflt, List<String> errors) {
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
