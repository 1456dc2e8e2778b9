package org.gridprint.carbon.site;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates the raw properties of a {@value SiteConfiguration#PID} configuration into a {@link Site}. Pure;
 * collects every problem rather than stopping at the first; each names the PID, the field, the value and what is
 * expected.
 */
public final class SiteConfigParser {

    static final Set<String> GWP_SETS = Set.of("AR4", "AR5", "AR6");
    static final Set<Integer> WINDOWS = Set.of(1, 5, 15, 30, 60);
    /** Fields of the first version (one static factor per site): accepted, ignored, noted. */
    static final List<String> OBSOLETE = List.of("locationFactor", "factorSource", "factorEdition", "region");

    private SiteConfigParser() {
    }

    public static SiteConfigResult parse(Map<String, ?> properties) {
        var rawPid = text(properties.get("service.pid"));
        var pid = rawPid.isEmpty() ? SiteConfiguration.PID : rawPid;
        var problems = new ArrayList<String>();
        var id = text(properties.get("id"));
        if (id.isEmpty()) {
            problems.add(pid + ": id is " + (properties.get("id") == null ? "missing" : "empty")
                    + "; expected the site id meters name in their siteId, e.g. 'hq'");
        }
        var name = text(properties.get("name"));
        var zone = zone(pid, properties.get("timeZone"), problems);
        var gwp = gwp(pid, properties.get("gwpSet"), problems);
        var window = window(pid, properties.get("windowMinutes"), problems);
        var locationSeries = list(properties.get("locationSeries"));
        var lossSeries = text(properties.get("lossSeries"));
        var market = text(properties.get("market"));
        var supplier = text(properties.get("supplierSeries"));
        var residual = text(properties.get("residualMixSeries"));
        var fuel = map(pid, "fuelSeries", properties.get("fuelSeries"), "'meterId=series' items, e.g."
                + " 'hq/gas=fuel/natural_gas/m3'", problems);
        var maxPower = decimal(pid, "maxPowerKw", properties.get("maxPowerKw"), "the plausibility limit in kW as a"
                + " decimal number >= 0 with '.' as separator (0: none)", problems);
        var meterMax = new LinkedHashMap<String, BigDecimal>();
        map(pid, "meterMaxPowerKw", properties.get("meterMaxPowerKw"), "'meterId=kW' items, e.g. 'hq/main=250'",
                problems).forEach((meter, value) -> {
                    var d = decimal(pid, "meterMaxPowerKw", value, "a limit in kW for meter '" + meter
                            + "' as a decimal number >= 0", problems);
                    meterMax.put(meter, d);
                });
        var gap = gap(pid, properties.get("gapThresholdSeconds"), problems);
        var generation = list(properties.get("generationMeters"));
        var export = list(properties.get("exportMeters"));
        var net = text(properties.get("netMeter"));
        if (!generation.isEmpty() && net.isEmpty()) {
            problems.add(pid + ": netMeter is empty but generationMeters = '" + String.join(",", generation)
                    + "'; expected the load meter from which self-consumed generation is netted");
        }
        if (!net.isEmpty() && (generation.contains(net) || export.contains(net))) {
            problems.add(pid + ": netMeter = '" + net + "' is also a generation or export meter; expected the site's"
                    + " load meter");
        }
        if (!net.isEmpty() && generation.isEmpty()) {
            problems.add(pid + ": netMeter = '" + net + "' but generationMeters is empty; expected the on-site"
                    + " generation meters to net");
        }
        var notes = new ArrayList<String>();
        for (var f : OBSOLETE) {
            if (properties.get(f) != null) {
                notes.add(pid + ": field '" + f + "' of the first carbon version is ignored; factors come from the"
                        + " factor catalog (locationSeries), an intensity provider (e.g. a static one) or an operator"
                        + " factor file");
            }
        }
        if (!problems.isEmpty()) {
            return new SiteConfigResult.Invalid(pid, id, problems);
        }
        return new SiteConfigResult.Valid(pid, new Site(id, name, zone, gwp, window, locationSeries, lossSeries,
                market, supplier, residual, fuel, maxPower, meterMax, gap, generation, export, net), notes);
    }

    private static ZoneId zone(String pid, Object raw, List<String> problems) {
        var value = text(raw);
        if (value.isEmpty()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            problems.add(pid + ": timeZone = '" + value + "' is not a known time zone; expected an IANA zone id"
                    + " such as 'Europe/Berlin' or 'America/New_York', or 'UTC'");
            return ZoneId.of("UTC");
        }
    }

    private static String gwp(String pid, Object raw, List<String> problems) {
        var value = text(raw).toUpperCase(Locale.ROOT);
        if (value.isEmpty()) {
            return "AR5";
        }
        if (!GWP_SETS.contains(value)) {
            problems.add(pid + ": gwpSet = '" + text(raw) + "' is not a known GWP set; expected one of AR4, AR5, AR6"
                    + " (IPCC assessment report of the 100-year GWPs for CH4 and N2O)");
        }
        return value;
    }

    private static Duration window(String pid, Object raw, List<String> problems) {
        var value = text(raw);
        if (value.isEmpty()) {
            return Duration.ofMinutes(60);
        }
        try {
            var minutes = Integer.parseInt(value);
            if (WINDOWS.contains(minutes)) {
                return Duration.ofMinutes(minutes);
            }
        } catch (NumberFormatException e) {
            // below
        }
        problems.add(pid + ": windowMinutes = '" + value + "' is not a window length; expected 1, 5, 15, 30 or 60"
                + " (minutes; the windows are aligned to UTC hours)");
        return Duration.ofMinutes(60);
    }

    private static Duration gap(String pid, Object raw, List<String> problems) {
        var value = text(raw);
        if (value.isEmpty()) {
            return Duration.ofSeconds(900);
        }
        try {
            var seconds = Long.parseLong(value);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // below
        }
        problems.add(pid + ": gapThresholdSeconds = '" + value + "' is not a number of seconds > 0; expected e.g."
                + " 900 (an interval between two readings longer than this is flagged GAP_SPANNED)");
        return Duration.ofSeconds(900);
    }

    private static BigDecimal decimal(String pid, String field, Object raw, String expected, List<String> problems) {
        var value = text(raw);
        if (value.isEmpty()) {
            return BigDecimal.ZERO;
        }
        try {
            var d = new BigDecimal(value);
            if (d.signum() >= 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        problems.add(pid + ": " + field + " = '" + value + "' is not a number >= 0; expected " + expected);
        return BigDecimal.ZERO;
    }

    private static Map<String, String> map(String pid, String field, Object raw, String expected,
            List<String> problems) {
        var out = new LinkedHashMap<String, String>();
        for (var item : list(raw)) {
            var eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                problems.add(pid + ": " + field + " item '" + item + "' is not 'key=value'; expected " + expected);
                continue;
            }
            var key = item.substring(0, eq).trim();
            if (out.put(key, item.substring(eq + 1).trim()) != null) {
                problems.add(pid + ": " + field + " names '" + key + "' twice; expected one item per meter");
            }
        }
        return out;
    }

    /** Comma-separated text or a multi-valued property; blanks dropped, order kept, duplicates once. */
    static List<String> list(Object raw) {
        var out = new LinkedHashSet<String>();
        if (raw == null) {
            return List.of();
        }
        var parts = new ArrayList<String>();
        if (raw.getClass().isArray()) {
            for (var i = 0; i < Array.getLength(raw); i++) {
                parts.add(String.valueOf(Array.get(raw, i)));
            }
        } else if (raw instanceof Collection<?> c) {
            c.forEach(x -> parts.add(String.valueOf(x)));
        } else {
            parts.add(raw.toString());
        }
        for (var p : parts) {
            for (var item : p.split(",")) {
                if (!item.isBlank()) {
                    out.add(item.trim());
                }
            }
        }
        return List.copyOf(out);
    }

    private static String text(Object raw) {
        if (raw == null) {
            return "";
        }
        if (raw.getClass().isArray()) {
            return String.join(",", list(raw));
        }
        return raw.toString().trim();
    }
}
