package org.gridprint.carbon.bills;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionWindow;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.FuelBill;
import org.gridprint.api.carbon.FuelBillRecord;
import org.gridprint.api.carbon.FuelBillService;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.carbon.WindowFlag;
import org.gridprint.api.carbon.WindowKey;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.RegisterRecord;
import org.gridprint.api.store.WindowQuery;
import org.gridprint.carbon.bills.BillInput.ValidBill;
import org.gridprint.carbon.catalog.Units;
import org.gridprint.carbon.site.Site;
import org.gridprint.carbon.site.Sites;
import org.gridprint.carbon.window.Co2eRate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fuel bills → Scope 1 windows. See {@link FuelBillService}; the rules are in the bundle README ("Fuel bills").
 * Calls are serialized (one bill at a time), so two entries of the same reference never interleave.
 */
@Component(service = FuelBillService.class, immediate = true)
public class FuelBillServiceImpl implements FuelBillService {

    public static final String REGISTER = "fuel-bill";
    /** Windows of a bill: UTC hours (aligned like the engine's default windows; whole-hour zones cut exactly). */
    static final long WINDOW_MS = 3_600_000L;
    static final String ENTERED = "fuel bill entered";

    private static final Logger LOG = LoggerFactory.getLogger(FuelBillServiceImpl.class);

