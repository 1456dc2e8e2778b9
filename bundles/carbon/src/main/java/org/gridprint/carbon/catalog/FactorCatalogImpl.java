package org.gridprint.carbon.catalog;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.store.RecordRegister;
import org.gridprint.api.store.RegisterRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The effective-dated factor catalog: the shipped factors ({@link ShippedFactors}) plus the operator's files in
 * {@code ${karaf.etc}/gridprint/factors/*.csv} ({@link OperatorFactors}), re-read every {@code scanSeconds}.
 * A factor a window uses is registered in the {@link RecordRegister} register {@code factor} (key = id, text =
 * {@link FactorText}); the ref is what the window keeps, and {@link #byRef} reads any ref back from the register,
 * also one written by another process or before a restart.
 *
 * <p>For the console ({@code gridprint:factors [filter]}): {@link #factors(String)} lists every catalog factor
 * (shipped and operator; not the intensity-derived ones, which only exist in the register) with its provenance
 * ({@code source}, {@code edition}, {@code provider}) and effective dates ({@code validFrom}/{@code validTo}:
 * {@link Instant#MIN}/{@link Instant#MAX} mean open, print them as such), {@link #policy()} the edition policy,
 * {@link #problems()} the operator files' current problems. Compare decimals with {@code compareTo}.
 */
@Designate(ocd = FactorCatalogImpl.Config.class)
@Component(name = FactorCatalogImpl.PID, service = FactorCatalog.class, immediate = true,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class FactorCatalogImpl implements FactorCatalog {

    public static final String PID = "org.gridprint.carbon.factors";
    /** Below {@code ${karaf.etc}}. */
    public static final String ETC_SUBDIR = "gridprint/factors";
    static final int CACHE_ENTRIES = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(FactorCatalogImpl.class);

    @ObjectClassDefinition(name = "Gridprint factor catalog",
            description = "Operator factor files (supplier-specific, residual mix, other grids) beside the shipped "
                    + "eGRID and fuel factors")
    public @interface Config {
        @AttributeDefinition(description = "Directory of operator factor files (*.csv); empty: "
                + "${karaf.etc}/gridprint/factors")
        String directory() default "";

        @AttributeDefinition(description = "Seconds between two looks at the directory (1..3600)")
        int scanSeconds() default 10;
    }

    @Reference
    private RecordRegister register;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private final List<CatalogIndex.Draft> shipped = ShippedFactors.load();
    private volatile CatalogIndex index = CatalogIndex.build(shipped);
    private volatile OperatorDirectory operators;
    private final Map<Path, List<String>> problems = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Map<String, Long> refByText = lru();
    /** Refs of catalog factors, kept across index rebuilds (bounded by the catalog's size). */
    private final Map<FactorVersion, Long> catalogRefs = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Long, FactorVersion> factorByRef = lru();
    private ScheduledExecutorService scanner;
    private Clock clock = Clock.systemUTC();

    /** For DS. */
    public FactorCatalogImpl() {
    }

    /**
     * Without OSGi (tests, benchmarks): the shipped factors and, if {@code operatorDir} is not null, the operator
     * files there (read now; {@link #rescan()} reads again).
     */
    public FactorCatalogImpl(RecordRegister register, Path operatorDir, EventAdmin eventAdmin) {
        this.register = Objects.requireNonNull(register, "register");
        this.eventAdmin = eventAdmin;
        if (operatorDir != null) {
            operators = new OperatorDirectory(operatorDir, this::problemsChanged);
            rescan();
        }
    }

    @Activate
    void activate(Config config) {
        int seconds = config.scanSeconds();
        if (seconds < 1 || seconds > 3600) {
            configError("scanSeconds = '" + seconds + "': expected a whole number of seconds from 1 to 3600; using 10");
            seconds = 10;
        }
        Path dir = null;
        var configured = config.directory() == null ? "" : config.directory().trim();
        if (!configured.isEmpty()) {
            try {
                dir = Path.of(configured);
            } catch (RuntimeException e) {
                configError("directory = '" + configured + "': expected a directory path (" + e.getMessage()
                        + "); using the default");
            }
        }
        if (dir == null) {
            var etc = System.getProperty("karaf.etc");
            dir = etc == null ? null : Path.of(etc).resolve(ETC_SUBDIR);
        }
        if (dir == null) {
            LOG.info("factor catalog: {} factors shipped; no operator factor directory (karaf.etc not set)",
                    index.all().size());
            return;
        }
        operators = new OperatorDirectory(dir, this::problemsChanged);
        rescan();
        LOG.info("factor catalog: {} factors ({} from operator files in {}), looking every {} s", index.all().size(),
                operators.drafts().size(), dir, seconds);
        scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "gridprint-factors");
            t.setDaemon(true);
            return t;
        });
        scanner.scheduleWithFixedDelay(this::rescanQuietly, seconds, seconds, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        if (scanner != null) {
            scanner.shutdownNow();
        }
    }

    /** Reads the operator files again (if configured); true if the catalog changed. */
    public synchronized boolean rescan() {
        var dir = operators;
        if (dir == null || !dir.scan()) {
            return false;
        }
        var all = new ArrayList<>(shipped);
        all.addAll(dir.drafts());
        try {
            index = CatalogIndex.build(all);
        } catch (IllegalArgumentException e) {
            LOG.error("operator factors in {} not applied: {}", dir.dir(), e.getMessage());
            return false;
        }
        LOG.info("factor catalog: {} factors, {} from operator files in {}", index.all().size(),
                dir.drafts().size(), dir.dir());
        return true;
    }

    private void rescanQuietly() {
        try {
            rescan();
        } catch (RuntimeException e) {
            LOG.error("operator factor files could not be read: {}", e.toString(), e);
        }
    }

    /** The current problems of the operator files, by file (empty: none). */
    public Map<Path, List<String>> problems() {
        return Map.copyOf(problems);
    }

    private void problemsChanged(Path file, List<String> now) {
        var before = problems.get(file);
        if (now.isEmpty()) {
            problems.remove(file);
            if (before != null) {
                LOG.info("operator factor file {}: problems resolved", file);
                postAlarm(file, "operator factor file " + file + ": problems resolved", EventKeys.CLEARED);
            }
            return;
        }
        problems.put(file, now);
        LOG.error("operator factor file {} is not used ({} problem(s); factors it gave earlier stay in use):\n  {}",
                file, now.size(), String.join("\n  ", now));
        if (before == null) {
            postAlarm(file, now.get(0) + (now.size() > 1 ? " (and " + (now.size() - 1) + " more)" : ""),
                    EventKeys.RAISED);
        }
    }

    private void configError(String message) {
        LOG.error("{}: {}", PID, message);
        post(Alarm.of(AlarmKind.CONFIG_ERROR, PID + ": " + message, clock.instant()).withSource(PID));
    }

    private void postAlarm(Path file, String message, String state) {
        post(Alarm.of(AlarmKind.CONFIG_ERROR, message, clock.instant()).withSource(file.toString())
                .with(EventKeys.ALARM_STATE, state));
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

    @Override
    public List<FactorVersion> factors(String filter) {
        var f = filter == null ? "" : filter.toLowerCase(Locale.ROOT);
        var out = new ArrayList<FactorVersion>();
        for (var v : index.all()) {
            if (f.isEmpty() || contains(v.id(), f) || contains(v.region(), f) || contains(v.edition(), f)
                    || contains(v.source(), f)) {
                out.add(v);
            }
        }
        return out;
    }

    private static boolean contains(String text, String lowerFilter) {
        return text.toLowerCase(Locale.ROOT).contains(lowerFilter);
    }

    @Override
    public Optional<FactorVersion> factor(String id) {
        var f = index.byId(id);
        if (f.isPresent()) {
            return f;
        }
        return register.get(FactorText.REGISTER, id).map(this::parse);
    }

    @Override
    public Optional<FactorVersion> byRef(long ref) {
        var cached = factorByRef.get(ref);
        if (cached != null) {
            return Optional.of(cached);
        }
        var record = register.byRef(ref);
        if (record.isEmpty() || !record.get().register().equals(FactorText.REGISTER)) {
            return Optional.empty();
        }
        var f = parse(record.get());
        factorByRef.put(ref, f);
        return Optional.of(f);
    }

    private FactorVersion parse(RegisterRecord r) {
        try {
            return FactorText.parse(r.text(), "register " + r.register() + " ref " + r.ref() + " (key " + r.key()
                    + ", version " + r.version() + ")");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + " — the record is not a factor text; run gridprint:verify",
                    e);
        }
    }

    /**
     * @throws IllegalArgumentException a {@code gwpSet} other than AR4, AR5, AR6 (naming it)
     * @throws IllegalStateException    the register cannot take the factor now (its message)
     */
    @Override
    public Optional<Selection> select(String series, Instant at, String gwpSet) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(at, "at");
        var pick = index.pick(series, at, GwpSets.normalize(gwpSet));
        if (pick.isEmpty()) {
            return Optional.empty();
        }
        var entry = pick.get().entry();
        long ref = entry.ref;
        if (ref == 0) {
            var known = catalogRefs.get(entry.factor);
            ref = known != null ? known : register(entry.factor);
            catalogRefs.put(entry.factor, ref);
            entry.ref = ref;
        }
        return Optional.of(new Selection(entry.factor, ref, pick.get().latestPublished()));
    }

    @Override
    public long register(FactorVersion factor) {
        var text = FactorText.format(factor);
        var ref = refByText.get(text);
        if (ref != null) {
            return ref;
        }
        var record = register.put(FactorText.REGISTER, factor.id(), text, "factor version used for pricing (provider "
                + (factor.provider().isEmpty() ? "-" : factor.provider()) + ", " + factor.edition() + ")");
        if (!record.text().equals(text)) {
            throw new IllegalStateException("register " + FactorText.REGISTER + " key " + factor.id()
                    + " answered a different text for ref " + record.ref());
        }
        refByText.put(text, record.ref());
        factorByRef.put(record.ref(), FactorText.canonical(factor));
        return record.ref();
    }

    @Override
    public String policy() {
        return """
                Grid factors (eGRID): a window uses the edition for its consumption year (UTC): eGRID2022 for 2022, \
                eGRID2023rev2 for 2023. A consumption year without an edition uses the latest published edition \
                (from 2024 on: eGRID2023rev2; a year before 2022: the earliest shipped edition, eGRID2022), and the \
                window is flagged LATEST_PUBLISHED. The policy is applied per series: eGRID2022 is the only edition \
                of state rates, so state rates for 2023 on are flagged too; PRMS has no eGRID2022 loss (published \
                as 0.0 = unknown), so its 2022 loss is eGRID2023rev2's, flagged.
                CO2e and GWP sets: AR4 uses eGRID's CO2e as published (AR4-consistent; gwpSet "AR4 (as published)"). \
                AR5 and AR6 recompute CO2 + CH4 x GWP + N2O x GWP from the edition's CO2, CH4 and N2O rates (ids \
                ending /AR5, /AR6); eGRID2023rev2 gives no CH4/N2O, so AR5 and AR6 use its published CO2e and say so \
                (gwpSet "AR4 (as published)"). Fuels (EPA GHG Emission Factors Hub 2024 Table 1): CO2 + CH4 x GWP + \
                N2O x GWP with the site's set, CH4 non-fossil (AR4 25, AR5 28, AR6 27.0) because the CO2 factors \
                already count the fuel's whole carbon; fuel factors are not year-specific (no flag).
                Operator factors (etc/gridprint/factors/*.csv) apply within their validFrom..validTo only, as given.
                Marginal rates never price a window.""";
    }

    /** For tests: a fixed clock for alarm times. */
    void clock(Clock c) {
        this.clock = c;
    }

    private static <K, V> Map<K, V> lru() {
        return java.util.Collections.synchronizedMap(new LinkedHashMap<K, V>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > CACHE_ENTRIES;
            }
        });
    }
}
