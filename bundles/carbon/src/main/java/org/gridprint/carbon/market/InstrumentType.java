package org.gridprint.carbon.market;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of contractual instrument (GHG Protocol Scope 2 Guidance, market-based method): energy attribute
 * certificates first, then contracts.
 */
public enum InstrumentType {
    /** Renewable Energy Certificate (North America). */
    REC(true),
    /** Guarantee of Origin (EU, EEA). */
    GO(true),
    /** International REC (I-REC Standard). */
    I_REC(true),
    /** Power purchase agreement (physical or virtual, with its attributes). */
    PPA(false),
    /** Any other contract for electricity with its attributes. */
    CONTRACT(false),
    /** A supplier's product with a specific rate for a delivered quantity. */
    SUPPLIER(false);

    private final boolean certificate;

    InstrumentType(boolean certificate) {
        this.certificate = certificate;
    }

    /** An energy attribute certificate: needs a retirement id and follows the vintage rule. */
    public boolean certificate() {
        return certificate;
    }

    /** Parses a type name, case-insensitively, allowing {@code -} for {@code _} ({@code I-REC}). */
    public static Optional<InstrumentType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }

    /** The accepted names, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
