package org.gridprint.carbon.intensity;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridprint.api.carbon.IntensityPoint;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Electricity Maps API v3, header {@code auth-token}: {@code /v3/carbon-intensity/history} (past 24 h, actual or
 * estimated), {@code /v3/carbon-intensity/latest} and, when {@code forecast=true}, {@code /v3/carbon-intensity/
 * forecast}; by {@code zone=} or {@code lat=&lon=}, with {@code emissionFactorType=lifecycle|direct} (kept as the
 * model). Values gCO2eq/kWh, hourly by default; {@code isEstimated} kept.
 */
public final class ElectricityMapsClient implements IntensityClient {

    private final ProviderSettings settings;
    private final KindSettings.ElectricityMaps em;
    private final HttpJson http;

    public ElectricityMapsClient(ProviderSettings settings) {
        this.settings = settings;
        this.em = (KindSettings.ElectricityMaps) settings.details();
        this.http = new HttpJson("Electricity Maps provider '" + settings.id() + "'", settings.timeout());
    }

    /**
     * The key the values are stored under when no zone is configured or located: {@code lat,lon} (asked with
     * {@code lat=&lon=}).
     */
    static String coordinatesRegion(double latitude, double longitude) {
        return latitude + "," + longitude;
    }

    @Override
    public List<IntensityPoint> fetch(Instant now, String region) throws ProviderException {
        var comma = region.indexOf(',');
        var where = comma > 0 ? "lat=" + HttpJson.enc(region.substring(0, comma)) + "&lon="
                + HttpJson.enc(region.substring(comma + 1)) : "zone=" + HttpJson.enc(region);
        var query = "?" + where + "&emissionFactorType=" + em.emissionFactorType();
        var headers = Map.of("auth-token", em.apiKey().reveal());
        var out = new ArrayList<IntensityPoint>();
        var history = http.get(URI.create(settings.baseUrl() + "/v3/carbon-intensity/history" + query), headers);
        for (var e : Json.array(history, "history", label("/v3/carbon-intensity/history"))) {
            point(e, region, false, now, "/v3/carbon-intensity/history", out);
        }
        var latest = http.get(URI.create(settings.baseUrl() + "/v3/carbon-intensity/latest" + query), headers);
        point(latest, region, false, now, "/v3/carbon-intensity/latest", out);
        if (settings.forecast()) {
            var fc = http.get(URI.create(settings.baseUrl() + "/v3/carbon-intensity/forecast" + query), headers);
            var path = "/v3/carbon-intensity/forecast";
            var issued = fc.hasNonNull("updatedAt") ? Json.instant(fc, "updatedAt", label(path)) : now;
            for (var e : Json.array(fc, "forecast", label(path))) {
                var start = Json.instant(e, "datetime", label(path));
                var value = Json.decimalOrNull(e, "carbonIntensity", label(path));
                if (value != null) {
                    out.add(new IntensityPoint(settings.id(), region, settings.signal(), start,
                            start.plus(settings.resolution()), value, "g/kWh", true, false, em.emissionFactorType(),
                            issued));
                }
            }
        }
        return out;
    }

    private void point(JsonNode e, String region, boolean forecast, Instant now, String path,
            List<IntensityPoint> out) throws ProviderException {
        var start = Json.instant(e, "datetime", label(path));
        var value = Json.decimalOrNull(e, "carbonIntensity", label(path));
        if (value == null) {
            return; // no value for that hour (yet)
        }
        var model = Json.text(e, "emissionFactorType", em.emissionFactorType());
        boolean estimated = e.path("isEstimated").asBoolean(false);
        out.add(new IntensityPoint(settings.id(), region, settings.signal(), start, start.plus(settings.resolution()),
                value, "g/kWh", forecast, estimated, model, now));
    }

    private String label(String path) {
        return "Electricity Maps provider '" + settings.id() + "' " + path;
    }
}
