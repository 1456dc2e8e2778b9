package org.gridprint.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.store.ReadingStore;

@Service
@Command(scope = "gridprint", name = "readings", description = "Stored readings of one meter and quantity, in time order")
public class ReadingsCommand implements Action {

    static final Duration DEFAULT_LAST = Duration.ofHours(1);

    @Argument(index = 0, name = "meter", required = true, description = "Meter id, e.g. hq/b1/panel-3/ahu-2")
    @Completion(MeterIdCompleter.class)
    String meter;

    @Argument(index = 1, name = "options", required = false, multiValued = true,
            description = "The options may also follow the meter id")
    List<String> trailing;

    @Option(name = "--quantity", aliases = "-q", description = "Quantity (default ACTIVE_ENERGY_IMPORT)")
    @Completion(QuantityCompleter.class)
    String quantity = Quantity.ACTIVE_ENERGY_IMPORT.name();

    @Option(name = "--from", description = "Start (inclusive): ISO instant 2026-11-25T10:00:00Z or date 2026-11-25")
    String from;

    @Option(name = "--to", description = "End (exclusive), default now")
    String to;

    @Option(name = "--last", description = "Span back from --to/now: 15m, 1h, 7d (default 1h)")
    String last;

    @Option(name = "--limit", aliases = "-n", description = "Show at most the newest N readings (default 100)")
    int limit = 100;

    @Reference(optional = true)
    ReadingStore store;

    @Reference(optional = true)
    MeterRegistry registry;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        applyTrailing();
        var q = Quantity.parse(quantity).orElseThrow(() -> new IllegalArgumentException(
                "--quantity: '" + quantity + "' is not a quantity; expected one of " + Quantity.names()));
        var period = TimeArgs.period(from, to, last, Instant.now(), DEFAULT_LAST);
        if (store == null) {
            out.println(Messages.NO_STORE);
            return null;
        }
        if (registry != null && registry.meter(meter).isEmpty()) {
            out.println("Note: meter '" + meter + "' is not declared (gridprint:meters lists the declared ones); "
                    + "showing what is stored for it.");
        }
        var readings = store.readings(meter, q, period.from(), period.to());
        var shown = readings.size() > limit ? readings.subList(readings.size() - limit, readings.size()) : readings;
        var table = new ShellTable();
        table.column("Time");
        table.column(new Col("Value").alignRight());
        table.column("Unit");
        table.column("Quality");
        table.column("Source");
        table.emptyTableText("no " + q + " readings of " + meter + " from " + Texts.time(period.from()) + " to "
                + Texts.time(period.to()));
        for (var r : shown) {
            table.addRow().addContent(Texts.time(r.timestamp()), Texts.number(r.value(), 6), q.canonicalUnit(),
                    r.quality().name(), r.source());
        }
        table.print(out);
        if (shown.size() < readings.size()) {
            out.println("showing the newest " + shown.size() + " of " + readings.size() + " readings (--limit)");
        }
        return null;
    }

    private void applyTrailing() {
        var options = TrailingOptions.parse(trailing, Map.of("--quantity", "--quantity", "-q", "--quantity",
                "--from", "--from", "--to", "--to", "--last", "--last", "--limit", "--limit", "-n", "--limit"),
                "after the meter id");
        quantity = options.getOrDefault("--quantity", quantity);
        from = options.getOrDefault("--from", from);
        to = options.getOrDefault("--to", to);
        last = options.getOrDefault("--last", last);
        limit = TrailingOptions.limit(options, limit);
    }
}
