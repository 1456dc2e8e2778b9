package org.gridprint.shell.carbon;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;

import org.gridprint.api.carbon.SiteLocation;

/** Builds and shows site locations for {@code gridprint:site-location}; errors name the option. */
public final class SiteLocations {

    /** The options given (null: not given, so the current value stays). */
    public record Change(String subregion, String state, String country, String zone, String wattTimeRegion,
            String ukRegion, String lat, String lon) {

        boolean empty() {
            return subregion == null && state == null && country == null && zone == null && wattTimeRegion == null
                    && ukRegion == null && lat == null && lon == null;
        }
    }

    private SiteLocations() {
    }

    /**
     * The site's location after the change: given options replace the current values, an empty value ({@code ""} or
     * {@code -}) clears one. Range checks here name the option; the service validates again (e.g. that the eGRID
     * subregion is known to the catalog).
     */
    public static SiteLocation apply(String siteId, Optional<SiteLocation> current, Change c) {
        var cur = current.orElse(new SiteLocation(siteId, "", "", "", "", "", Optional.empty(), Optional.empty(),
                Optional.empty()));
        return new SiteLocation(siteId,
                text(c.subregion(), cur.egridSubregion(), true),
                text(c.state(), cur.state(), true),
                text(c.country(), cur.country(), true),
                text(c.zone(), cur.zone(), false),
                text(c.wattTimeRegion(), cur.wattTimeRegion(), false),
                c.ukRegion() == null ? cur.ukRegionId() : ukRegion(c.ukRegion()),
                c.lat() == null ? cur.latitude() : coordinate("--lat", c.lat(), 90),
                c.lon() == null ? cur.longitude() : coordinate("--lon", c.lon(), 180));
    }

    private static String text(String given, String current, boolean upper) {
        if (given == null) {
            return current;
        }
        var t = given.trim();
        if (t.equals("-")) {
            return "";
        }
        return upper ? t.toUpperCase(Locale.ROOT) : t;
    }

    static Optional<Integer> ukRegion(String text) {
        var t = text.trim();
        if (t.isEmpty() || t.equals("-")) {
            return Optional.empty();
        }
        try {
            int id = Integer.parseInt(t);
            if (id >= 1 && id <= 17) {
                return Optional.of(id);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--uk-region: '" + text + "' is not a UK Carbon Intensity region; expected"
                + " a region id 1..17 (e.g. 13 = London)");
    }

    static Optional<Double> coordinate(String option, String text, int bound) {
        var t = text.trim();
        if (t.isEmpty() || t.equals("-")) {
            return Optional.empty();
        }
        try {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v) && v >= -bound && v <= bound) {
                return Optional.of(v);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": '" + text + "' is not a " + (bound == 90 ? "latitude" : "longitude")
                + "; expected decimal degrees from " + -bound + " to " + bound);
    }

    /** {@code eGRID CAMX, state CA, country US, zone US-CAL-CISO, ...}; only what is set. */
    public static String describe(SiteLocation l) {
        var parts = new ArrayList<String>();
        if (!l.egridSubregion().isEmpty()) {
            parts.add("eGRID subregion " + l.egridSubregion());
        }
        if (!l.state().isEmpty()) {
            parts.add("state " + l.state());
        }
        if (!l.country().isEmpty()) {
            parts.add("country " + l.country());
        }
        if (!l.zone().isEmpty()) {
            parts.add("Electricity Maps zone " + l.zone());
        }
        if (!l.wattTimeRegion().isEmpty()) {
            parts.add("WattTime region " + l.wattTimeRegion());
        }
        l.ukRegionId().ifPresent(id -> parts.add("UK CI region " + id));
        if (l.latitude().isPresent() && l.longitude().isPresent()) {
            parts.add("lat " + l.latitude().get() + " lon " + l.longitude().get());
        }
        return parts.isEmpty() ? "not set" : String.join(", ", parts);
    }
}
