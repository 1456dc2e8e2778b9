package org.gridprint.carbon.intensity;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensitySignal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A grid-intensity time series in a local file, read whole at every poll (so an edited file is taken at the next
 * poll; unchanged values are not stored again).
 *
 * <ul>
 * <li>CSV: {@code start,end,value,unit[,signal]} per line; {@code #} comments and blank lines skipped; a first line
 * starting with {@code start} is a header. Times ISO 8601 with offset ({@code 2026-12-06T10:00:00Z}).</li>
 * <li>JSON: an array of objects {@code {"start":..,"end":..,"value":..,"unit":..,"signal":..}} or an object with
 * such an array under {@code "points"}.</li>
 * </ul>
 * The values are actual (not forecast) unless a row's signal column says otherwise; {@code issuedAt} is the file's
 * modification time. Every error names the file, the line (CSV) or entry (JSON), the field and what is expected.
 */
public final class FileSeriesClient implements IntensityClient {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ProviderSettings settings;
    private final KindSettings.File file;

    public FileSeriesClient(ProviderSettings settings) {
        this.settings = settings;
        this.file = (KindSettings.File) settings.details();
    }

    @Override
    public List<IntensityPoint> fetch(Instant now, String region) throws ProviderException {
        String text;
        Instant modified;
        try {
            text = Files.readString(file.path(), StandardCharsets.UTF_8);
            modified = Files.getLastModifiedTime(file.path()).toInstant();
        } catch (NoSuchFileException e) {
            throw bad("does not exist");
        } catch (IOException e) {
            throw bad("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return file.json() ? json(text, region, modified) : csv(text, region, modified);
    }

    private List<IntensityPoint> csv(String text, String region, Instant issued) throws ProviderException {
        var out = new ArrayList<IntensityPoint>();
        var lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            var line = lines[i].strip();
            int no = i + 1;
            if (line.isEmpty() || line.startsWith("#")
                    || (out.isEmpty() && line.toLowerCase(Locale.ROOT).startsWith("start"))) {
                continue;
            }
            var f = line.split(",", -1);
            if (f.length < 4 || f.length > 5) {
                throw bad("line " + no + ": " + f.length + " fields; expected start,end,value,unit[,signal]");
            }
            var where = "line " + no;
            out.add(point(region, issued, where, f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(),
                    f.length == 5 ? f[4].strip() : ""));
        }
        return out;
    }

    private List<IntensityPoint> json(String text, String region, Instant issued) throws ProviderException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw bad("is not valid JSON" + (loc == null ? "" : " (line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr() + ")"));
        }
        var array = root != null && root.isObject() ? root.get("points") : root;
        if (array == null || !array.isArray()) {
            throw bad("holds no array of points; expected [{\"start\":..,\"end\":..,\"value\":..,\"unit\":..}] or "
                    + "{\"points\":[...]}");
        }
        var out = new ArrayList<IntensityPoint>();
        int n = 0;
        for (var e : array) {
            n++;
            var where = "entry " + n;
            if (!e.isObject()) {
                throw bad(where + " is not an object");
            }
            var value = e.get("value");
            out.add(point(region, issued, where, Json.text(e, "start", ""), Json.text(e, "end", ""),
                    value == null || value.isNull() ? "" : value.asText(), Json.text(e, "unit", ""),
                    Json.text(e, "signal", "")));
        }
        return out;
    }

    private IntensityPoint point(String region, Instant issued, String where, String start, String end,
            String value, String unit, String signal) throws ProviderException {
        var s = time(where, "start", start);
        var e = time(where, "end", end);
        if (!e.isAfter(s)) {
            throw bad(where + ": field end '" + end + "' is not after start '" + start + "'");
        }
        BigDecimal v;
        try {
            v = new BigDecimal(value);
        } catch (NumberFormatException ex) {
            throw bad(where + ": field value '" + value + "' is not a number; expected a decimal >= 0 with '.'");
        }
        if (v.signum() < 0) {
            throw bad(where + ": field value '" + value + "' is negative; expected a decimal >= 0");
        }
        String u;
        try {
            u = IntensityUnits.canonical(unit);
        } catch (IllegalArgumentException ex) {
            throw bad(where + ": field unit '" + unit + "' is unknown; expected one of " + IntensityUnits.accepted());
        }
        var sig = settings.signal();
        boolean forecast = false;
        if (!signal.isEmpty()) {
            switch (signal.toUpperCase(Locale.ROOT)) {
                case "AVERAGE" -> sig = IntensitySignal.AVERAGE;
                case "MARGINAL" -> sig = IntensitySignal.MARGINAL;
                case "FORECAST", "AVERAGE_FORECAST" -> forecast = true;
                case "MARGINAL_FORECAST" -> {
                    sig = IntensitySignal.MARGINAL;
                    forecast = true;
                }
                default -> throw bad(where + ": field signal '" + signal + "' is unknown; expected AVERAGE, MARGINAL, "
                        + "FORECAST (average forecast) or MARGINAL_FORECAST");
            }
        }
        return new IntensityPoint(settings.id(), region, sig, s, e, v, u, forecast, false, file.edition(), issued);
    }

    private Instant time(String where, String field, String text) throws ProviderException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ex) {
            throw bad(where + ": field " + field + " '" + text + "' is not a time; expected ISO 8601 with offset, "
                    + "e.g. 2026-12-06T10:00:00Z");
        }
    }

    private ProviderException bad(String what) {
        return new ProviderException(ProviderException.Cause.CONFIG, "intensity file " + file.path() + " of provider '"
                + settings.id() + "' (" + settings.pid() + "): " + what);
    }
}
