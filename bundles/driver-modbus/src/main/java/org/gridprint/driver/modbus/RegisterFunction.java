package org.gridprint.driver.modbus;

import java.util.Locale;
import java.util.Optional;

/** Which Modbus table is read, i.e. which function code is used. */
public enum RegisterFunction {
    /** Coils, function code 1 (Read Coils); one bit each; Modicon "0xxxx". */
    COIL(1, true, 2000, 0),
    /** Discrete inputs, function code 2 (Read Discrete Inputs); one bit each; Modicon "1xxxx". */
    DISCRETE_INPUT(2, true, 2000, 1),
    /** Holding registers, function code 3 (Read Holding Registers); Modicon "4xxxx". */
    HOLDING(3, false, 125, 4),
    /** Input registers, function code 4 (Read Input Registers); Modicon "3xxxx". */
    INPUT(4, false, 125, 3);

    private final int code;
    private final boolean bits;
    private final int maxPerRequest;
    private final int modiconPrefix;

    RegisterFunction(int code, boolean bits, int maxPerRequest, int modiconPrefix) {
        this.code = code;
        this.bits = bits;
        this.maxPerRequest = maxPerRequest;
        this.modiconPrefix = modiconPrefix;
    }

    public int code() {
        return code;
    }

    /** True for coils and discrete inputs (one bit per address). */
    public boolean bits() {
        return bits;
    }

    /** The Modbus limit of one request: 125 registers or 2000 bits. */
    public int maxPerRequest() {
        return maxPerRequest;
    }

    /** The leading digit of the data-sheet style address ("30073" = input register 72). */
    public int modiconPrefix() {
        return modiconPrefix;
    }

    public String configName() {
        return switch (this) {
            case COIL -> "coil";
            case DISCRETE_INPUT -> "discrete";
            case HOLDING -> "holding";
            case INPUT -> "input";
        };
    }

    /** What one address of this table is called in messages. */
    public String unitName() {
        return bits ? "bit" : "register";
    }

    public static Optional<RegisterFunction> parse(String text) {
        var t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Optional.ofNullable(switch (t) {
            case "coil", "coils", "1" -> COIL;
            case "discrete", "discrete-input", "discrete-inputs", "2" -> DISCRETE_INPUT;
            case "holding", "holding-register", "holding-registers", "3" -> HOLDING;
            case "input", "input-register", "input-registers", "4" -> INPUT;
            default -> null;
        });
    }

    /** The table whose Modicon prefix is {@code digit}, if any. */
    public static Optional<RegisterFunction> ofModiconPrefix(int digit) {
        for (var f : values()) {
            if (f.modiconPrefix == digit) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public static String names() {
        return "coil, discrete, holding, input";
    }
}
