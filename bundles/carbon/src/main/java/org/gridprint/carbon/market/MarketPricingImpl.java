package org.gridprint.carbon.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.FactorKind;
import org.gridprint.api.carbon.Instrument;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.RegisterRecord;
import org.gridprint.carbon.site.Site;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Market-based Scope 2 by the GHG Protocol Scope 2 hierarchy. Per LOCATION_BASED Scope 2 window, in consumption order
 * (start, meter, quantity):
 * <ol>
 * <li>instruments (register {@code instrument}): certificates (REC, GO, I-REC) before contracts (PPA, CONTRACT,
 * SUPPLIER), instruments retired for the site before market-wide ones, then by vintage start and id. The window's
 * earlier draw is reused if its instrument is still eligible. One instrument per window: it covers
 * {@code min(amount, what it has left)} ({@code coveredNano}, {@code instrumentRef}) at its own rate (0 g/kWh for
 * renewable certificates). Only ACTIVE_ENERGY_IMPORT windows that count in totals draw (a SUSPECT_SPIKE window not
 * accepted never drains a certificate, and gives back what it held);</li>
 * <li>the rest ({@code amount - covered}) at the supplier-specific rate ({@link Site#supplierSeries()}), else the
 * residual mix ({@link Site#residualMixSeries()}), else the grid average the location-based window used, then
 * flagged {@link WindowFlag#GRID_AVERAGE_DISCLOSED}. {@code factorRef} names that factor.</li>
 * </ol>
 * CO2e = (covered × instrument g/kWh + rest × factor g/kWh) / 1000 µg per nano-kWh, rounded HALF_EVEN once.
 */
@Designate(ocd = MarketConfig.class)
@Component(name = MarketPricingImpl.PID, service = MarketPricing.class,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public class MarketPricingImpl implements MarketPricing {

    public static final String PID = "org.gridprint.carbon.market";
    public static final String INSTRUMENTS = "instrument";
    private static final Logger LOG = LoggerFactory.getLogger(MarketPricingImpl.class);

    /** Flags of the measurement, carried to the market twin unchanged. */
    static final Set<WindowFlag> MEASUREMENT_FLAGS = EnumSet.of(WindowFlag.GAP_SPANNED, WindowFlag.SUSPECT_SPIKE,
            WindowFlag.ACCEPTED, WindowFlag.CORRECTED, WindowFlag.ROLLOVER, WindowFlag.COUNTER_RESET,
            WindowFlag.FROM_POWER, WindowFlag.GHOST_LOAD, WindowFlag.ONSITE_NETTED);
    /** Flags of the location factor: carried only when that factor (the grid average) prices the rest. */
    static final Set<WindowFlag> LOCATION_FACTOR_FLAGS = EnumSet.of(WindowFlag.FALLBACK, WindowFlag.LATEST_PUBLISHED,
            WindowFlag.PROVIDER_ESTIMATED, WindowFlag.FORECAST);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    @Reference
    private RecordRegister register;
    @Reference
    private FactorCatalog catalog;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private volatile InstrumentRules rules = new InstrumentRules(VintageRule.SAME_YEAR);
    private Refusals refusals;
    private Clock clock = Clock.systemUTC();
    private Consumer<Alarm> alarms;

    /** For OSGi. */
    public MarketPricingImpl() {
        this.alarms = this::post;
        this.refusals = new Refusals(a -> alarms.accept(a), clock);
    }

    /** Without OSGi (tests, benchmarks): alarms go to {@code alarms}. */
    public MarketPricingImpl(RecordRegister register, FactorCatalog catalog, VintageRule vintage,
            Consumer<Alarm> alarms, Clock clock) {
        this.register = register;
        this.catalog = catalog;
        this.rules = new InstrumentRules(vintage);
        this.alarms = alarms;
        this.clock = clock;
        this.refusals = new Refusals(alarms, clock);
    }

    @Activate
    void activate(Map<String, Object> properties) {
        var problems = new ArrayList<String>();
        int before = months(properties, "vintageMonthsBefore", problems);
        int after = months(properties, "vintageMonthsAfter", problems);
        if (!problems.isEmpty()) {
            var message = String.join("; ", problems) + " (using the default: vintage within the consumption year)";
            LOG.error("{}", message);
            alarms.accept(Alarm.of(AlarmKind.CONFIG_ERROR, message, clock.instant()).withSource(PID));
            before = 0;
            after = 0;
        }
        rules = new InstrumentRules(new VintageRule(before, after));
        LOG.info("market-based pricing: {}", rules.vintageRule().describe());
    }

    /** The vintage rule in force. */
    public VintageRule vintageRule() {
        return rules.vintageRule();
    }

    @Override
    public List<EmissionWindow> marketWindows(Site site, List<EmissionWindow> locationWindows, Instant computedAt) {
        var candidates = instruments(site);
        var order = new ArrayList<Integer>();
        for (int i = 0; i < locationWindows.size(); i++) {
            var w = locationWindows.get(i);
            if (w.scope() == Scope.SCOPE_2 && w.method() == AccountingMethod.LOCATION_BASED) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparing((Integer i) -> locationWindows.get(i).start())
                .thenComparing(i -> locationWindows.get(i).meterId())
                .thenComparing(i -> locationWindows.get(i).quantity()));
        var rest = new RestPricing(site);
        var got = new HashMap<Integer, BatchDraws.Got>();
        if (!candidates.isEmpty()) {
            var wants = new ArrayList<BatchDraws.Want>(order.size());
            for (int i : order) {
                var loc = locationWindows.get(i);
                boolean mayDraw = loc.quantity() == Quantity.ACTIVE_ENERGY_IMPORT && loc.counted()
                        && loc.amountNano() > 0;
                var eligible = new ArrayList<Candidate>();
                if (mayDraw) {
                    for (var c : candidates) {
                        if (check(c, site, loc.start())) {
                            eligible.add(c);
                        }
                    }
                }
                wants.add(new BatchDraws.Want(new WindowKey(loc.meterId(), loc.quantity(), Scope.SCOPE_2,
                        AccountingMethod.MARKET_BASED, loc.start()), loc.amountNano(), mayDraw, eligible));
            }
            var results = new BatchDraws(new InstrumentDraws(register), site.id()).settle(wants);
            for (int k = 0; k < order.size(); k++) {
                got.put(order.get(k), results.get(k));
            }
        }
        var out = new EmissionWindow[locationWindows.size()];
        for (int i : order) {
            out[i] = price(site, locationWindows.get(i), got.getOrDefault(i, BatchDraws.Got.NONE), rest, computedAt);
        }
        var result = new ArrayList<EmissionWindow>(order.size());
        for (var w : out) {
            if (w != null) {
                result.add(w);
            }
        }
        return result;
    }

    private EmissionWindow price(Site site, EmissionWindow loc, BatchDraws.Got got, RestPricing rest,
            Instant computedAt) {
        long covered = got.coveredNano();
        Candidate used = got.instrument();
        long uncovered = loc.amountNano() - covered;
        var flags = EnumSet.noneOf(WindowFlag.class);
        for (var f : loc.flags()) {
            if (MEASUREMENT_FLAGS.contains(f)) {
                flags.add(f);
            }
        }
        var price = rest.price(loc);
        if (price.gridAverage()) {
            for (var f : loc.flags()) {
                if (LOCATION_FACTOR_FLAGS.contains(f)) {
                    flags.add(f);
                }
            }
            if (uncovered > 0 || loc.amountNano() == 0) {
                flags.add(WindowFlag.GRID_AVERAGE_DISCLOSED);
            }
        } else if (price.latestPublished()) {
            flags.add(WindowFlag.LATEST_PUBLISHED);
        }
        BigDecimal micro;
        if (price.gramsPerKwh() != null) {
            micro = BigDecimal.valueOf(uncovered).multiply(price.gramsPerKwh());
        } else if (loc.amountNano() > 0) {
            // the grid average's factor is not resolvable: its share of the location window's CO2e
            micro = BigDecimal.valueOf(loc.co2eMicrograms()).multiply(THOUSAND).multiply(BigDecimal.valueOf(uncovered))
                    .divide(BigDecimal.valueOf(loc.amountNano()), 12, RoundingMode.HALF_EVEN);
        } else {
            micro = BigDecimal.ZERO;
        }
        if (used != null) {
            micro = micro.add(BigDecimal.valueOf(covered).multiply(used.instrument().gramsPerKwh()));
        }
        long co2e = micro.divide(THOUSAND).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        return new EmissionWindow(loc.meterId(), loc.siteId().isEmpty() ? site.id() : loc.siteId(), loc.quantity(),
                Scope.SCOPE_2, AccountingMethod.MARKET_BASED, loc.start(), loc.end(), loc.amountNano(), co2e,
                price.ref(), used == null ? 0 : used.ref(), covered, loc.quality(), flags, loc.firstReading(),
                loc.lastReading(), 1, computedAt);
    }

    private boolean check(Candidate c, Site site, Instant at) {
        var e = rules.check(c.instrument(), site, at);
        if (e instanceof Eligibility.Refused r) {
            refusals.report(InstrumentRules.refusalKey(c.instrument(), site, r.rule(), at), c.instrument().id(),
                    r.rule(), "instrument '" + c.instrument().id() + "' refused for site '" + site.id() + "' (rule "
                            + r.rule() + "): " + r.reason());
            return false;
        }
        return e instanceof Eligibility.Eligible;
    }

    /** The registered instruments that concern the site, in the hierarchy's order. */
    private List<Candidate> instruments(Site site) {
        var out = new ArrayList<Candidate>();
        for (RegisterRecord r : register.list(INSTRUMENTS)) {
            Instrument in;
            try {
                in = InstrumentText.parseInstrument(r.text(), r.key());
            } catch (IllegalArgumentException e) {
                refusals.report("unreadable|" + r.ref(), r.key(), "format", "instrument '" + r.key()
                        + "' cannot be read and is not applied: " + e.getMessage());
                continue;
            }
            if (!in.siteId().isEmpty() && !in.siteId().equals(site.id())) {
                continue;
            }
            out.add(new Candidate(in, r.ref(), InstrumentDraws.capacityNano(in.mwh())));
        }
        out.sort(Comparator.comparing((Candidate c) -> c.instrument().siteId().isEmpty())
                .thenComparing(c -> !InstrumentType.parse(c.instrument().type()).map(InstrumentType::certificate)
                        .orElse(false))
                .thenComparing(c -> c.instrument().vintageFrom()).thenComparing(c -> c.instrument().id()));
        return out;
    }

    /** How the part not covered by an instrument is priced. */
    private record Price(long ref, BigDecimal gramsPerKwh, boolean gridAverage, boolean latestPublished) {
    }

    /** Supplier rate, else residual mix, else grid average; selections cached per call while valid. */
    private final class RestPricing {
        private final Site site;
        private final Map<String, FactorCatalog.Selection> selections = new HashMap<>();
        private final Map<Long, Optional<BigDecimal>> gridAverages = new HashMap<>();

        RestPricing(Site site) {
            this.site = site;
        }

        Price price(EmissionWindow loc) {
            for (var series : List.of(site.supplierSeries(), site.residualMixSeries())) {
                if (series.isEmpty()) {
                    continue;
                }
                var s = select(series, loc.start());
                if (s.isPresent()) {
                    return new Price(s.get().ref(), s.get().factor().gramsPerUnit(), false, s.get().latestPublished());
                }
            }
            var grams = gridAverages.computeIfAbsent(loc.factorRef(), ref -> ref == 0 ? Optional.empty()
                    : catalog.byRef(ref).map(f -> f.gramsPerUnit()));
            return new Price(loc.factorRef(), grams.orElse(null), true, false);
        }

        private Optional<FactorCatalog.Selection> select(String series, Instant at) {
            var cached = selections.get(series);
            if (cached != null && cached.factor().validAt(at) && year(at) == year(cachedAt(series))) {
                return Optional.of(cached);
            }
            var s = catalog.select(series, at, site.gwpSet());
            if (s.isEmpty()) {
                refusals.report("series|" + site.id() + "|" + series + "|" + year(at), series, "factor",
                        "site '" + site.id() + "': no factor in series '" + series + "' for " + at
                                + "; market-based windows fall back to the next level of the hierarchy");
                return Optional.empty();
            }
            var f = s.get().factor();
            if (f.kind() == FactorKind.GRID_MARGINAL || !"kWh".equals(f.perUnit())) {
                refusals.report("series|" + site.id() + "|" + series + "|kind", series, "factor", "site '" + site.id()
                        + "': factor '" + f.id() + "' of series '" + series + "' is " + f.kind() + " per " + f.perUnit()
                        + "; market-based Scope 2 needs an average rate per kWh (supplier-specific or residual mix)");
                return Optional.empty();
            }
            selections.put(series, s.get());
            cachedAts.put(series, at);
            return s;
        }

        private final Map<String, Instant> cachedAts = new HashMap<>();

        private Instant cachedAt(String series) {
            return cachedAts.get(series);
        }
    }

    private static int year(Instant t) {
        return t.atOffset(ZoneOffset.UTC).getYear();
    }

    private static int months(Map<String, Object> properties, String field, List<String> problems) {
        var raw = properties.get(field);
        if (raw == null || raw.toString().isBlank()) {
            return 0;
        }
        int v;
        try {
            v = raw instanceof Number n ? n.intValue() : Integer.parseInt(raw.toString().trim());
        } catch (NumberFormatException e) {
            problems.add(PID + ": " + field + " = '" + raw + "' is not a whole number; expected months 0..12");
            return 0;
        }
        if (v < 0 || v > 12) {
            problems.add(PID + ": " + field + " = " + v + " is out of range; expected months 0..12");
            return 0;
        }
        return v;
    }

    private void post(Alarm alarm) {
        var ea = eventAdmin;
        if (ea == null) {
            return;
        }
        try {
            ea.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
        } catch (RuntimeException e) {
            LOG.warn("could not post alarm {}: {}", alarm.topic(), e.toString());
        }
    }
}
