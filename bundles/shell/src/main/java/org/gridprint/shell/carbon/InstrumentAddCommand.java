package org.gridprint.shell.carbon;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gridprint.api.carbon.Instrument;
import org.gridprint.api.carbon.InstrumentService;

@Service
@Command(scope = "gridprint", name = "instrument-add",
        description = "Registers a market-based instrument (ledgered in the register instrument): its MWh are applied"
                + " once, in consumption order, to the windows of its site and market within its vintage rule")
public class InstrumentAddCommand implements Action {

    static final Set<String> TYPES = Set.of("REC", "GO", "I_REC", "PPA", "CONTRACT", "SUPPLIER");
    static final Set<String> CERTIFICATES = Set.of("REC", "GO", "I_REC");

    @Option(name = "--id", required = true, description = "Tracking-system certificate id or contract id (unique)")
    String id;

    @Option(name = "--type", required = true, description = "REC, GO, I_REC, PPA, CONTRACT or SUPPLIER")
    @Completion(value = StringsCompleter.class, values = {"REC", "GO", "I_REC", "PPA", "CONTRACT", "SUPPLIER"})
    String type;

    @Option(name = "--mwh", required = true, description = "Quantity in MWh, e.g. 600 or 12.5")
    String mwh;

    @Option(name = "--vintage", description = "Generation year, e.g. 2026 (sets --vintage-from/--vintage-to)")
    String vintage;

    @Option(name = "--vintage-from", description = "Generation period start, e.g. 2026-01-01")
    String vintageFrom;

    @Option(name = "--vintage-to", description = "Generation period end (inclusive), e.g. 2026-12-31")
    String vintageTo;

    @Option(name = "--market", required = true, description = "Market boundary: US, EU, GB ...")
    String market;

    @Option(name = "--tracking", description = "Tracking system: M-RETS, PJM-GATS, WREGIS, UK REGO, AIB ...")
    String tracking;

    @Option(name = "--retirement", description = "Retirement/cancellation id (required for REC, GO, I_REC)")
    String retirement;

    @Option(name = "--site", description = "Site it is retired for (default: any site of the market)")
    @Completion(SiteIdCompleter.class)
    String site;

    @Option(name = "--rate", description = "Its emission rate in g CO2e/kWh (default 0: renewable certificate)")
    String rate;

    @Option(name = "--source", description = "Where it is documented: registry, contract, invoice")
    String source;

    @Reference(optional = true)
    InstrumentService instruments;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        var instrument = instrument();
        if (instruments == null) {
            out.println(CarbonMessages.NO_INSTRUMENTS);
            return null;
        }
        var stored = instruments.register(instrument);
        out.println("instrument " + stored.id() + " registered: " + stored.type() + " " + CarbonText.plain(stored.mwh())
                + " MWh, vintage " + stored.vintageFrom() + " .. " + stored.vintageTo() + ", market " + stored.market()
                + ", " + CarbonText.plain(instruments.remainingMwh(stored.id())) + " MWh not yet applied");
        return null;
    }

    /** The instrument the options describe; errors name the option. */
    Instrument instrument() {
        var theId = CarbonArgs.required("--id", id, "the certificate or contract id");
        var theType = CarbonText.token(CarbonArgs.required("--type", type, String.join(", ", TYPES)))
                .replace("IREC", "I_REC");
        if (!TYPES.contains(theType)) {
            throw new IllegalArgumentException("--type: '" + type + "' is not an instrument type; expected REC, GO, I_REC,"
                    + " PPA, CONTRACT or SUPPLIER");
        }
        var quantity = CarbonArgs.decimal("--mwh", mwh, true);
        if (vintage != null && (vintageFrom != null || vintageTo != null)) {
            throw new IllegalArgumentException("--vintage " + vintage + " and --vintage-from/--vintage-to cannot be"
                    + " combined; expected either a year or a period");
        }
        var from = Dates.date("--vintage-from", vintage != null ? vintage : vintageFrom, false);
        var to = Dates.date("--vintage-to", vintage != null ? vintage : vintageTo, true);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--vintage-to " + to + " is before --vintage-from " + from);
        }
        var theMarket = CarbonArgs.required("--market", market, "a market boundary such as US, EU or GB")
                .toUpperCase(Locale.ROOT);
        if (CERTIFICATES.contains(theType) && (retirement == null || retirement.isBlank())) {
            throw new IllegalArgumentException("--retirement: missing; a " + theType + " counts only when retired:"
                    + " expected its retirement/cancellation id");
        }
        var grams = rate == null ? BigDecimal.ZERO : CarbonArgs.decimal("--rate", rate, false);
        return new Instrument(theId, theType, quantity, from, to, theMarket, tracking, retirement,
                site == null ? "" : site.trim(), grams, source);
    }
}
