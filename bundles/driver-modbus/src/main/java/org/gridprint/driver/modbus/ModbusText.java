package org.gridprint.driver.modbus;

/** The field's words for Modbus facts: exception codes by number and name, address ranges. */
public final class ModbusText {

    private ModbusText() {
    }

    /** e.g. {@code 02 Illegal Data Address}. */
    public static String exception(int code) {
        return String.format("%02X", code) + " " + exceptionName(code);
    }

    public static String exceptionName(int code) {
        return switch (code) {
            case 1 -> "Illegal Function";
            case 2 -> "Illegal Data Address";
            case 3 -> "Illegal Data Value";
            case 4 -> "Server Device Failure";
            case 5 -> "Acknowledge";
            case 6 -> "Server Device Busy";
            case 8 -> "Memory Parity Error";
            case 10 -> "Gateway Path Unavailable";
            case 11 -> "Gateway Target Device Failed to Respond";
            default -> "Unknown Exception";
        };
    }

    /** e.g. {@code holding registers 0..35 (36 registers)} or {@code coils 8..15 (8 bits)}. */
    public static String range(RegisterFunction function, int start, int count) {
        var table = switch (function) {
            case COIL -> "coils";
            case DISCRETE_INPUT -> "discrete inputs";
            case HOLDING -> "holding registers";
            case INPUT -> "input registers";
        };
        var unit = function.unitName();
        return table + " " + start + ".." + (start + count - 1) + " (" + count + " " + unit + (count == 1 ? "" : "s")
                + ")";
    }
}
