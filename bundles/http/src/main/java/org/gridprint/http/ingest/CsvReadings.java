package org.gridprint.http.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gridprint.api.Reading;
import org.gridprint.http.web.ApiException;

/**
 * Readings from CSV ({@code text/csv}, RFC 4180, parsed with Apache Commons CSV): a header line naming the columns
 * {@code meter,quantity,timestamp,value} and optionally {@code unit} and {@code quality}, in any order; one reading
 * per line. A bad line is refused by its line number (the header is line 1) and the other lines are kept; a
 * header without the required columns refuses the request.
 */
public final class CsvReadings {

    static final List<String> REQUIRED = List.of("meter", "quantity", "timestamp", "value");
    static final Set<String> KNOWN = Set.of("meter", "quantity", "timestamp", "value", "unit", "quality");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).setIgnoreHeaderCase(true).setAllowDuplicateHeaderNames(false)
            .get();

    private final int maxItems;

    public CsvReadings(int maxItems) {
        this.maxItems = maxItems;
    }

    public List<ParsedItem> parse(byte[] body, String source, Instant latest) {
        var items = new ArrayList<ParsedItem>();
        try (var parser = CSVParser.parse(new StringReader(new String(body, StandardCharsets.UTF_8)), FORMAT)) {
            var header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            for (var h : header) {
                if (!KNOWN.contains(h)) {
                    throw ApiException.badRequest("CSV header (line 1) column '" + abbreviate(h) + "' is not one of "
                            + "meter, quantity, timestamp, value, unit, quality; nothing of this request was stored");
                }
            }
            for (var r : REQUIRED) {
                if (!header.contains(r)) {
                    throw ApiException.badRequest("CSV header (line 1) " + (header.isEmpty() ? "is missing"
                            : "lacks column '" + r + "'") + "; expected meter,quantity,timestamp,value[,unit,quality];"
                            + " nothing of this request was stored");
                }
            }
            var iterator = parser.iterator();
            int index = 0;
            long line = 1;
            while (true) {
                CSVRecord record;
                try {
                    if (!iterator.hasNext()) {
                        break;
                    }
                    record = iterator.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    // an unterminated quote and the like: the rest of the body cannot be split into lines
                    items.add(new ParsedItem.Refused(index, (int) line + 1, "", "", "line " + (line + 1)
                            + ": malformed CSV (for example an unterminated quoted field); expected RFC 4180 lines; "
                            + "the lines after it were not read"));
                    break;
                }
                line = parser.getCurrentLineNumber();
                if (index >= maxItems) {
                    throw new ApiException(413, "more than " + maxItems + " lines in one request; expected at most "
                            + maxItems + " (org.gridprint.http maxItems); nothing of this request was stored");
                }
                items.add(item(index++, (int) line, record, header, source, latest));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.badRequest("the CSV header (line 1) cannot be read (empty or duplicate column names); "
                    + "expected meter,quantity,timestamp,value[,unit,quality]; nothing of this request was stored");
        }
        if (items.isEmpty()) {
            throw ApiException.badRequest("the CSV has a header but no lines; expected one reading per line");
        }
        return items;
    }

    private static ParsedItem item(int index, int line, CSVRecord record, List<String> header, String source,
            Instant latest) {
        if (record.size() != header.size()) {
            return new ParsedItem.Refused(index, line, "", "", "line " + line + ": " + record.size()
                    + " fields; expected " + header.size() + " like the header (" + String.join(",", header) + ")");
        }
        String meter = "";
        try {
            meter = ReadingRules.meter(get(record, "meter"));
            var quantity = ReadingRules.quantity(get(record, "quantity"));
            var unit = ReadingRules.unit(get(record, "unit"), quantity);
            var timestamp = ReadingRules.timestamp(get(record, "timestamp"), latest);
            var text = get(record, "value");
            double raw;
            try {
                raw = Double.parseDouble(text == null ? "" : text);
            } catch (NumberFormatException e) {
                throw new FieldRefusal("value", FieldRefusal.shown(text), "a decimal number such as 1234.5");
            }
            var value = ReadingRules.value(raw, text, unit);
            var quality = ReadingRules.quality(get(record, "quality"));
            return new ParsedItem.Good(index, line, new Reading(meter, quantity, timestamp, value, quality, source));
        } catch (FieldRefusal r) {
            return new ParsedItem.Refused(index, line, meter, r.field, ReadingRules.where(index, line, meter)
                    + r.getMessage());
        }
    }

    private static String get(CSVRecord record, String column) {
        return record.isMapped(column) ? record.get(column) : null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
