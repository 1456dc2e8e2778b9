package org.gridprint.carbon.intensity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.gridprint.api.carbon.IntensityPoint;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * WattTime API v3: {@code GET {base}/login} with HTTP basic auth gives {@code {"token": ...}}, valid 30 minutes; it
 * is renewed after {@link #TOKEN_RENEW_AFTER} and once on a 401. Data: {@code /v3/historical?region=&start=&end=
 * &signal_type=} (actual values) and {@code /v3/forecast?region=&signal_type=} with {@code Authorization: Bearer}.
 * {@code co2_aoer} is AVERAGE, {@code co2_moer} MARGINAL; values in lbs_co2_per_mwh (stored as lb/MWh);
 * {@code meta.model.date} kept as the model.
 */
public final class WattTimeClient implements IntensityClient {

    /** A token is valid 30 minutes; it is renewed 5 minutes before that. */
    public static final Duration TOKEN_RENEW_AFTER = Duration.ofMinutes(25);

    private final ProviderSettings settings;
    private final KindSettings.WattTime wt;
    private final HttpJson http;
    private final Clock clock;
    private String token;
    private Instant tokenAt;
    private int logins;

    public WattTimeClient(ProviderSettings settings, Clock clock) {
        this.settings = settings;
        this.wt = (KindSettings.WattTime) settings.details();
        this.http = new HttpJson("WattTime provider '" + settings.id() + "'", settings.timeout());
        this.clock = clock;
    }

    /** How many logins this client made (tests: token reuse and renewal). */
    public synchronized int logins() {
        return logins;
    }

    @Override
    public synchronized List<IntensityPoint> fetch(Instant now, String region) throws ProviderException {
        var points = new ArrayList<IntensityPoint>();
        var start = now.minus(settings.lookback()).truncatedTo(ChronoUnit.MINUTES);
        var hist = getAuthorized(settings.baseUrl() + "/v3/historical?region=" + HttpJson.enc(region) + "&start="
                + HttpJson.enc(start.toString()) + "&end=" + HttpJson.enc(now.truncatedTo(ChronoUnit.SECONDS)
                        .toString()) + "&signal_type=" + wt.signalType());
        points.addAll(parse(hist, region, false, now, "/v3/historical"));
        if (settings.forecast()) {
            var fc = getAuthorized(settings.baseUrl() + "/v3/forecast?region=" + HttpJson.enc(region)
                    + "&signal_type=" + wt.signalType());
            points.addAll(parse(fc, region, true, now, "/v3/forecast"));
        }
        return points;
    }

    private JsonNode getAuthorized(String url) throws ProviderException {
        var uri = URI.create(url);
        var now = clock.instant();
        if (token == null || !now.isBefore(tokenAt.plus(TOKEN_RENEW_AFTER))) {
            login();
        }
        try {
            return http.get(uri, Map.of("Authorization", "Bearer " + token));
        } catch (ProviderException e) {
            if (e.kind() != ProviderException.Cause.AUTH) {
                throw e;
            }
            login(); // the token was refused before its time: renew once
            return http.get(uri, Map.of("Authorization", "Bearer " + token));
        }
    }

    private void login() throws ProviderException {
        token = null;
        var basic = Base64.getEncoder().encodeToString((wt.username() + ":" + wt.password().reveal())
                .getBytes(StandardCharsets.UTF_8));
        JsonNode answer;
        try {
            logins++;
            answer = http.get(URI.create(settings.baseUrl() + "/login"), Map.of("Authorization", "Basic " + basic));
        } catch (ProviderException e) {
            if (e.kind() == ProviderException.Cause.AUTH) {
                throw new ProviderException(ProviderException.Cause.AUTH, "WattTime provider '" + settings.id()
                        + "': the login of user '" + wt.username() + "' was refused; check username and password in "
                        + settings.pid());
            }
            throw e;
        }
        var t = Json.text(answer, "token", "");
        if (t.isBlank()) {
            throw Json.malformed("WattTime provider '" + settings.id() + "' /login", "no 'token'");
        }
        token = t;
        tokenAt = clock.instant();
    }

    private List<IntensityPoint> parse(JsonNode answer, String region, boolean forecast, Instant now, String path)
            throws ProviderException {
        var where = "WattTime provider '" + settings.id() + "' " + path;
        var meta = answer.get("meta");
        if (meta == null || !meta.isObject()) {
            throw Json.malformed(where, "no object 'meta'");
        }
        String unit;
        try {
            unit = IntensityUnits.canonical(Json.text(meta, "units", "lbs_co2_per_mwh"));
        } catch (IllegalArgumentException e) {
            throw Json.malformed(where, "meta.units: " + e.getMessage());
        }
        var type = Json.text(meta, "signal_type", wt.signalType());
        if (!type.equals(wt.signalType())) {
            throw Json.malformed(where, "meta.signal_type = '" + type + "', asked for '" + wt.signalType() + "'");
        }
        long period = meta.path("data_point_period_seconds").asLong(300);
        if (period <= 0) {
            throw Json.malformed(where, "meta.data_point_period_seconds = " + period);
        }
        var model = Json.text(meta.get("model"), "date", "");
        var generated = meta.hasNonNull("generated_at") ? Json.instant(meta, "generated_at", where) : now;
        var out = new ArrayList<IntensityPoint>();
        for (var p : Json.array(answer, "data", where)) {
            var start = Json.instant(p, "point_time", where);
            var value = Json.decimalOrNull(p, "value", where);
            if (value == null) {
                continue;
            }
            out.add(new IntensityPoint(settings.id(), region, settings.signal(), start,
                    start.plusSeconds(period), value, unit, forecast, false, model, forecast ? generated : now));
        }
        return out;
    }
}
