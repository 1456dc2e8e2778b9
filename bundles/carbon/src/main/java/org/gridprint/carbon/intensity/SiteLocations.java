package org.gridprint.carbon.intensity;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.gridprint.api.carbon.SiteLocation;

/**
 * Validation and the canonical register text of a site location (register {@code site-location}, key = site id):
 * sorted {@code key=value} lines, empty fields left out, coordinates as Java's shortest decimal of the double.
 */
public final class SiteLocations {

    public static final String REGISTER = "site-location";

    private static final Pattern SITE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");
    private static final Pattern SUBREGION = Pattern.compile("[A-Z]{4}");
    private static final Pattern TWO_LETTERS = Pattern.compile("[A-Z]{2}");
    private static final Pattern ZONE = Pattern.compile("[A-Z]{2}(-[A-Za-z0-9]+)*");
    private static final Pattern WATTTIME = Pattern.compile("[A-Za-z0-9_]{1,60}");

    private SiteLocations() {
    }

    /**
     * Checks every field; {@code subregionKnown} says whether the factor catalog knows an eGRID subregion (empty if
     * no catalog is available: then only the form is checked).
     *
     * @throws IllegalArgumentException naming the site, the field, the value and what is expected
     */
    public static void validate(SiteLocation l, Optional<Predicate<String>> subregionKnown) {
        if (l.siteId() == null || !SITE.matcher(l.siteId()).matches()) {
            throw bad(l, "siteId", l.siteId(), "a site id (letters, digits, '.', '_', '/', '-')");
        }
        if (!l.egridSubregion().isEmpty()) {
            if (!SUBREGION.matcher(l.egridSubregion()).matches()) {
                throw bad(l, "egridSubregion", l.egridSubregion(), "an eGRID subregion acronym of four capital "
                        + "letters, e.g. CAMX, ERCT, NYCW");
            }
            if (subregionKnown.isPresent() && !subregionKnown.get().test(l.egridSubregion())) {
                throw bad(l, "egridSubregion", l.egridSubregion(), "an eGRID subregion the factor catalog knows "
                        + "(see gridprint:factors subregion)");
            }
        }
        if (!l.state().isEmpty() && !TWO_LETTERS.matcher(l.state()).matches()) {
            throw bad(l, "state", l.state(), "a US state code of two capital letters, e.g. CA");
        }
        if (!l.country().isEmpty() && !TWO_LETTERS.matcher(l.country()).matches()) {
            throw bad(l, "country", l.country(), "an ISO 3166-1 alpha-2 code, e.g. US, GB, DE");
        }
        if (!l.zone().isEmpty() && !ZONE.matcher(l.zone()).matches()) {
            throw bad(l, "zone", l.zone(), "an Electricity Maps zone, e.g. DE, GB, US-CAL-CISO");
        }
        if (!l.wattTimeRegion().isEmpty() && !WATTTIME.matcher(l.wattTimeRegion()).matches()) {
            throw bad(l, "wattTimeRegion", l.wattTimeRegion(), "a WattTime region, e.g. CAISO_NORTH");
        }
        if (l.ukRegionId().isPresent() && (l.ukRegionId().get() < 1 || l.ukRegionId().get() > 17)) {
            throw bad(l, "ukRegionId", String.valueOf(l.ukRegionId().get()), "a UK Carbon Intensity region id 1..17 "
                    + "(1 North Scotland .. 13 London, 14 South East England, 15 England, 16 Scotland, 17 Wales)");
        }
        if (l.latitude().isPresent() != l.longitude().isPresent()) {
            throw bad(l, l.latitude().isPresent() ? "longitude" : "latitude", "", "both latitude and longitude, or "
                    + "neither");
        }
        if (l.latitude().isPresent()) {
            double lat = l.latitude().get();
            double lon = l.longitude().get();
            if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
                throw bad(l, "latitude", String.valueOf(lat), "degrees -90..90");
            }
            if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
                throw bad(l, "longitude", String.valueOf(lon), "degrees -180..180");
            }
        }
    }

    private static IllegalArgumentException bad(SiteLocation l, String field, String value, String expected) {
        return new IllegalArgumentException("site-location of site '" + l.siteId() + "': " + field + " = '" + value
                + "' is not usable; expected " + expected);
    }

    /** The canonical text: sorted {@code key=value} lines, each ending in a newline. */
    public static String text(SiteLocation l) {
        var m = new TreeMap<String, String>();
        m.put("siteId", l.siteId());
        put(m, "egridSubregion", l.egridSubregion());
        put(m, "state", l.state());
        put(m, "country", l.country());
        put(m, "zone", l.zone());
        put(m, "wattTimeRegion", l.wattTimeRegion());
        l.ukRegionId().ifPresent(v -> m.put("ukRegionId", String.valueOf(v)));
        l.latitude().ifPresent(v -> m.put("latitude", String.valueOf(v)));
        l.longitude().ifPresent(v -> m.put("longitude", String.valueOf(v)));
        var sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (!v.isEmpty()) {
            m.put(k, v);
        }
    }

    /** Parses a canonical text back. */
    public static SiteLocation parse(String text) {
        var m = new TreeMap<String, String>();
        for (var line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new SiteLocation(m.get("siteId"), m.get("egridSubregion"), m.get("state"), m.get("country"),
                m.get("zone"), m.get("wattTimeRegion"), Optional.ofNullable(m.get("ukRegionId")).map(Integer::valueOf),
                Optional.ofNullable(m.get("latitude")).map(Double::valueOf),
                Optional.ofNullable(m.get("longitude")).map(Double::valueOf));
    }
}
