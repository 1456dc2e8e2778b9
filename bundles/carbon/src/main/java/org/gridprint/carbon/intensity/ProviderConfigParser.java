package org.gridprint.carbon.intensity;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.gridprint.api.carbon.IntensitySignal;

/**
 * Validates the raw properties of a provider configuration (strings as in .cfg files, or typed values). Every
 * error names the PID, the field, the value (never for a secret field) and what is expected.
 */
public final class ProviderConfigParser {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.,-]{0,79}");

    private ProviderConfigParser() {
    }

    /** Thrown inside the parser; becomes {@link ProviderConfig.Invalid}. */
    private static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param etcDir directory relative file paths are resolved against (Karaf's etc), may be null
     */
    public static ProviderConfig parse(ProviderKind kind, Map<String, ?> props, Path etcDir) {
        var pid = text(props, "service.pid").orElse(kind.pid());
        var r = new Reader(pid, props);
        String id = r.opt("id").orElse("");
        String site = r.opt("site").orElse("");
        try {
            id = r.required("id", "a provider id (letters, digits, '.', '_', '-'; up to 80 characters)");
            if (!ID.matcher(id).matches()) {
                throw r.bad("id", id, "letters, digits, '.', '_', '-' (starting with a letter or digit), up to 80 "
                        + "characters");
            }
            site = r.required("site", "the id of the site this provider serves");
            int rank = r.integer("rank", 1, 1, 99);
            String region = r.opt("region").orElse("");
            if (!region.isEmpty() && !REGION.matcher(region).matches()) {
                throw r.bad("region", region, "a region or zone code (letters, digits, '_', '-', '.'), up to 80 "
                        + "characters, or empty to use the site location");
            }
            int poll = r.integer("pollSeconds", kind.defaultPollSeconds(), 300, 3600);
            int timeout = r.integer("timeoutSeconds", 20, 1, 120);
            int lookbackHours = r.integer("lookbackHours", 24, 1, 720);
            String gwpSet = r.opt("gwpSet").orElse("as published");
            boolean forecast = r.bool("forecast", kind != ProviderKind.ELECTRICITY_MAPS);
            URI base = kind.defaultBaseUrl().isEmpty() ? null : r.url("baseUrl", kind.defaultBaseUrl());
            Duration resolution = kind.defaultResolution();
            if (kind == ProviderKind.FILE || kind == ProviderKind.ELECTRICITY_MAPS) {
                resolution = Duration.ofMinutes(r.integer("resolutionMinutes", (int) resolution.toMinutes(), 1, 1440));
            }
            IntensitySignal signal = IntensitySignal.AVERAGE;
            KindSettings details;
            switch (kind) {
                case STATIC -> {
                    var value = r.decimal("value");
                    String unit = r.required("unit", "the value's unit, one of " + IntensityUnits.accepted());
                    try {
                        unit = IntensityUnits.canonical(unit);
                    } catch (IllegalArgumentException e) {
                        throw r.bad("unit", unit, "one of " + IntensityUnits.accepted());
                    }
                    var from = r.instant("validFrom", Instant.EPOCH);
                    var to = r.instant("validTo", Instant.parse("9999-01-01T00:00:00Z"));
                    if (!to.isAfter(from)) {
                        throw r.bad("validTo", to.toString(), "an instant after validFrom " + from);
                    }
                    if (region.isEmpty()) {
                        region = "static";
                    }
                    details = new KindSettings.Static(value, unit,
                            r.required("source", "publisher, table and row of the value"),
                            r.required("edition", "the edition or year of the value"), from, to);
                }
                case FILE -> {
                    String file = r.required("path", "the path of a CSV or JSON intensity file");
                    Path path = Path.of(file);
                    if (!path.isAbsolute() && etcDir != null) {
                        path = etcDir.resolve(path);
                    }
                    String format = r.opt("format").orElse(file.toLowerCase(Locale.ROOT).endsWith(".json") ? "json"
                            : "csv").toLowerCase(Locale.ROOT);
                    if (!format.equals("csv") && !format.equals("json")) {
                        throw r.bad("format", format, "csv or json");
                    }
                    if (region.isEmpty()) {
                        throw r.bad("region", "", "the region or zone the file's values are for (it keys the stored "
                                + "values)");
                    }
                    signal = r.signal("signal");
                    details = new KindSettings.File(path, format.equals("json"),
                            r.opt("source").orElse("intensity file " + path.getFileName()),
                            r.opt("edition").orElse(""));
                }
                case WATTTIME -> {
                    String type = r.opt("signalType").orElse("co2_aoer");
                    if (!type.equals("co2_aoer") && !type.equals("co2_moer")) {
                        throw r.bad("signalType", type, "co2_aoer (average, may price windows) or co2_moer "
                                + "(marginal, what-if only)");
                    }
                    signal = type.equals("co2_moer") ? IntensitySignal.MARGINAL : IntensitySignal.AVERAGE;
                    details = new KindSettings.WattTime(r.required("username", "the WattTime user name"),
                            r.secret("password", "the WattTime password"), type);
                }
                case ELECTRICITY_MAPS -> {
                    String type = r.opt("emissionFactorType").orElse("lifecycle");
                    if (!type.equals("lifecycle") && !type.equals("direct")) {
                        throw r.bad("emissionFactorType", type, "lifecycle or direct");
                    }
                    var lat = r.optDouble("latitude", -90, 90);
                    var lon = r.optDouble("longitude", -180, 180);
                    if (lat.isPresent() != lon.isPresent()) {
                        throw r.bad(lat.isPresent() ? "longitude" : "latitude", "", "both latitude and longitude, "
                                + "or neither");
                    }
                    details = new KindSettings.ElectricityMaps(r.secret("apiKey", "the Electricity Maps API key "
                            + "(auth-token)"), type, lat, lon);
                }
                case UK_CARBON_INTENSITY -> {
                    if (!region.isEmpty() && !region.equals("national")) {
                        int regionId;
                        try {
                            regionId = Integer.parseInt(region);
                        } catch (NumberFormatException e) {
                            regionId = -1;
                        }
                        if (regionId < 1 || regionId > 17) {
                            throw r.bad("region", region, "empty or 'national' (GB national series) or a UK Carbon "
                                    + "Intensity region id 1..17");
                        }
                    }
                    details = new KindSettings.UkCarbonIntensity();
                }
                default -> throw new IllegalStateException(kind.name());
            }
            return new ProviderConfig.Valid(pid, new ProviderSettings(pid, kind, id, site, rank, region, signal, poll,
                    Duration.ofSeconds(timeout), base, Duration.ofHours(lookbackHours), resolution, gwpSet, forecast,
                    details));
        } catch (Bad e) {
            return new ProviderConfig.Invalid(pid, kind, id, site, e.getMessage());
        }
    }

    private static Optional<String> text(Map<String, ?> props, String key) {
        var v = props.get(key);
        if (v == null) {
            return Optional.empty();
        }
        var s = String.valueOf(v).strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** Field access with errors that name the PID and the field. */
    private record Reader(String pid, Map<String, ?> props) {

        Bad bad(String field, String value, String expected) {
            return new Bad(pid + ": " + field + " = '" + value + "' is not usable; expected " + expected);
        }

        Optional<String> opt(String field) {
            return text(props, field);
        }

        String required(String field, String expected) {
            return opt(field).orElseThrow(() -> new Bad(pid + ": " + field + " is missing; expected " + expected));
        }

        Secret secret(String field, String expected) {
            var v = opt(field);
            if (v.isEmpty()) {
                throw new Bad(pid + ": " + field + " is missing; expected " + expected);
            }
            return new Secret(v.get());
        }

        int integer(String field, int dflt, int min, int max) {
            var v = opt(field);
            if (v.isEmpty()) {
                return dflt;
            }
            try {
                int i = Integer.parseInt(v.get());
                if (i >= min && i <= max) {
                    return i;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw bad(field, v.get(), "a whole number " + min + ".." + max);
        }

        boolean bool(String field, boolean dflt) {
            var v = opt(field);
            if (v.isEmpty()) {
                return dflt;
            }
            return switch (v.get().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw bad(field, v.get(), "true or false");
            };
        }

        BigDecimal decimal(String field) {
            var v = required(field, "a decimal number >= 0 ('.' as decimal separator)");
            try {
                var d = new BigDecimal(v);
                if (d.signum() >= 0) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw bad(field, v, "a decimal number >= 0 ('.' as decimal separator)");
        }

        Optional<Double> optDouble(String field, double min, double max) {
            var v = opt(field);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            try {
                double d = Double.parseDouble(v.get());
                if (Double.isFinite(d) && d >= min && d <= max) {
                    return Optional.of(d);
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw bad(field, v.get(), "a decimal number " + (int) min + ".." + (int) max);
        }

        URI url(String field, String dflt) {
            var v = opt(field).orElse(dflt);
            try {
                var u = new URI(v);
                if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                        && u.getUserInfo() == null && u.getQuery() == null) {
                    var s = v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
                    return new URI(s);
                }
            } catch (java.net.URISyntaxException e) {
                // below
            }
            throw bad(field, v, "an http(s) URL without user info or query, e.g. " + dflt);
        }

        Instant instant(String field, Instant dflt) {
            var v = opt(field);
            if (v.isEmpty()) {
                return dflt;
            }
            try {
                return v.get().length() == 10 ? LocalDate.parse(v.get()).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : java.time.OffsetDateTime.parse(v.get()).toInstant();
            } catch (DateTimeParseException e) {
                throw bad(field, v.get(), "a date 2024-01-01 (UTC midnight) or an instant 2024-01-01T00:00:00Z");
            }
        }

        IntensitySignal signal(String field) {
            var v = opt(field).orElse("AVERAGE").toUpperCase(Locale.ROOT);
            try {
                return IntensitySignal.valueOf(v);
            } catch (IllegalArgumentException e) {
                throw bad(field, v, "AVERAGE or MARGINAL");
            }
        }
    }
}
