package org.gridprint.carbon.bills;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.gridprint.api.carbon.FuelBill;
import org.gridprint.carbon.catalog.Units;

/** Validation of an entered bill: every problem at once, each naming the bill, field, value and expectation. */
final class BillInput {

    /** A bill is at most this long (a yearly bill and some slack for a leap year). */
    static final Duration MAX_PERIOD = Duration.ofDays(366);
    /** Largest quantity in the window's canonical unit, so that nano-units fit a long with room. */
    static final BigDecimal MAX_CANONICAL = new BigDecimal("1000000000");

    static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:#-]{0,99}");

    /** Units a fuel may be billed in, by fuel (the catalog has its series in m3, and natural gas per therm). */
    static final Map<String, List<String>> UNITS = new LinkedHashMap<>();

    static {
        UNITS.put("natural_gas", List.of("therm", "mmBtu", "scf", "ccf", "Mcf", "m3"));
        UNITS.put("diesel", List.of("gal", "l", "m3"));
        UNITS.put("propane", List.of("gal", "l", "m3"));
        UNITS.put("fuel_oil", List.of("gal", "l", "m3"));
        UNITS.put("propane_gas", List.of("scf", "ccf", "Mcf", "m3"));
    }

    /** A validated bill: period as instants, unit in its canonical spelling. */
    record ValidBill(String siteId, String reference, String fuel, Instant from, Instant to, BigDecimal quantity,
            String unit, String supplier) {

        String key() {
            return siteId + "/" + reference;
        }

        String meterId() {
            return "bill:" + key();
        }

        /** Therm and mmBtu are energy: THERMAL_ENERGY windows; the others are volumes: FUEL_VOLUME. */
        boolean energy() {
            return Units.THERM.equals(Units.canonicalOf(unit));
        }
    }

    private BillInput() {
    }

    static ValidBill validate(FuelBill bill, ZoneId zone) {
        var problems = new ArrayList<String>();
        var name = "fuel bill '" + bill.siteId() + "/" + bill.reference() + "'";
        if (!REFERENCE.matcher(bill.reference()).matches()) {
            problems.add("reference = '" + bill.reference() + "': expected 1 to 100 letters, digits or . _ - : #,"
                    + " starting with a letter or digit (the supplier's bill number, unique per site)");
        }
        var fuel = bill.fuel().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        var units = UNITS.get(fuel);
        if (units == null) {
            problems.add("fuel = '" + bill.fuel() + "': expected one of " + String.join(", ", UNITS.keySet()));
        }
        String unit = null;
        if (units != null) {
            for (var u : units) {
                if (u.equalsIgnoreCase(bill.unit().replace("³", "3").replace(" ", ""))) {
                    unit = u;
                }
            }
            if (unit == null) {
                problems.add("unit = '" + bill.unit() + "' is not a unit " + fuel + " is billed in: expected one of "
                        + String.join(", ", units) + (fuel.equals("natural_gas") ? "" : " (therm is for natural gas)"));
            }
        }
        var quantity = bill.quantity();
        if (quantity.signum() <= 0) {
            problems.add("quantity = " + quantity.toPlainString() + ": expected the billed quantity, > 0");
        } else if (unit != null && Units.toCanonicalAmount(quantity, unit).value().compareTo(MAX_CANONICAL) > 0) {
            problems.add("quantity = " + quantity.toPlainString() + " " + unit + ": expected at most 10^9 "
                    + Units.canonicalOf(unit) + " per bill");
        }
        var from = instant("from", bill.from(), zone, problems);
        var to = instant("to", bill.to(), zone, problems);
        if (from != null && to != null) {
            if (!to.isAfter(from)) {
                problems.add("period " + from + " .. " + to + ": expected 'to' after 'from' (the period is [from, to):"
                        + " a January bill is 2024-01-01 .. 2024-02-01)");
            } else if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
                problems.add("period " + from + " .. " + to + " is " + Duration.between(from, to).toDays()
                        + " days: expected at most 366 days per bill (enter longer periods as several bills)");
            }
        }
        if (bill.supplier().length() > 200 || bill.supplier().chars().anyMatch(Character::isISOControl)) {
            problems.add("supplier: expected one line of at most 200 characters");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(name + ": " + String.join("; ", problems));
        }
        return new ValidBill(bill.siteId(), bill.reference(), fuel, from, to, Units.canonical(quantity), unit,
                bill.supplier());
    }

    /** {@code yyyy-MM-dd} (midnight in the zone), {@code yyyy-MM-ddTHH:mm[:ss]} (in the zone) or an instant. */
    static Instant instant(String field, String text, ZoneId zone, List<String> problems) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.matches(".*T.*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            problems.add(field + " = '" + text + "': expected a date yyyy-MM-dd (midnight in the site's zone " + zone
                    + "), a local time yyyy-MM-ddTHH:mm in that zone, or an instant such as 2024-01-01T08:00:00Z");
            return null;
        }
    }
}
