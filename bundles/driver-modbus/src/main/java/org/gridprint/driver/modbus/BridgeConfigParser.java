package org.gridprint.driver.modbus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses a bridge configuration (factory PID {@code org.gridprint.driver.modbus.bridge}) into {@link BridgeSettings}
 * or a list of errors, each naming PID (and etc/ file), field, value and what is expected. Pure.
 */
public final class BridgeConfigParser {

    public static final String FACTORY_PID = "org.gridprint.driver.modbus.bridge";
    private static final Pattern SERIAL = Pattern.compile("(\\d+)\\s+([5-8])([NEOneo])([12])");

    /** The result: settings, or the errors. */
    public record Result(BridgeSettings settings, String pid, String id, List<String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private BridgeConfigParser() {
    }

    public static Result parse(Map<String, ?> props) {
        var errors = new ArrayList<String>();
        var idText = DeviceConfigParser.text(props, "id");
        var servicePid = props.get("service.pid");
        var purePid = servicePid != null ? String.valueOf(servicePid)
                : FACTORY_PID + "~" + (idText == null || idText.isBlank() ? "?" : idText);
        var pid = DeviceConfigParser.withFile(purePid, props.get("felix.fileinstall.filename"));
        String id = null;
        if (idText == null || idText.isEmpty()) {
            errors.add(pid + ": id: missing: expected a bridge id without spaces, e.g. gw-1");
        } else if (idText.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))
                || idText.length() > 64) {
            errors.add(pid + ": id = \"" + idText + "\": expected a bridge id without spaces, at most 64 characters");
        } else {
            id = idText;
        }
        var typeText = DeviceConfigParser.text(props, "type");
        var type = BridgeSettings.Type.TCP;
        if (typeText != null && !typeText.isEmpty()) {
            type = switch (typeText.toLowerCase(Locale.ROOT)) {
                case "tcp" -> BridgeSettings.Type.TCP;
                case "rtu", "serial" -> BridgeSettings.Type.RTU;
                case "rtu-tcp", "rtu-over-tcp", "rtuovertcp" -> BridgeSettings.Type.RTU_TCP;
                case "udp" -> BridgeSettings.Type.UDP;
                default -> {
                    errors.add(pid + ": type = \"" + typeText + "\": expected one of tcp, rtu (serial line), rtu-tcp "
                            + "(RTU frames over TCP, serial gateways), udp");
                    yield null;
                }
            };
        }
        String host = null;
        int port = 502;
        String serialPort = null;
        int baud = 9600;
        var parity = BridgeSettings.Parity.EVEN;
        int dataBits = 8;
        int stopBits = 1;
        if (type != null && !type.serial()) {
            host = DeviceConfigParser.text(props, "host");
            if (host == null || host.isEmpty()) {
                errors.add(pid + ": host: missing: expected a host name or IP address of the " + type.configName()
                        + " endpoint, e.g. 10.0.0.7");
            }
            port = DeviceConfigParser.integer(pid, props, "port", 502, 1, 65535, errors);
        } else if (type != null) {
            serialPort = DeviceConfigParser.text(props, "serialPort");
            if (serialPort == null || serialPort.isEmpty()) {
                errors.add(pid + ": serialPort: missing: expected the serial device, e.g. /dev/ttyUSB0");
            }
            var serial = DeviceConfigParser.text(props, "serial");
            if (serial != null && !serial.isEmpty()) {
                var m = SERIAL.matcher(serial);
                if (!m.matches()) {
                    errors.add(pid + ": serial = \"" + serial + "\": expected baud, data bits, parity and stop bits "
                            + "like 9600 8E1 or 19200 8N2");
                } else {
                    baud = Integer.parseInt(m.group(1));
                    dataBits = Integer.parseInt(m.group(2));
                    parity = switch (Character.toUpperCase(m.group(3).charAt(0))) {
                        case 'N' -> BridgeSettings.Parity.NONE;
                        case 'O' -> BridgeSettings.Parity.ODD;
                        default -> BridgeSettings.Parity.EVEN;
                    };
                    stopBits = Integer.parseInt(m.group(4));
                }
            }
            baud = DeviceConfigParser.integer(pid, props, "baudRate", baud, 300, 921_600, errors);
            dataBits = DeviceConfigParser.integer(pid, props, "dataBits", dataBits, 7, 8, errors);
            stopBits = DeviceConfigParser.integer(pid, props, "stopBits", stopBits, 1, 2, errors);
            var parityText = DeviceConfigParser.text(props, "parity");
            if (parityText != null && !parityText.isEmpty()) {
                switch (parityText.toLowerCase(Locale.ROOT)) {
                    case "none", "n" -> parity = BridgeSettings.Parity.NONE;
                    case "even", "e" -> parity = BridgeSettings.Parity.EVEN;
                    case "odd", "o" -> parity = BridgeSettings.Parity.ODD;
                    default -> errors.add(pid + ": parity = \"" + parityText + "\": expected none, even or odd");
                }
            }
        }
        int timeout = DeviceConfigParser.integer(pid, props, "timeoutMillis", 1000, 10, 60_000, errors);
        int bitsPerChar = 1 + dataBits + (parity == BridgeSettings.Parity.NONE ? 0 : 1) + stopBits;
        long defaultDelay = type != null && type.serial() ? BridgeSettings.rtuSilence(baud, bitsPerChar).toMillis() : 0;
        int delay = DeviceConfigParser.integer(pid, props, "interFrameDelayMillis", (int) defaultDelay, 0, 10_000,
                errors);
        int reconnectMin = DeviceConfigParser.integer(pid, props, "reconnectMinMillis", 1000, 0, 3_600_000, errors);
        int reconnectMax = DeviceConfigParser.integer(pid, props, "reconnectMaxMillis", 60_000, 0, 3_600_000, errors);
        if (reconnectMax < reconnectMin) {
            errors.add(pid + ": reconnectMaxMillis = \"" + reconnectMax + "\": expected at least reconnectMinMillis ("
                    + reconnectMin + ")");
        }
        if (!errors.isEmpty()) {
            return new Result(null, pid, id != null ? id : purePid.substring(purePid.lastIndexOf('~') + 1), errors);
        }
        return new Result(new BridgeSettings(pid, id, type, host, port, serialPort, baud, parity, dataBits, stopBits,
                Duration.ofMillis(timeout), Duration.ofMillis(delay), Duration.ofMillis(reconnectMin),
                Duration.ofMillis(reconnectMax)), pid, id, List.of());
    }

    /** The implicit TCP bridge of a device configured with {@code host}/{@code port} instead of {@code bridge}. */
    public static BridgeSettings implicitTcp(String host, int port, Duration timeout) {
        return new BridgeSettings("implicit", implicitId(host, port), BridgeSettings.Type.TCP, host, port, null, 0,
                BridgeSettings.Parity.NONE, 8, 1, timeout, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    /** {@code tcp:10.0.0.7:502}: devices naming the same host and port share it. */
    public static String implicitId(String host, int port) {
        return "tcp:" + host + ":" + port;
    }
}
