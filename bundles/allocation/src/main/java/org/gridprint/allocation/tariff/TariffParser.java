package org.gridprint.allocation.tariff;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates the raw properties of a {@value TariffConfiguration#PID} configuration. Pure; collects every problem,
 * each naming the PID, the field, the value and what is expected.
 */
public final class TariffParser {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");
    private static final String BAND_EXPECTED = "'name days hh:mm-hh:mm rate', days weekday, weekend, all, a day"
            + " (mon) or a range (mon-fri), e.g. 'peak weekday 08:00-20:00 0.21'";

    private TariffParser() {
    }

    public static TariffResult parse(Map<String, ?> properties) {
        var rawPid = text(properties.get("service.pid"));
        var pid = rawPid.isEmpty() ? TariffConfiguration.PID : rawPid;
        var problems = new ArrayList<String>();
        var id = text(properties.get("id"));
        if (id.isEmpty()) {
            problems.add(pid + ": id is missing; expected the tariff's name, e.g. 'hq-2026'");
        } else if (id.length() > 100 || id.contains("/") || id.chars().anyMatch(Character::isISOControl)) {
            problems.add(pid + ": id '" + id + "'; expected a name of at most 100 characters without '/'");
        }
        var site = text(properties.get("site"));
        if (site.isEmpty()) {
            problems.add(pid + ": site is missing; expected the site id whose departments or tenants are billed");
        }
        var currency = text(properties.get("currency"));
        if (currency.isEmpty()) {
            currency = "USD";
        }
        if (!CURRENCY.matcher(currency).matches()) {
            problems.add(pid + ": currency '" + currency + "'; expected an ISO 4217 code such as USD or EUR");
        }
        var flat = decimal(pid, "flatRate", properties.get("flatRate"), "the price per kWh outside every band, e.g."
                + " 0.142", problems);
        var demand = decimal(pid, "demandCharge", properties.get("demandCharge"), "the price per kW of peak, e.g."
                + " 12.50 (0: none)", problems);
        var fixed = decimal(pid, "fixedCharge", properties.get("fixedCharge"), "the amount per bill, e.g. 25.00"
                + " (0: none)", problems);
        var tax = decimal(pid, "taxPercent", properties.get("taxPercent"), "a percentage, e.g. 8.25 (0: none)",
                problems);
        if (tax.compareTo(BigDecimal.valueOf(100)) > 0) {
            problems.add(pid + ": taxPercent '" + tax.toPlainString() + "'; expected a percentage from 0 to 100");
        }
        Optional<ZoneId> zone = Optional.empty();
        var zoneText = text(properties.get("timeZone"));
        if (!zoneText.isEmpty()) {
            try {
                zone = Optional.of(ZoneId.of(zoneText));
            } catch (DateTimeException e) {
                problems.add(pid + ": timeZone '" + zoneText + "'; expected an IANA zone id (Europe/Berlin,"
                        + " America/New_York) or empty for the site's zone");
            }
        }
        var bands = new ArrayList<Band>();
        for (var item : list(properties.get("touBands"))) {
            band(pid, item, problems).ifPresent(b -> {
                for (var other : bands) {
                    if (other.overlaps(b)) {
                        problems.add(pid + ": touBands '" + item + "' overlaps band '" + other.text() + "'; expected"
                                + " bands that share no minute of any day");
                        return;
                    }
                }
                bands.add(b);
            });
        }
        if (!problems.isEmpty()) {
            return new TariffResult.Invalid(pid, id, problems);
        }
        return new TariffResult.Valid(pid, new Tariff(id, site, currency, flat, bands, demand, fixed, tax, zone));
    }

    private static Optional<Band> band(String pid, String item, List<String> problems) {
        var parts = item.trim().split("\\s+");
        if (parts.length != 4) {
            problems.add(pid + ": touBands '" + item + "'; expected " + BAND_EXPECTED);
            return Optional.empty();
        }
        if (!NAME.matcher(parts[0]).matches() || parts[0].equalsIgnoreCase(Tariff.STANDARD)) {
            problems.add(pid + ": touBands '" + item + "': name '" + parts[0] + "'; expected a word of letters, digits,"
                    + " '_' or '-' (not 'standard': that is the flat rate's)");
            return Optional.empty();
        }
        var days = days(parts[1]);
        if (days == null) {
            problems.add(pid + ": touBands '" + item + "': days '" + parts[1] + "'; expected weekday, weekend, all,"
                    + " a day (mon .. sun) or a range (mon-fri)");
            return Optional.empty();
        }
        var range = parts[2].split("-");
        int from = range.length == 2 ? minute(range[0]) : -1;
        int to = range.length == 2 ? minute(range[1]) : -1;
        if (from < 0 || to < 0 || to <= from) {
            problems.add(pid + ": touBands '" + item + "': time '" + parts[2] + "'; expected hh:mm-hh:mm within one"
                    + " day, start before end (00:00-06:00, 20:00-24:00; split a band across midnight in two)");
            return Optional.empty();
        }
        BigDecimal rate;
        try {
            rate = new BigDecimal(parts[3]);
        } catch (NumberFormatException e) {
            rate = null;
        }
        if (rate == null || rate.signum() < 0) {
            problems.add(pid + ": touBands '" + item + "': rate '" + parts[3] + "'; expected a price per kWh >= 0,"
                    + " e.g. 0.21");
            return Optional.empty();
        }
        return Optional.of(new Band(parts[0], days, from, to, rate));
    }

    static Set<DayOfWeek> days(String text) {
        var t = text.toLowerCase(Locale.ROOT);
        switch (t) {
            case "weekday", "weekdays" -> {
                return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
            }
            case "weekend", "weekends" -> {
                return EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            }
            case "all", "daily" -> {
                return EnumSet.allOf(DayOfWeek.class);
            }
            default -> {
                var range = t.split("-");
                if (range.length == 1) {
                    var d = day(range[0]);
                    return d == null ? null : EnumSet.of(d);
                }
                if (range.length == 2) {
                    var a = day(range[0]);
                    var b = day(range[1]);
                    if (a == null || b == null || b.compareTo(a) < 0) {
                        return null;
                    }
                    return EnumSet.range(a, b);
                }
                return null;
            }
        }
    }

    private static DayOfWeek day(String s) {
        for (var d : DayOfWeek.values()) {
            if (d.name().substring(0, 3).equalsIgnoreCase(s)) {
                return d;
            }
        }
        return null;
    }

    private static int minute(String s) {
        var m = TIME.matcher(s);
        if (!m.matches()) {
            return -1;
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        if (min > 59 || h > 24 || h == 24 && min != 0) {
            return -1;
        }
        return h * 60 + min;
    }

    private static BigDecimal decimal(String pid, String field, Object raw, String expected, List<String> problems) {
        var t = text(raw);
        if (t.isEmpty()) {
            return BigDecimal.ZERO;
        }
        try {
            var d = new BigDecimal(t);
            if (d.signum() < 0) {
                problems.add(pid + ": " + field + " '" + t + "' is negative; expected " + expected);
                return BigDecimal.ZERO;
            }
            return d;
        } catch (NumberFormatException e) {
            problems.add(pid + ": " + field + " '" + t + "' is not a number; expected " + expected
                    + " (decimals with '.')");
            return BigDecimal.ZERO;
        }
    }

    static String text(Object raw) {
        if (raw == null) {
            return "";
        }
        if (raw.getClass().isArray()) {
            return Array.getLength(raw) == 0 ? "" : String.valueOf(Array.get(raw, 0)).trim();
        }
        return String.valueOf(raw).trim();
    }

    static List<String> list(Object raw) {
        var out = new ArrayList<String>();
        if (raw == null) {
            return out;
        }
        if (raw.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(raw); i++) {
                out.addAll(split(String.valueOf(Array.get(raw, i))));
            }
        } else if (raw instanceof Collection<?> c) {
            c.forEach(x -> out.addAll(split(String.valueOf(x))));
        } else {
            out.addAll(split(String.valueOf(raw)));
        }
        return out;
    }

    private static List<String> split(String s) {
        var out = new ArrayList<String>();
        for (var p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }
}
