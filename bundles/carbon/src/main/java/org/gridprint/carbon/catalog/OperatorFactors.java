package org.gridprint.carbon.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.Scope;

/**
 * Parses one operator factor file ({@code ${karaf.etc}/gridprint/factors/*.csv}): a header, then one row per factor
 * version. Columns (any order; names case-sensitive):
 * <table>
 * <tr><th>column</th><th>required</th><th>meaning</th></tr>
 * <tr><td>series</td><td>yes</td><td>name, e.g. {@code pge-supplier}; the catalog series is {@code operator/<series>}
 * (letters, digits, {@code . _ -}, segments separated by {@code /}, at most 100 characters)</td></tr>
 * <tr><td>value</td><td>yes</td><td>decimal ≥ 0 with {@code .} as separator, as published</td></tr>
 * <tr><td>unit</td><td>yes</td><td>see {@link Units}: {@code g/kWh}, {@code lb/MWh}, {@code kg/m3} ...; GRID_LOSS:
 * {@code %} or {@code fraction}</td></tr>
 * <tr><td>kind</td><td>yes</td><td>SUPPLIER_SPECIFIC, RESIDUAL_MIX, GRID_AVERAGE, CONTRACT, CERTIFICATE, FUEL,
 * GRID_LOSS (GRID_MARGINAL is refused: marginal rates never price a window)</td></tr>
 * <tr><td>source</td><td>yes</td><td>publisher, table, row</td></tr>
 * <tr><td>edition</td><td>yes</td><td>edition and revision</td></tr>
 * <tr><td>validFrom</td><td>yes</td><td>{@code 2024-01-01} (00:00 UTC) or an ISO instant/offset date-time</td></tr>
 * <tr><td>validTo</td><td>no</td><td>exclusive; empty: until the series' next row, or open</td></tr>
 * <tr><td>scope, method</td><td>no</td><td>default by kind: FUEL SCOPE_1/DIRECT, GRID_LOSS SCOPE_3/LOCATION_BASED,
 * GRID_AVERAGE SCOPE_2/LOCATION_BASED, the others SCOPE_2/MARKET_BASED; given values must fit the kind</td></tr>
 * <tr><td>region</td><td>no</td><td>grid region, country, zone</td></tr>
 * <tr><td>gwpSet</td><td>no</td><td>AR4, AR5, AR6 or empty ({@code as published})</td></tr>
 * <tr><td>estimated</td><td>no</td><td>true/false (default false)</td></tr>
 * </table>
 * The id of a row is {@code operator/<series>/<validFrom>} ({@code validFrom} as written in ISO form, a date for a
 * midnight-UTC start). Every problem names the file, line, column, value and what is expected; a file with any
 * problem is not loaded (its problems are all reported).
 */
final class OperatorFactors {

    public static final String PROVIDER = "operator";
    static final String SERIES_PREFIX = "operator/";
    static final List<String> REQUIRED = List.of("series", "value", "unit", "kind", "source", "edition", "validFrom");
    static final List<String> OPTIONAL = List.of("validTo", "scope", "method", "region", "gwpSet", "estimated");
    private static final Pattern SERIES = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");
    private static final int MAX_TEXT = 1000;
    private static final int MAX_ERRORS = 50;

    /** What a file gave: factors (with their series) or problems. */
    public sealed interface Result permits Loaded, Failed {
    }

    /** The file's factors, validity resolved. */
    public record Loaded(List<CatalogIndex.Draft> drafts) implements Result {
    }

    /** Every problem found (at most 50), each a full sentence naming file, line and field. */
    public record Failed(List<String> problems) implements Result {
    }

    private record Parsed(int line, String series, FactorVersion factor, boolean openEnd) {
    }

    private OperatorFactors() {
    }

