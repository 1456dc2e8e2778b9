package org.gridprint.carbon.intensity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.Scope;

/**
 * The factor version of a stored intensity value: id {@code intensity/<provider>/<region>/<start>} (start as
 * {@code 2026-12-06T10:00Z}), GRID_AVERAGE, Scope 2 location-based, valid over the value's own period, converted
 * exactly to g/kWh; {@code estimated} is the provider's own flag (a forecast is named in the source and the edition
 * {@code forecast issued <time>}; the engine flags such windows FORECAST). A pure function of the stored value and the provider's configuration (same inputs, same text).
 */
public final class PointFactors {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private PointFactors() {
    }

    /** {@code 2026-12-06T10:00Z} for whole minutes, else the full ISO instant. */
    public static String timeId(Instant t) {
        return t.getNano() == 0 && t.getEpochSecond() % 60 == 0 ? MINUTES.format(t) : t.toString();
    }

    public static String id(String provider, String region, Instant start) {
        return "intensity/" + provider + "/" + region + "/" + timeId(start);
    }

    public static FactorVersion of(ProviderSettings s, IntensityPoint p) {
        String edition;
        if (p.forecast()) {
            edition = "forecast issued " + p.issuedAt();
        } else if (!p.model().isEmpty()) {
            edition = "model " + p.model();
        } else {
            edition = "actual";
        }
        if (s.details() instanceof KindSettings.File f && !f.edition().isEmpty()) {
            edition = f.edition() + (p.forecast() ? ", " + edition : "");
        }
        return new FactorVersion(id(s.id(), p.region(), p.start()), FactorKind.GRID_AVERAGE, Scope.SCOPE_2,
                AccountingMethod.LOCATION_BASED, p.region(), p.value(), p.unit(),
                IntensityUnits.gramsPerKwh(p.value(), p.unit()), "kWh", s.gwpSet(), source(s, p), edition, p.start(),
                p.end(), s.id(), p.estimated(), p.model());
    }

    /** A static provider's value as a factor version valid over its configured period. */
    public static FactorVersion ofStatic(ProviderSettings s) {
        var st = (KindSettings.Static) s.details();
        return new FactorVersion(id(s.id(), s.region(), st.validFrom()), FactorKind.GRID_AVERAGE, Scope.SCOPE_2,
                AccountingMethod.LOCATION_BASED, s.region(), st.value(), st.unit(),
                IntensityUnits.gramsPerKwh(st.value(), st.unit()), "kWh", s.gwpSet(), st.source(), st.edition(),
                st.validFrom(), st.validTo(), s.id(), false, "");
    }

    private static String source(ProviderSettings s, IntensityPoint p) {
        var what = p.forecast() ? "forecast" : p.estimated() ? "estimated" : "actual";
        var d = s.details();
        if (d instanceof KindSettings.WattTime w) {
            return "WattTime API v3 " + w.signalType() + " (" + (p.forecast() ? "/v3/forecast" : "/v3/historical")
                    + ")";
        } else if (d instanceof KindSettings.ElectricityMaps) {
            return "Electricity Maps API v3 carbon-intensity, " + p.model() + ", " + what;
        } else if (d instanceof KindSettings.UkCarbonIntensity) {
            return "UK Carbon Intensity API (National Grid ESO), " + (UkCarbonIntensityClient.national(p.region())
                    ? "national" : "region " + p.region()) + ", " + what;
        } else if (d instanceof KindSettings.File f) {
            return f.source() + ", " + what;
        }
        return ((KindSettings.Static) d).source();
    }
}
