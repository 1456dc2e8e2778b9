package org.gridprint.allocation.bills;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.Unit;
import org.gridprint.api.allocation.ItemError;

/**
 * Turns the lines of a meter log into readings in the quantity's canonical unit (a value in Wh becomes kWh, exactly
 * as the decimal says: the conversion is done in decimal, then to double). Timestamps need an offset
 * ({@code 2026-11-03T10:15:00Z}, {@code 2026-11-03T11:15:00+01:00}): a local time is refused, never guessed. A line
 * that does not parse is an error naming the line, the field (column) and what is expected; the file's other lines
 * are read on.
 */
final class MeterLogParser {

    /** A reading and the line it came from. */
    record LineReading(int line, Reading reading) {
    }

    /** Receives readings as they are parsed (so a large file is not held in memory). */
    interface Sink {
        void reading(LineReading r);

        void error(ItemError e);
    }

    /** One column of a wide file. */
    private record Column(String meter, Quantity quantity, Optional<Unit> unit) {
    }

    private MeterLogParser() {
    }

    static List<ItemError> parse(String fileName, MeterLogFormat format, Reader csv, String source, Sink sink) {
        return format == MeterLogFormat.WIDE ? wide(fileName, csv, source, sink) : generic(fileName, csv, source, sink);
    }

    private static List<ItemError> generic(String fileName, Reader csv, String source, Sink sink) {
        var r = CsvLines.read(fileName, csv, Set.of("meter", "timestamp", "quantity", "value"),
                "meter,timestamp,quantity,value[,unit]", null, line -> {
                    var item = "line " + line.number();
                    if (line.extraValues()) {
                        sink.error(new ItemError(line.number(), item, "", "more values than the header has columns;"
                                + " expected meter,timestamp,quantity,value[,unit]"));
                        return true;
                    }
                    var meter = line.get("meter");
                    if (meter.isEmpty()) {
                        sink.error(new ItemError(line.number(), item, "meter", "the meter is blank; expected a meter id"));
                        return true;
                    }
                    var q = Quantity.parse(line.get("quantity"));
                    if (q.isEmpty()) {
                        sink.error(new ItemError(line.number(), item, "quantity", "quantity '" + line.get("quantity")
                                + "'; expected one of " + Quantity.names()));
                        return true;
                    }
                    var unitText = line.get("unit");
                    Optional<Unit> unit = Optional.empty();
                    if (!unitText.isEmpty()) {
                        unit = Unit.parse(unitText);
                        var problem = unitProblem(unitText, unit, q.get());
                        if (problem != null) {
                            sink.error(new ItemError(line.number(), item, "unit", problem));
                            return true;
                        }
                    }
                    value(line.number(), item, "value", meter, q.get(), unit, line.get("timestamp"),
                            line.get("value"), source, sink);
                    return true;
                });
        return r.errors();
    }

    private static List<ItemError> wide(String fileName, Reader csv, String source, Sink sink) {
        var columns = new ArrayList<Column>();
        var r = CsvLines.read(fileName, csv, Set.of("timestamp"), "timestamp,<meter>|<QUANTITY>[|<unit>],...",
                header -> {
                    if (!header.get(0).equalsIgnoreCase("timestamp")) {
                        return "the first column of a wide meter log is '" + header.get(0) + "'; expected timestamp";
                    }
                    if (header.size() < 2) {
                        return "a wide meter log needs at least one meter column after timestamp; expected"
                                + " <meter>|<QUANTITY>[|<unit>], e.g. dc/pdu-a1|ACTIVE_ENERGY_IMPORT|Wh";
                    }
                    for (int i = 1; i < header.size(); i++) {
                        var parts = header.get(i).split("\\|", -1);
                        var name = "column " + (i + 1) + " '" + header.get(i) + "'";
                        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank()) {
                            return name + "; expected <meter>|<QUANTITY>[|<unit>], e.g."
                                    + " dc/pdu-a1|ACTIVE_ENERGY_IMPORT|Wh";
                        }
                        var q = Quantity.parse(parts[1]);
                        if (q.isEmpty()) {
                            return name + ": quantity '" + parts[1] + "'; expected one of " + Quantity.names();
                        }
                        Optional<Unit> unit = Optional.empty();
                        if (parts.length == 3 && !parts[2].isBlank()) {
                            unit = Unit.parse(parts[2]);
                            var problem = unitProblem(parts[2], unit, q.get());
                            if (problem != null) {
                                return name + ": " + problem;
                            }
                        }
                        columns.add(new Column(parts[0].trim(), q.get(), unit));
                    }
                    return null;
                }, line -> {
                    var item = "line " + line.number();
                    var cells = line.cells();
                    if (line.extraValues()) {
                        sink.error(new ItemError(line.number(), item, "", "more values than the header has columns ("
                                + cells.size() + " for " + (columns.size() + 1) + ")"));
                        return true;
                    }
                    var ts = cells.get(0).trim();
                    for (int i = 0; i < columns.size() && i + 1 < cells.size(); i++) {
                        var text = cells.get(i + 1).trim();
                        if (text.isEmpty()) {
                            continue; // no value for this meter at this time
                        }
                        var c = columns.get(i);
                        value(line.number(), item, c.meter() + "|" + c.quantity(), c.meter(), c.quantity(), c.unit(),
                                ts, text, source, sink);
                    }
                    return true;
                });
        return r.errors();
    }

    private static void value(int lineNo, String item, String field, String meter, Quantity q, Optional<Unit> unit,
            String timestamp, String valueText, String source, Sink sink) {
        var at = instant(timestamp);
        if (at == null) {
            sink.error(new ItemError(lineNo, item, "timestamp", "timestamp '" + timestamp + "'; expected ISO-8601 with"
                    + " an offset, e.g. 2026-11-03T10:15:00Z or 2026-11-03T11:15:00+01:00 (a local time is not"
                    + " guessed)"));
            return;
        }
        BigDecimal v;
        try {
            v = valueText.length() > 40 ? null : new BigDecimal(valueText);
        } catch (NumberFormatException e) {
            v = null;
        }
        if (v == null) {
            sink.error(new ItemError(lineNo, item, field, "value '" + valueText + "' is not a number; expected a"
                    + " decimal such as 1234.5 in " + unit.map(Unit::symbol).orElse(q.canonicalUnit())));
            return;
        }
        var canonical = unit.isEmpty() ? v : v.multiply(BigDecimal.valueOf(unit.get().toCanonical(1.0)));
        double d = canonical.doubleValue();
        if (Double.isInfinite(d)) {
            sink.error(new ItemError(lineNo, item, field, "value '" + valueText + "' is out of range"));
            return;
        }
        sink.reading(new LineReading(lineNo, new Reading(meter, q, at, d, Quality.GOOD, source)));
    }

    private static String unitProblem(String text, Optional<Unit> unit, Quantity q) {
        if (unit.isEmpty()) {
            return "unit '" + text + "' is not known; expected a unit of " + q.canonicalUnit() + " (e.g. "
                    + examples(q) + ")";
        }
        if (!q.accepts(unit.get())) {
            return "unit " + unit.get().symbol() + " does not measure " + q + "; expected a unit of "
                    + q.canonicalUnit() + " (e.g. " + examples(q) + ")";
        }
        return null;
    }

    private static String examples(Quantity q) {
        var sb = new StringBuilder();
        for (var u : Unit.values()) {
            if (q.accepts(u)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(u.symbol());
            }
        }
        return sb.length() == 0 ? q.canonicalUnit() : sb.toString();
    }

    static Instant instant(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