    /** Parses a file's text; {@code file} names it in messages. */
    public static Result parse(String text, String file) {
        Csv.Table table;
        try {
            table = Csv.parse(text, file);
        } catch (IllegalArgumentException e) {
            return new Failed(List.of(e.getMessage()));
        }
        var problems = new ArrayList<String>();
        for (var column : table.header()) {
            if (!REQUIRED.contains(column) && !OPTIONAL.contains(column)) {
                problems.add(file + ": column '" + column + "' is not known: expected the columns " + REQUIRED
                        + " and optionally " + OPTIONAL);
            }
        }
        for (var column : REQUIRED) {
            if (!table.header().contains(column)) {
                problems.add(file + ": column '" + column + "' is missing: expected the columns " + REQUIRED
                        + " and optionally " + OPTIONAL);
            }
        }
        if (!problems.isEmpty()) {
            return new Failed(problems);
        }
        var rows = new ArrayList<Parsed>();
        for (var row : table.rows()) {
            try {
                rows.add(row(row, file));
            } catch (IllegalArgumentException e) {
                if (problems.size() < MAX_ERRORS) {
                    problems.add(e.getMessage());
                }
            }
        }
        var bySeries = new TreeMap<String, List<Parsed>>();
        for (var p : rows) {
            bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p);
        }
        var drafts = new ArrayList<CatalogIndex.Draft>();
        for (var e : bySeries.entrySet()) {
            var list = e.getValue();
            list.sort(Comparator.comparing((Parsed p) -> p.factor().validFrom()));
            for (int i = 0; i < list.size(); i++) {
                var p = list.get(i);
                var next = i + 1 < list.size() ? list.get(i + 1) : null;
                var f = p.factor();
                if (next != null && next.factor().validFrom().equals(f.validFrom())) {
                    problems.add(file + ", lines " + p.line() + " and " + next.line() + ": series " + e.getKey()
                            + " has two rows with validFrom " + f.validFrom() + ": expected one row per start");
                    continue;
                }
                if (next != null && p.openEnd()) {
                    f = CatalogIndex.withValidity(f, f.validFrom(), next.factor().validFrom());
                } else if (next != null && f.validTo().isAfter(next.factor().validFrom())) {
                    problems.add(file + ", line " + p.line() + ", column validTo = '" + f.validTo() + "': overlaps line "
                            + next.line() + " of series " + e.getKey() + " (validFrom " + next.factor().validFrom()
                            + "): expected validTo at most the next row's validFrom");
                    continue;
                }
                drafts.add(new CatalogIndex.Draft(SERIES_PREFIX + e.getKey(), Set.of(CatalogIndex.ANY_GWP), 0, f));
            }
        }
        if (!problems.isEmpty()) {
            return new Failed(problems.size() > MAX_ERRORS ? problems.subList(0, MAX_ERRORS) : problems);
        }
        return new Loaded(List.copyOf(drafts));
    }

    private static Parsed row(Csv.Row row, String file) {
        var at = file + ", line " + row.line();
        var series = row.get("series");
        if (series.length() > 100 || !SERIES.matcher(series).matches()) {
            throw bad(at, "series", series, "a name of letters, digits, '.', '_' or '-' (segments separated by '/'), "
                    + "at most 100 characters, e.g. pge-supplier");
        }
        var valueText = row.get("value");
        BigDecimal value;
        try {
            value = new BigDecimal(valueText);
        } catch (NumberFormatException e) {
            throw bad(at, "value", valueText, "a decimal number >= 0 with '.' as decimal separator");
        }
        if (value.signum() < 0) {
            throw bad(at, "value", valueText, "a decimal number >= 0");
        }
        var kindText = row.get("kind");
        FactorKind kind;
        try {
            kind = FactorKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(at, "kind", kindText, "one of SUPPLIER_SPECIFIC, RESIDUAL_MIX, GRID_AVERAGE, CONTRACT, "
                    + "CERTIFICATE, FUEL, GRID_LOSS");
        }
        if (kind == FactorKind.GRID_MARGINAL) {
            throw bad(at, "kind", kindText, "an average or contractual kind: marginal rates never price an emission "
                    + "window (the what-if reads them from the intensity providers)");
        }
        var unit = row.get("unit");
        BigDecimal grams;
        String perUnit;
        try {
            if (kind == FactorKind.GRID_LOSS) {
                grams = Units.toFraction(value, unit);
                perUnit = Units.FRACTION;
            } else {
                var rate = Units.toGramsPerUnit(value, unit);
                grams = rate.gramsPerUnit();
                perUnit = rate.perUnit();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ", column unit = '" + unit + "' (kind " + kind + "): "
                    + e.getMessage());
        }
        if (kind != FactorKind.FUEL && kind != FactorKind.GRID_LOSS && !perUnit.equals(Units.KWH)) {
            throw bad(at, "unit", unit, "a rate per electric energy (e.g. g/kWh, kg/MWh, lb/MWh) for kind " + kind);
        }
        if (kind == FactorKind.FUEL && perUnit.equals(Units.KWH)) {
            throw bad(at, "unit", unit, "a rate per fuel quantity (e.g. kg/m3, kg/scf, kg/gal, kg/therm) for kind FUEL");
        }
        var scope = enumOr(row, "scope", Scope.class, defaultScope(kind), at);
        var method = enumOr(row, "method", AccountingMethod.class, defaultMethod(kind), at);
        checkFits(kind, scope, method, at);
        var source = text(row, "source", at, true);
        var edition = text(row, "edition", at, true);
        var region = text(row, "region", at, false);
        var from = instant(row, "validFrom", at);
        var toText = row.get("validTo");
        var to = toText.isEmpty() ? Instant.MAX : instant(row, "validTo", at);
        if (!to.isAfter(from)) {
            throw bad(at, "validTo", toText, "a time after validFrom " + row.get("validFrom"));
        }
        var gwpText = row.get("gwpSet");
        String gwp;
        if (gwpText.isEmpty() || gwpText.equalsIgnoreCase("as published")) {
            gwp = "as published";
        } else {
            try {
                gwp = GwpSets.normalize(gwpText);
            } catch (IllegalArgumentException e) {
                throw bad(at, "gwpSet", gwpText, "AR4, AR5, AR6 or empty (as published)");
            }
        }
        var estText = row.get("estimated").toLowerCase(Locale.ROOT);
        if (!estText.isEmpty() && !estText.equals("true") && !estText.equals("false")) {
            throw bad(at, "estimated", row.get("estimated"), "true, false or empty");
        }
        var id = SERIES_PREFIX + series + "/" + idTime(from);
        var f = new FactorVersion(id, kind, scope, method, region, value, unit, grams, perUnit, gwp, source, edition,
                from, to, PROVIDER, estText.equals("true"), "");
        return new Parsed(row.line(), series, FactorText.canonical(f), toText.isEmpty());
    }

    private static Scope defaultScope(FactorKind kind) {
        return switch (kind) {
            case FUEL -> Scope.SCOPE_1;
            case GRID_LOSS -> Scope.SCOPE_3;
            default -> Scope.SCOPE_2;
        };
    }

    private static AccountingMethod defaultMethod(FactorKind kind) {
        return switch (kind) {
            case FUEL -> AccountingMethod.DIRECT;
            case GRID_LOSS, GRID_AVERAGE -> AccountingMethod.LOCATION_BASED;
            default -> AccountingMethod.MARKET_BASED;
        };
    }

    private static void checkFits(FactorKind kind, Scope scope, AccountingMethod method, String at) {
        String expected = switch (kind) {
            case FUEL -> scope == Scope.SCOPE_1 && method == AccountingMethod.DIRECT ? null : "SCOPE_1 and DIRECT";
            case GRID_LOSS -> scope == Scope.SCOPE_3 && method == AccountingMethod.LOCATION_BASED ? null
                    : "SCOPE_3 and LOCATION_BASED";
            case GRID_AVERAGE -> scope == Scope.SCOPE_2 && method != AccountingMethod.DIRECT ? null
                    : "SCOPE_2 and LOCATION_BASED or MARKET_BASED";
            default -> scope == Scope.SCOPE_2 && method == AccountingMethod.MARKET_BASED ? null
                    : "SCOPE_2 and MARKET_BASED";
        };
        if (expected != null) {
            throw new IllegalArgumentException(at + ", columns scope/method = '" + scope + "'/'" + method
                    + "': kind " + kind + " expects " + expected);
        }
    }

    private static <E extends Enum<E>> E enumOr(Csv.Row row, String column, Class<E> type, E dflt, String at) {
        var v = row.get(column);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            var names = new ArrayList<String>();
            for (var c : type.getEnumConstants()) {
                names.add(c.name());
            }
            throw bad(at, column, v, "one of " + String.join(", ", names) + " or empty (" + dflt + " for this kind)");
        }
    }

    private static String text(Csv.Row row, String column, String at, boolean required) {
        var v = row.get(column);
        if (required && v.isEmpty()) {
            throw bad(at, column, v, "a non-empty text (" + (column.equals("source") ? "publisher, table, row"
                    : "edition and revision") + ")");
        }
        if (v.length() > MAX_TEXT || v.indexOf('\n') >= 0) {
            throw bad(at, column, v.substring(0, Math.min(40, v.length())) + "...", "one line of at most " + MAX_TEXT
                    + " characters");
        }
        return v;
    }

    private static Instant instant(Csv.Row row, String column, String at) {
        var v = row.get(column);
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(at, column, v, "a date such as 2024-01-01 (00:00 UTC) or a date-time with offset such as "
                    + "2024-01-01T00:00:00Z or 2024-01-01T00:00:00-05:00");
        }
    }

    /** A start as it appears in the id: the date when at midnight UTC, else the instant. */
    static String idTime(Instant t) {
        var utc = t.atOffset(ZoneOffset.UTC);
        return utc.toLocalTime().toSecondOfDay() == 0 && utc.getNano() == 0 ? utc.toLocalDate().toString() : t.toString();
    }

    private static IllegalArgumentException bad(String at, String column, String value, String expected) {
        return new IllegalArgumentException(at + ", column " + column + " = '" + value + "': expected " + expected);
    }
}
