package org.gridprint.carbon;

import java.lang.reflect.Array;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates the raw properties of a {@code org.gridprint.carbon.site} configuration. Pure; collects every
 * problem rather than stopping at the first.
 */
public final class SiteConfigParser {

    static final Set<String> GWP_SETS = Set.of("AR4", "AR5", "AR6");

    private SiteConfigParser() {
    }

    public static SiteConfigResult parse(Map<String, ?> properties) {
        var pid = text(properties.get("service.pid"));
        if (pid.isEmpty()) {
            pid = StaticSiteFactorProvider.PID;
        }
        var problems = new ArrayList<String>();
        var id = requiredText(pid, properties, "id", "the site id meters name in their siteId, e.g. 'hq'", problems);
        var name = text(properties.get("name"));
        var zone = zone(pid, properties.get("timeZone"), problems);
        var factor = factor(pid, properties.get("locationFactor"), problems);
        var source = requiredText(pid, properties, "factorSource",
                "who published the factor, e.g. 'US EPA eGRID2022 Summary Tables, Table 1, subregion RFCE'", problems);
        var edition = requiredText(pid, properties, "factorEdition",
                "the edition and revision, e.g. 'eGRID2022 (2024-01-30)'", problems);
        var gwp = gwp(pid, properties.get("gwpSet"), problems);
        var region = text(properties.get("region"));
        if (!problems.isEmpty()) {
            return new SiteConfigResult.Invalid(pid, id, problems);
        }
        return new SiteConfigResult.Valid(pid, new SiteSettings(id, name, zone, factor, source, edition, gwp, region));
    }

    private static String requiredText(String pid, Map<String, ?> properties, String field, String expected,
            List<String> problems) {
        var raw = properties.get(field);
        var value = text(raw);
        if (value.isEmpty()) {
            problems.add(pid + ": " + field + " is " + (raw == null ? "missing" : "empty") + "; expected " + expected);
        }
        return value;
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

    private static double factor(String pid, Object raw, List<String> problems) {
        var expected = "; expected the location-based factor in g CO2e/kWh as a decimal number >= 0 with '.' as"
                + " decimal separator, e.g. 299.507 (eGRID lb/MWh x 0.45359237)";
        if (raw == null || text(raw).isEmpty()) {
            problems.add(pid + ": locationFactor is missing" + expected);
            return 0;
        }
        double value;
        if (raw instanceof Number n) {
            value = n.doubleValue();
        } else {
            var s = text(raw);
            try {
                value = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                problems.add(pid + ": locationFactor = '" + s + "' is not a number" + expected);
                return 0;
            }
        }
        if (!Double.isFinite(value) || value < 0) {
            problems.add(pid + ": locationFactor = '" + text(raw) + "' is " + (Double.isFinite(value) ? "negative"
                    : "not a finite number") + expected);
            return 0;
        }
        return value;
    }

    private static String gwp(String pid, Object raw, List<String> problems) {
        var value = text(raw).toUpperCase(Locale.ROOT);
        if (value.isEmpty()) {
            return "AR4";
        }
        if (!GWP_SETS.contains(value)) {
            problems.add(pid + ": gwpSet = '" + text(raw) + "' is not a known GWP set; expected one of AR4, AR5, AR6"
                    + " (IPCC assessment report of the 100-year GWPs behind the CO2e factor)");
        }
        return value;
    }

    /** The trimmed text of a property; arrays (several values) are joined so the message shows them. */
    private static String text(Object raw) {
        if (raw == null) {
            return "";
        }
        if (raw.getClass().isArray()) {
            var parts = new ArrayList<String>();
            for (var i = 0; i < Array.getLength(raw); i++) {
                parts.add(String.valueOf(Array.get(raw, i)));
            }
            return String.join(",", parts).trim();
        }
        return raw.toString().trim();
    }
}
