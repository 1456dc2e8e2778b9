package org.gridprint.shell.carbon;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.TotalsQuery.GroupBy;

/** Parses the carbon commands' option values; errors name the option, the value and what is expected. */
public final class CarbonArgs {

    static final String SCOPE_EXPECTED = "1, 2 or 3 (3 = Scope 3 category 3, T&D losses)";
    static final String METHOD_EXPECTED = "location, market or direct";
    static final String BY_EXPECTED = "hour, day, month, year, meter, site, quantity, scope, method or tag, or a comma"
            + " list such as month,meter";
    static final String LOAD_EXPECTED = "a power with its unit: W, kW or MW (50kW, 1.5MW, 800W)";
    private static final Pattern LOAD = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(w|kw|mw)");

    private CarbonArgs() {
    }

    /** {@code --scope}: 1, 2, 3 (also {@code scope_2}, {@code 3.3}); empty when not given. */
    public static Optional<Scope> scope(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        var t = CarbonText.token(text).replace("SCOPE_", "").replace("SCOPE", "");
        return Optional.of(switch (t) {
            case "1" -> Scope.SCOPE_1;
            case "2" -> Scope.SCOPE_2;
            case "3", "3.3" -> Scope.SCOPE_3;
            default -> throw new IllegalArgumentException("--scope: '" + text + "' is not a scope; expected "
                    + SCOPE_EXPECTED);
        });
    }

    /** {@code --method}: location, market, direct (also {@code LOCATION_BASED}, {@code market-based}). */
    public static Optional<AccountingMethod> method(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        var t = CarbonText.token(text).replace("_BASED", "");
        return Optional.of(switch (t) {
            case "LOCATION" -> AccountingMethod.LOCATION_BASED;
            case "MARKET" -> AccountingMethod.MARKET_BASED;
            case "DIRECT" -> AccountingMethod.DIRECT;
            default -> throw new IllegalArgumentException("--method: '" + text + "' is not an accounting method; expected "
                    + METHOD_EXPECTED);
        });
    }

    /** {@code --by}: one dimension or a comma list, in order, no repeats; none when not given. */
    public static List<GroupBy> by(String text) {
        var result = new ArrayList<GroupBy>();
        if (text == null || text.isBlank()) {
            return result;
        }
        for (var part : text.split(",")) {
            GroupBy g;
            try {
                g = GroupBy.valueOf(part.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--by: '" + part.trim() + "' is not a grouping; expected " + BY_EXPECTED);
            }
            if (result.contains(g)) {
                throw new IllegalArgumentException("--by: '" + part.trim() + "' is given twice in '" + text
                        + "'; expected each grouping once");
            }
            result.add(g);
        }
        return result;
    }

    /** {@code --load}: a power in kW: {@code 50kW} → 50, {@code 800W} → 0.8, {@code 1.5MW} → 1500. */
    public static BigDecimal loadKw(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--load: missing value; expected " + LOAD_EXPECTED);
        }
        var m = LOAD.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--load: '" + text + "' is not a power; expected " + LOAD_EXPECTED);
        }
        var value = new BigDecimal(m.group(1));
        var kw = switch (m.group(2)) {
            case "w" -> value.movePointLeft(3);
            case "mw" -> value.movePointRight(3);
            default -> value;
        };
        if (kw.signum() <= 0) {
            throw new IllegalArgumentException("--load: '" + text + "' is zero; expected " + LOAD_EXPECTED);
        }
        var stripped = kw.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** A required decimal option, e.g. {@code --mwh 600}; must be > 0 when {@code positive}. */
    public static BigDecimal decimal(String option, String text, boolean positive) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(option + ": missing value; expected a decimal number such as 12.5");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a number; expected a decimal number"
                    + " such as 12.5");
        }
        if (positive ? value.signum() <= 0 : value.signum() < 0) {
            throw new IllegalArgumentException(option + ": '" + text + "' must be " + (positive ? "> 0" : ">= 0"));
        }
        return value;
    }

    /** A required text option. */
    public static String required(String option, String text, String expected) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(option + ": missing; expected " + expected);
        }
        return text.trim();
    }
}
