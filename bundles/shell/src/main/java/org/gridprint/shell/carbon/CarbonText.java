package org.gridprint.shell.carbon;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.stream.Collectors;

import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;

/**
 * How the carbon commands show exact amounts: CO2e from micrograms and energy/fuel from nano-units. A small non-zero
 * value is never shown as 0: below 1 kg CO2e the cell is in grams with 3 significant digits ({@code 12.3 g},
 * {@code 0.000456 g}); from 1 kg on, kg with 3 decimals. {@code exact} shows every digit held.
 */
public final class CarbonText {

    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_EVEN);
    private static final long MICROGRAMS_PER_KG = 1_000_000_000L;
    private static final long NANO = 1_000_000_000L;

    private CarbonText() {
    }

    /** CO2e for a table cell whose header says kg: {@code 226.479}, {@code 12.3 g}, {@code 0}. */
    public static String co2e(long micrograms) {
        if (micrograms == 0) {
            return "0";
        }
        if (Math.abs(micrograms) >= MICROGRAMS_PER_KG) {
            return plain(BigDecimal.valueOf(micrograms, 9).setScale(3, RoundingMode.HALF_EVEN));
        }
        return plain(BigDecimal.valueOf(micrograms, 6).round(THREE_DIGITS)) + " g";
    }

    /** Every digit: kg with 9 decimals ({@code 226.478669...}), trailing zeros dropped. */
    public static String co2eExact(long micrograms) {
        return plain(BigDecimal.valueOf(micrograms, 9));
    }

    /** An amount in its canonical unit: from 1 on with 3 decimals, below 1 with 3 significant digits. */
    public static String amount(long nano) {
        if (nano == 0) {
            return "0";
        }
        if (Math.abs(nano) >= NANO) {
            return plain(BigDecimal.valueOf(nano, 9).setScale(3, RoundingMode.HALF_EVEN));
        }
        return plain(BigDecimal.valueOf(nano, 9).round(THREE_DIGITS));
    }

    /** Every digit of an amount (9 decimals held), trailing zeros dropped. */
    public static String amountExact(long nano) {
        return plain(BigDecimal.valueOf(nano, 9));
    }

    /** A decimal without exponent and trailing zeros ({@code 5E+2} → {@code 500}). */
    public static String plain(BigDecimal value) {
        var stripped = value.stripTrailingZeros();
        if (stripped.signum() == 0) {
            return "0";
        }
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }

    /** The canonical unit of a quantity for a table: kWh, m³. */
    public static String unit(Quantity quantity) {
        return "m3".equals(quantity.canonicalUnit()) ? "m³" : quantity.canonicalUnit();
    }

    /** {@code 1}, {@code 2}, {@code 3.3} (Scope 3 here is category 3, T&D losses). */
    public static String scope(Scope scope) {
        return switch (scope) {
            case SCOPE_1 -> "1";
            case SCOPE_2 -> "2";
            case SCOPE_3 -> "3.3";
        };
    }

    /** {@code location}, {@code market}, {@code direct}. */
    public static String method(AccountingMethod method) {
        return switch (method) {
            case LOCATION_BASED -> "location";
            case MARKET_BASED -> "market";
            case DIRECT -> "direct";
        };
    }

    /** Flags in their declared order, comma-separated; {@code -} when none. */
    public static String flags(Collection<WindowFlag> flags) {
        if (flags == null || flags.isEmpty()) {
            return "-";
        }
        return EnumSet.copyOf(flags).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    /** An end instant that may be open ({@link Instant#MAX}). */
    public static String until(Instant t) {
        return Instant.MAX.equals(t) ? "open" : t.toString();
    }

    /** A start instant that may be open ({@link Instant#MIN}, or the catalog's far past). */
    public static String since(Instant t) {
        return !t.isAfter(Instant.parse("-1000000000-01-01T00:00:00Z")) ? "open" : t.toString();
    }

    /** {@code 1 window}, {@code 2 windows}. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code 499.3 lb/MWh}. */
    public static String published(FactorVersion f) {
        return plain(f.publishedValue()) + " " + f.publishedUnit();
    }

    /** {@code 226.4786703 g/kWh}, or {@code loss 0.05} for a GRID_LOSS factor. */
    public static String converted(FactorVersion f) {
        if (f.kind() == org.gridprint.api.carbon.FactorKind.GRID_LOSS) {
            return "loss fraction " + plain(f.gramsPerUnit());
        }
        return plain(f.gramsPerUnit()) + " g/" + f.perUnit();
    }

    /**
     * A factor version in full, on several lines (never cut): what it is, its value as published and converted, its
     * GWP set, source, edition, validity and who served it.
     */
    public static String factorBlock(String heading, FactorVersion f) {
        var b = new StringBuilder(heading).append(f.id()).append('\n');
        b.append("  ").append(f.kind()).append(' ').append(f.scope()).append(' ').append(f.method());
        if (!f.region().isEmpty()) {
            b.append(", region ").append(f.region());
        }
        b.append('\n');
        b.append("  value ").append(published(f)).append(" = ").append(converted(f)).append(" (GWP ")
                .append(f.gwpSet()).append(")").append(f.estimated() ? ", estimated by its publisher" : "").append('\n');
        b.append("  source ").append(f.source()).append('\n');
        b.append("  edition ").append(f.edition()).append('\n');
        b.append("  valid ").append(since(f.validFrom())).append(" .. ").append(until(f.validTo()));
        if (!f.provider().isEmpty()) {
            b.append(", served by ").append(f.provider());
        }
        if (!f.model().isEmpty()) {
            b.append(", model ").append(f.model());
        }
        return b.toString();
    }

    /** Lower-case enum-ish user input: {@code market-based} → {@code MARKET_BASED}. */
    static String token(String text) {
        return text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
