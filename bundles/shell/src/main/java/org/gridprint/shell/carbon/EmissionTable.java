package org.gridprint.shell.carbon;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.TotalsQuery.GroupBy;
import org.gridprint.api.store.WindowTotal;

/**
 * Turns the store's totals into the rows of {@code gridprint:emissions}: location- and market-based side by side.
 * The command asks the store for the operator's groupings followed by SCOPE, QUANTITY and METHOD ({@link #query});
 * each row is one group of the operator's groupings, scope and quantity, with a column per inventory:
 * <ul>
 * <li>Scope 2: the LOCATION_BASED total in the location column, the MARKET_BASED total in the market column;</li>
 * <li>Scope 1 (DIRECT) and Scope 3.3 (computed location-based only) belong to both inventories: the same value in
 * both columns, unless the store holds both methods for them.</li>
 * </ul>
 * The location and market windows of Scope 2 cover the same energy, so the amount is shown once (the location
 * windows', else the market windows'); it is never added across methods.
 */
public final class EmissionTable {

    /** One value per inventory, or absent. */
    public record Cell(long co2eMicrograms, long windows, long excluded) {
    }

    /** One row: the operator's group values, scope, quantity, amount, the two inventories, quality and flags. */
    public record Row(List<String> group, Scope scope, Quantity quantity, long amountNano, Cell location, Cell market,
            long windows, long excludedWindows, Quality worstQuality, Set<WindowFlag> flags) {
    }