    private final RecordRegister register;
    private final EmissionWindowStore store;
    private final FactorCatalog catalog;
    private final Sites sites;
    private final Clock clock;
    /** Double-counting warnings already logged: bill key + meter. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    @Activate
    public FuelBillServiceImpl(@Reference RecordRegister register, @Reference EmissionWindowStore store,
            @Reference FactorCatalog catalog, @Reference Sites sites) {
        this(register, store, catalog, sites, Clock.systemUTC());
    }

    public FuelBillServiceImpl(RecordRegister register, EmissionWindowStore store, FactorCatalog catalog, Sites sites,
            Clock clock) {
        this.register = Objects.requireNonNull(register, "register");
        this.store = Objects.requireNonNull(store, "store");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.sites = Objects.requireNonNull(sites, "sites");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Result enter(FuelBill bill, String reason) {
        Objects.requireNonNull(bill, "bill");
        var site = site(bill.siteId(), bill.reference());
        var valid = BillInput.validate(bill, site.timeZone());
        var text = BillText.format(valid);
        var current = register.get(REGISTER, valid.key());
        Change change;
        ValidBill previous = null;
        String why;
        if (current.isEmpty()) {
            change = Change.ADDED;
            why = reason == null || reason.isBlank() ? ENTERED : reason.trim();
        } else if (current.get().text().equals(text)) {
            change = Change.UNCHANGED;
            why = ENTERED;
        } else {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("fuel bill '" + valid.key() + "' is stored (version "
                        + current.get().version() + ") with different content; a correction needs a reason"
                        + " (e.g. 'supplier re-issued the bill'); stored: " + oneLine(current.get().text()));
            }
            change = Change.CORRECTED;
            why = reason.trim();
            previous = BillText.parse(current.get().text(), valid.key());
        }
        // the windows are computed before anything is stored: a missing factor stores nothing
        var windows = windows(valid, site);
        if (previous != null) {
            windows.addAll(zeroed(previous, windows));
        }
        var record = change == Change.UNCHANGED ? current.get() : register.put(REGISTER, valid.key(), text, why);
        var written = store.storeWindows(windows, "fuel bill " + valid.key() + ": " + why);
        var warnings = doubleCounting(valid, site);
        if (change != Change.UNCHANGED) {
            LOG.info("fuel bill '{}' {} (version {}): {} {} {} {} .. {}, {} windows: {}", valid.key(),
                    change == Change.ADDED ? "entered" : "corrected", record.version(), valid.fuel(),
                    valid.quantity().toPlainString(), valid.unit(), valid.from(), valid.to(), windows.size(), why);
        }
        return new Result(describe(valid, record), change, written.added(), written.revised(), written.unchanged(),
                warnings);
    }

    @Override
    public List<FuelBillRecord> bills(String siteId) {
        var out = new ArrayList<FuelBillRecord>();
        for (var r : register.list(REGISTER)) {
            var b = BillText.parse(r.text(), r.key());
            if (siteId == null || siteId.isBlank() || b.siteId().equals(siteId.trim())) {
                out.add(describe(b, r));
            }
        }
        out.sort(Comparator.comparing(FuelBillRecord::siteId).thenComparing(FuelBillRecord::reference));
        return out;
    }

    @Override
    public Optional<FuelBillRecord> bill(String siteId, String reference) {
        return register.get(REGISTER, siteId + "/" + reference).map(r -> describe(BillText.parse(r.text(), r.key()),
                r));
    }

    @Override
    public List<FuelBillRecord> history(String siteId, String reference) {
        var out = new ArrayList<FuelBillRecord>();
        for (var r : register.history(REGISTER, siteId + "/" + reference)) {
            var b = BillText.parse(r.text(), r.key());
            out.add(new FuelBillRecord(b.siteId(), b.reference(), b.fuel(), b.from(), b.to(), b.quantity(), b.unit(),
                    b.supplier(), r.version(), r.ref(), b.meterId(), quantity(b), amountNano(b), 0, 0));
        }
        return out;
    }

    private Site site(String siteId, String reference) {
        if (siteId == null || siteId.isBlank()) {
            throw new IllegalArgumentException("fuel bill '" + reference + "': site is empty; expected a configured"
                    + " site id (" + known() + ")");
        }
        return sites.site(siteId).orElseThrow(() -> new IllegalArgumentException("fuel bill '" + siteId + "/"
                + reference + "': site = '" + siteId + "' is not configured; expected one of " + known()));
    }

    private String known() {
        var ids = sites.sites().stream().map(Site::id).sorted().toList();
        return ids.isEmpty() ? "no site is configured (org.gridprint.carbon.site)" : String.join(", ", ids);
    }

    static Quantity quantity(ValidBill b) {
        return b.energy() ? Quantity.THERMAL_ENERGY : Quantity.FUEL_VOLUME;
    }

    /** The billed quantity in nano-units of the window quantity's canonical unit (m3 or kWh), rounded once. */
    static long amountNano(ValidBill b) {
        var canonical = Units.toCanonicalAmount(b.quantity(), b.unit()).value();
        var nano = b.energy() ? ThermEnergy.thermsToNanoKwh(canonical)
                : canonical.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN);
        return nano.longValueExact();
    }

    /** The bill's SCOPE_1 DIRECT windows: UTC hours, exact shares, each priced with the factor valid at its start. */
    private List<EmissionWindow> windows(ValidBill b, Site site) {
        var quantity = quantity(b);
        var series = "fuel/" + b.fuel() + "/" + (b.energy() ? Units.THERM : Units.M3);
        var now = clock.instant();
        var out = new ArrayList<EmissionWindow>();
        var rates = new HashMap<Long, Co2eRate>();
        for (var share : ProRata.split(amountNano(b), b.from(), b.to(), WINDOW_MS)) {
            var selection = catalog.select(series, share.start(), site.gwpSet()).orElseThrow(() ->
                    new IllegalStateException("fuel bill '" + b.key() + "': no factor for series " + series + " at "
                            + share.start() + " (GWP set " + site.gwpSet() + "); nothing stored"));
            long ref = selection.ref();
            var factor = selection.factor();
            if (b.energy()) {
                factor = ThermEnergy.perKwh(factor);
                ref = catalog.register(factor);
            }
            var f = factor;
            var rate = rates.computeIfAbsent(ref, r -> new Co2eRate(f.gramsPerUnit()));
            var flags = selection.latestPublished() ? Set.of(WindowFlag.LATEST_PUBLISHED) : Set.<WindowFlag>of();
            out.add(new EmissionWindow(b.meterId(), b.siteId(), quantity, Scope.SCOPE_1, AccountingMethod.DIRECT,
                    share.start(), share.end(), share.amountNano(), rate.micrograms(share.amountNano()), ref, 0, 0,
                    Quality.ESTIMATED, flags, b.from(), b.to(), 1, now));
        }
        return out;
    }

    /** Windows of the previous version that the corrected bill no longer has: a new version holding 0. */
    private List<EmissionWindow> zeroed(ValidBill previous, List<EmissionWindow> now) {
        var keys = new java.util.HashSet<WindowKey>();
        now.forEach(w -> keys.add(w.key()));
        var out = new ArrayList<EmissionWindow>();
        var from = Instant.ofEpochMilli(Math.floorDiv(previous.from().toEpochMilli(), WINDOW_MS) * WINDOW_MS);
        store.scanWindows(new WindowQuery(from, previous.to(), Set.of(previous.meterId()), "", Optional.empty(),
                Optional.empty()), w -> {
                    if (!keys.contains(w.key()) && (w.amountNano() != 0 || w.co2eMicrograms() != 0)) {
                        out.add(new EmissionWindow(w.meterId(), w.siteId(), w.quantity(), w.scope(), w.method(),
                                w.start(), w.end(), 0, 0, w.factorRef(), 0, 0, w.quality(), w.flags(),
                                w.firstReading(), w.lastReading(), 1, clock.instant()));
                    }
                    return true;
                });
        return out;
    }

    /**
     * A fuel meter of the same site and fuel (the site's fuelSeries) with Scope 1 windows in the bill's period: both
     * count, so warn (logged once per bill and meter; returned every time).
     */
    private List<String> doubleCounting(ValidBill b, Site site) {
        var warnings = new ArrayList<String>();
        var from = Instant.ofEpochMilli(Math.floorDiv(b.from().toEpochMilli(), WINDOW_MS) * WINDOW_MS);
        for (var e : new java.util.TreeMap<>(site.fuelSeries()).entrySet()) {
            if (!e.getValue().startsWith("fuel/" + b.fuel() + "/")) {
                continue;
            }
            var found = new long[1];
            store.scanWindows(new WindowQuery(from, b.to(), Set.of(e.getKey()), "", Optional.of(Scope.SCOPE_1),
                    Optional.of(AccountingMethod.DIRECT)), w -> {
                        found[0] += w.amountNano() > 0 ? 1 : 0;
                        return found[0] == 0;
                    });
            if (found[0] > 0) {
                var warning = "fuel bill '" + b.key() + "' (" + b.fuel() + ", " + b.from() + " .. " + b.to()
                        + ") overlaps fuel meter '" + e.getKey() + "' of the same site and fuel, which has Scope 1"
                        + " windows in that period: both are counted (double-counting risk); keep one source for the"
                        + " period (correct the bill to the unmetered part, or remove the meter from fuelSeries)";
                warnings.add(warning);
                if (warned.add(b.key() + "\n" + e.getKey())) {
                    LOG.warn(warning);
                }
            }
        }
        return warnings;
    }

    private FuelBillRecord describe(ValidBill b, RegisterRecord r) {
        var sums = new long[2];
        var from = Instant.ofEpochMilli(Math.floorDiv(b.from().toEpochMilli(), WINDOW_MS) * WINDOW_MS);
        store.scanWindows(new WindowQuery(from, b.to(), Set.of(b.meterId()), "", Optional.of(Scope.SCOPE_1),
                Optional.of(AccountingMethod.DIRECT)), w -> {
                    if (w.quantity() == quantity(b) && w.amountNano() > 0) {
                        sums[0] += w.co2eMicrograms();
                        sums[1]++;
                    }
                    return true;
                });
        return new FuelBillRecord(b.siteId(), b.reference(), b.fuel(), b.from(), b.to(), b.quantity(), b.unit(),
                b.supplier(), r.version(), r.ref(), b.meterId(), quantity(b), amountNano(b), sums[0], (int) sums[1]);
    }

    private static String oneLine(String text) {
        return text.strip().replace('\n', ' ');
    }

}
