package org.gridprint.driver.modbus;

import java.time.Duration;
import java.util.Locale;

/**
 * One transport endpoint: a TCP connection, a serial line, RTU framed over TCP, or UDP.
 *
 * @param pid             configuration PID (with the etc/ file), for messages; "implicit" for bridges made from a
 *                        device's host and port
 * @param interFrameDelay silence kept between the end of one transaction and the next request
 * @param reconnectMin    first wait after a failed connect; doubles per failure up to {@code reconnectMax}
 */
public record BridgeSettings(String pid, String id, Type type, String host, int port, String serialPort, int baudRate,
        Parity parity, int dataBits, int stopBits, Duration timeout, Duration interFrameDelay, Duration reconnectMin,
        Duration reconnectMax) {

    public enum Type {
        TCP, RTU, RTU_TCP, UDP;

        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public boolean serial() {
            return this == RTU;
        }
    }

    public enum Parity {
        NONE('N'), EVEN('E'), ODD('O');

        private final char letter;

        Parity(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }
    }

    /** Bits on the wire per character: start + data + parity + stop (9600 8E1: 11). */
    public int bitsPerCharacter() {
        return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stopBits;
    }

    /** The 3.5-character silence the RTU framing needs at this line speed, rounded up to whole ms (min 2 ms above 19200 baud, per the Modbus serial line guide: 1.75 ms). */
    public static Duration rtuSilence(int baudRate, int bitsPerCharacter) {
        if (baudRate > 19200) {
            return Duration.ofMillis(2);
        }
        long micros = (long) Math.ceil(3.5 * bitsPerCharacter * 1_000_000.0 / baudRate);
        return Duration.ofMillis((micros + 999) / 1000);
    }

    /** e.g. {@code gw-1 (tcp 10.0.0.5:502)} or {@code rs485-a (rtu /dev/ttyUSB0 9600 8E1)}. */
    public String describe() {
        return id + " (" + endpoint() + ")";
    }

    public String endpoint() {
        return type.serial() ? "rtu " + serialPort + " " + baudRate + " " + dataBits + parity.letter() + stopBits
                : type.configName() + " " + host + ":" + port;
    }
}