    /** Inventory totals per method and scope (over every row, shown or not). */
    public record Inventory(Map<Scope, Long> location, Map<Scope, Long> market, long excludedWindows,
            int scope2WithoutMarket) {

        public long locationTotal() {
            return location.values().stream().mapToLong(Long::longValue).sum();
        }

        public long marketTotal() {
            return market.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final List<GroupBy> groupBy;
    private final List<Row> rows;

    private EmissionTable(List<GroupBy> groupBy, List<Row> rows) {
        this.groupBy = groupBy;
        this.rows = rows;
    }

    /** What to ask the store: the operator's groupings, then SCOPE, QUANTITY and METHOD where not among them. */
    public static List<GroupBy> query(List<GroupBy> operator) {
        var all = new ArrayList<>(operator);
        for (var g : List.of(GroupBy.SCOPE, GroupBy.QUANTITY, GroupBy.METHOD)) {
            if (!all.contains(g)) {
                all.add(g);
            }
        }
        return all;
    }

    /**
     * @param operator the operator's groupings (as given to {@link #query})
     * @param totals   what the store answered for {@code query(operator)}
     */
    public static EmissionTable of(List<GroupBy> operator, List<WindowTotal> totals) {
        var asked = query(operator);
        int scopeAt = asked.indexOf(GroupBy.SCOPE);
        int quantityAt = asked.indexOf(GroupBy.QUANTITY);
        int methodAt = asked.indexOf(GroupBy.METHOD);
        var byKey = new LinkedHashMap<List<String>, Map<AccountingMethod, WindowTotal>>();
        var sorted = new ArrayList<>(totals);
        sorted.sort(Comparator.comparing((WindowTotal t) -> String.join("\u0000", t.group())));
        for (var t : sorted) {
            if (t.group().size() != asked.size()) {
                throw new IllegalStateException("the store answered a total with " + t.group().size()
                        + " group values for " + asked.size() + " groupings " + asked + ": " + t.group());
            }
            var key = new ArrayList<String>();
            for (int i = 0; i < operator.size(); i++) {
                key.add(t.group().get(i));
            }
            key.add(t.group().get(scopeAt));
            key.add(t.group().get(quantityAt));
            var method = AccountingMethod.valueOf(t.group().get(methodAt));
            byKey.computeIfAbsent(key, k -> new EnumMap<>(AccountingMethod.class)).merge(method, t, EmissionTable::add);
        }
        var rows = new ArrayList<Row>();
        for (var e : byKey.entrySet()) {
            var key = e.getKey();
            var scope = Scope.valueOf(key.get(key.size() - 2));
            var quantity = Quantity.valueOf(key.get(key.size() - 1));
            rows.add(row(key.subList(0, key.size() - 2), scope, quantity, e.getValue()));
        }
        rows.sort(Comparator.comparing((Row r) -> String.join("\u0000", r.group())).thenComparing(Row::scope)
                .thenComparing(Row::quantity));
        return new EmissionTable(List.copyOf(operator), List.copyOf(rows));
    }

    private static WindowTotal add(WindowTotal a, WindowTotal b) {
        var flags = EnumSet.noneOf(WindowFlag.class);
        flags.addAll(a.flags());
        flags.addAll(b.flags());
        return new WindowTotal(a.group(), a.amountNano() + b.amountNano(), a.co2eMicrograms() + b.co2eMicrograms(),
                a.windows() + b.windows(), a.excludedWindows() + b.excludedWindows(), flags,
                worse(a.worstQuality(), b.worstQuality()));
    }

    private static Row row(List<String> group, Scope scope, Quantity quantity, Map<AccountingMethod, WindowTotal> m) {
        var loc = m.get(AccountingMethod.LOCATION_BASED);
        var mkt = m.get(AccountingMethod.MARKET_BASED);
        var direct = m.get(AccountingMethod.DIRECT);
        Cell location = cell(loc);
        Cell market = cell(mkt);
        if (scope != Scope.SCOPE_2) {
            // Scope 1 and Scope 3.3 are the same in both inventories
            var only = direct != null ? direct : loc != null ? loc : mkt;
            location = location != null ? location : cell(only);
            market = market != null ? market : cell(only);
        }
        var amountFrom = loc != null ? loc : direct != null ? direct : mkt;
        long windows = 0;
        long excluded = 0;
        Quality worst = Quality.GOOD;
        var flags = EnumSet.noneOf(WindowFlag.class);
        for (var t : m.values()) {
            windows += t.windows();
            excluded += t.excludedWindows();
            worst = worse(worst, t.worstQuality());
            flags.addAll(t.flags());
        }
        return new Row(List.copyOf(group), scope, quantity, amountFrom.amountNano(), location, market, windows, excluded,
                worst, Set.copyOf(flags));
    }

    private static Cell cell(WindowTotal t) {
        return t == null ? null : new Cell(t.co2eMicrograms(), t.windows(), t.excludedWindows());
    }

    private static Quality worse(Quality a, Quality b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    public List<GroupBy> groupBy() {
        return groupBy;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The last {@code limit} rows (the newest, when grouped by time). */
    public List<Row> newest(int limit) {
        return rows.size() <= limit ? rows : rows.subList(rows.size() - limit, rows.size());
    }

    /** Both inventories by scope over all rows, windows excluded, and Scope 2 groups without a market twin. */
    public Inventory inventory() {
        var location = new EnumMap<Scope, Long>(Scope.class);
        var market = new EnumMap<Scope, Long>(Scope.class);
        long excluded = 0;
        int withoutMarket = 0;
        for (var r : rows) {
            if (r.location() != null) {
                location.merge(r.scope(), r.location().co2eMicrograms(), Long::sum);
            }
            if (r.market() != null) {
                market.merge(r.scope(), r.market().co2eMicrograms(), Long::sum);
            }
            if (r.scope() == Scope.SCOPE_2 && r.location() != null && r.market() == null) {
                withoutMarket++;
            }
            excluded += r.excludedWindows();
        }
        return new Inventory(location, market, excluded, withoutMarket);
    }

    /** One line per inventory: {@code Location-based: Scope 1 12.000 kg, Scope 2 ... = total 1234.5 kg CO2e}. */
    public static String inventoryLine(String name, Map<Scope, Long> byScope, boolean exact) {
        if (byScope.isEmpty()) {
            return name + ": no windows";
        }
        var b = new StringBuilder(name).append(':');
        long total = 0;
        for (var e : byScope.entrySet()) {
            b.append(" Scope ").append(CarbonText.scope(e.getKey())).append(' ').append(kg(e.getValue(), exact))
                    .append(',');
            total += e.getValue();
        }
        b.setLength(b.length() - 1);
        return b.append(" = ").append(kg(total, exact)).append(" CO2e").toString();
    }

    /** {@code 12.345 kg}, {@code 12.3 g}. */
    public static String kg(long micrograms, boolean exact) {
        if (exact) {
            return CarbonText.co2eExact(micrograms) + " kg";
        }
        var text = CarbonText.co2e(micrograms);
        return text.endsWith(" g") ? text : text + " kg";
    }
}
