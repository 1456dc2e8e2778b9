package org.gridprint.carbon.intensity;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gridprint.api.carbon.IntensityPoint;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * UK Carbon Intensity API (National Grid ESO, no key), half-hourly gCO2/kWh. National ({@code region} empty or
 * {@code national}): {@code /intensity/{from}/fw24h} from {@code now − lookback} (actual values where published, each
 * also kept as a forecast) and from {@code now} (forecast). Regional (region id 1..17): {@code /regional/regionid/
 * {id}} (the current half hour) and {@code /regional/intensity/{from}/fw24h/regionid/{id}}; regional values are
 * forecasts only.
 */
public final class UkCarbonIntensityClient implements IntensityClient {

    private static final DateTimeFormatter FROM = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private final ProviderSettings settings;
    private final HttpJson http;

    public UkCarbonIntensityClient(ProviderSettings settings) {
        this.settings = settings;
        this.http = new HttpJson("UK Carbon Intensity provider '" + settings.id() + "'", settings.timeout());
    }

    static boolean national(String region) {
        return region.isEmpty() || region.equals("national");
    }

    @Override
    public List<IntensityPoint> fetch(Instant now, String region) throws ProviderException {
        var out = new ArrayList<IntensityPoint>();
        var halfHour = Instant.ofEpochSecond(now.getEpochSecond() / 1800 * 1800);
        if (national(region)) {
            var from = halfHour.minus(settings.lookback());
            var path = "/intensity/" + FROM.format(from) + "/fw24h";
            parseList(http.get(URI.create(settings.baseUrl() + path), Map.of()), "national", now, path, out);
            if (settings.forecast()) {
                path = "/intensity/" + FROM.format(halfHour) + "/fw24h";
                parseList(http.get(URI.create(settings.baseUrl() + path), Map.of()), "national", now, path, out);
            }
        } else {
            var path = "/regional/regionid/" + region;
            regional(http.get(URI.create(settings.baseUrl() + path), Map.of()), region, now, path, out);
            if (settings.forecast()) {
                path = "/regional/intensity/" + FROM.format(halfHour) + "/fw24h/regionid/" + region;
                regional(http.get(URI.create(settings.baseUrl() + path), Map.of()), region, now, path, out);
            }
        }
        return out;
    }

    /** {"data":[{"regionid":13,...,"data":[{from,to,intensity:{forecast,index}}]}]} or "data" as one object. */
    private void regional(JsonNode answer, String region, Instant now, String path, List<IntensityPoint> out)
            throws ProviderException {
        var data = answer.get("data");
        if (data == null || !(data.isArray() || data.isObject())) {
            throw Json.malformed(label(path), "no 'data'");
        }
        for (var r : data.isArray() ? data : List.of(data)) {
            var id = Json.text(r, "regionid", region);
            if (!id.equals(region)) {
                throw Json.malformed(label(path), "regionid " + id + ", asked for " + region);
            }
            for (var e : Json.array(r, "data", label(path))) {
                var start = Json.instant(e, "from", label(path));
                var end = Json.instant(e, "to", label(path));
                var intensity = e.get("intensity");
                if (intensity == null || !intensity.isObject()) {
                    throw Json.malformed(label(path), "no object 'intensity' at " + start);
                }
                var fc = Json.decimalOrNull(intensity, "forecast", label(path));
                if (fc != null && end.isAfter(start)) {
                    out.add(point(region, start, end, fc, true, now));
                }
            }
        }
    }

    /** {"data":[{from,to,intensity:{forecast,actual,index}}]}. */
    private void parseList(JsonNode answer, String region, Instant now, String path, List<IntensityPoint> out)
            throws ProviderException {
        for (var e : Json.array(answer, "data", label(path))) {
            var start = Json.instant(e, "from", label(path));
            var end = Json.instant(e, "to", label(path));
            var intensity = e.get("intensity");
            if (intensity == null || !intensity.isObject()) {
                throw Json.malformed(label(path), "no object 'intensity' at " + start);
            }
            if (!end.isAfter(start)) {
                throw Json.malformed(label(path), "'to' " + end + " is not after 'from' " + start);
            }
            var actual = Json.decimalOrNull(intensity, "actual", label(path));
            var fc = Json.decimalOrNull(intensity, "forecast", label(path));
            if (actual != null) {
                out.add(point(region, start, end, actual, false, now));
            }
            if (fc != null) {
                out.add(point(region, start, end, fc, true, now));
            }
        }
    }

    private IntensityPoint point(String region, Instant start, Instant end, java.math.BigDecimal value,
            boolean forecast, Instant now) {
        return new IntensityPoint(settings.id(), region, settings.signal(), start, end, value, "g/kWh", forecast, false,
                "", now);
    }

    private String label(String path) {
        return "UK Carbon Intensity provider '" + settings.id() + "' " + path;
    }
}
