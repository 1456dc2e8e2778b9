package org.gridprint.carbon.intensity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.AlarmKind;
import org.gridprint.api.carbon.FactorCatalog;
import org.gridprint.api.carbon.FactorVersion;
import org.gridprint.api.carbon.IntensityPoint;
import org.gridprint.api.carbon.IntensityService;
import org.gridprint.api.carbon.IntensitySignal;
import org.gridprint.api.carbon.ProviderStatus;
import org.gridprint.api.carbon.SiteLocation;
import org.gridprint.api.store.IntensityStore;
import org.gridprint.api.store.RecordRegister;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sites' grid-intensity providers: polls each configured provider on its own period (back-off on failure, one
 * PROVIDER_UNAVAILABLE alarm per provider), stores the values through {@link IntensityStore} (so pricing and
 * recomputation never need the network), and answers {@link #averageFor} from stored values only, first-ranked
 * provider first, falling back to the next where the first has a gap. MARGINAL values are never returned by
 * {@link #averageFor}.
 */
@Component(service = IntensityService.class, immediate = true)
public class IntensityServiceImpl implements IntensityService {

    private static final Logger LOG = LoggerFactory.getLogger(IntensityServiceImpl.class);

    /** Longest wait after failures (or a Retry-After) before the next attempt. */
    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(6);

    @Reference
    private volatile IntensityStore store;
    @Reference
    private volatile RecordRegister register;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FactorCatalog catalog;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private final Map<IntensityProvider, ProviderState> states = new ConcurrentHashMap<>();
    private final Map<String, SiteLocation> locations = new ConcurrentHashMap<>();
    private volatile Clock clock = Clock.systemUTC();
    private volatile ScheduledExecutorService scheduler;
    private final ProviderAlarms alarms;
    private final StoredSeries series = new StoredSeries(() -> store, () -> clock);
    /** Delay of the first poll after a provider is bound or the component activated. */
    volatile Duration firstPollDelay = Duration.ofSeconds(5);

    /** For DS. */
    public IntensityServiceImpl() {
        this.alarms = new ProviderAlarms(() -> eventAdmin, () -> clock.instant());
    }

    /**
     * Plain wiring (tests, tools): nothing is polled on its own; call {@link #pollNow(String)}.
     *
     * @param catalog    may be null (then an eGRID subregion is checked by form only)
     * @param eventAdmin may be null
     */
    public IntensityServiceImpl(IntensityStore store, RecordRegister register, FactorCatalog catalog,
            EventAdmin eventAdmin, Clock clock) {
        this();
        this.store = store;
        this.register = register;
        this.catalog = catalog;
        this.eventAdmin = eventAdmin;
        this.clock = clock;
    }

    @Activate
    void activate() {
        var s = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "gridprint-intensity");
            t.setDaemon(true);
            return t;
        });
        scheduler = s;
        states.values().forEach(st -> schedule(st, firstPollDelay));
    }

    @Deactivate
    void deactivate() {
        var s = scheduler;
        scheduler = null;
        states.values().forEach(st -> st.closed = true);
        if (s != null) {
            // no interrupt: the poll thread may be inside the store (Derby closes an interrupted thread's
            // connection); a poll under way ends within its timeouts, scheduled ones are dropped
            s.shutdown();
            try {
                if (!s.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("intensity poll still under way after 30 s at deactivation; left to end on its own");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- providers ----

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, service = IntensityProvider.class)
    public void addProvider(IntensityProvider provider) {
        var config = provider.config();
        if (config == null) {
            return;
        }
        IntensityClient client = null;
        if (config instanceof ProviderConfig.Valid v) {
            var s = v.settings();
            client = switch (s.kind()) {
                case STATIC -> null;
                case FILE -> new FileSeriesClient(s);
                case WATTTIME -> new WattTimeClient(s, clock);
                case ELECTRICITY_MAPS -> new ElectricityMapsClient(s);
                case UK_CARBON_INTENSITY -> new UkCarbonIntensityClient(s);
            };
            LOG.info("intensity provider '{}' ({}, {}): site '{}', rank {}, region '{}', signal {}, poll every {} s",
                    s.id(), s.kind().label(), v.pid(), s.site(), s.rank(), s.region().isEmpty() ? "(site location)"
                            : s.region(), s.signal(), s.pollSeconds());
        } else if (config instanceof ProviderConfig.Invalid i) {
            var message = "intensity provider configuration not usable: " + i.message();
            alarms.raise("config:" + i.pid(), AlarmKind.CONFIG_ERROR, i.pid(), message);
        }
        var st = new ProviderState(provider, config, client);
        states.put(provider, st);
        checkDuplicates();
        if (client != null) {
            schedule(st, firstPollDelay);
        }
    }

    public void removeProvider(IntensityProvider provider) {
        var st = states.remove(provider);
        if (st == null) {
            return;
        }
        st.closed = true;
        var f = st.future;
        if (f != null) {
            f.cancel(false); // a poll under way ends by itself (timeouts); never interrupted
        }
        alarms.clear("config:" + st.config.pid());
        var s = st.settings();
        if (s != null) {
            alarms.clear("provider:" + s.id());
        }
        checkDuplicates();
    }

    /** Two configurations with one provider id would mix their stored values: neither is used until one is left. */
    private void checkDuplicates() {
        var byId = new HashMap<String, List<String>>();
        for (var st : states.values()) {
            var s = st.settings();
            if (s != null) {
                byId.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(st.config.pid());
            }
        }
        byId.forEach((id, pids) -> {
            if (pids.size() > 1) {
                pids.sort(null);
                alarms.raise("duplicate:" + id, AlarmKind.CONFIG_ERROR, pids.get(0), "intensity provider id '" + id
                        + "' is configured more than once (" + String.join(", ", pids) + "); neither is used until "
                        + "only one is left");
            } else {
                alarms.clear("duplicate:" + id);
            }
        });
    }

    private boolean usable(ProviderState st) {
        var s = st.settings();
        if (s == null || st.closed) {
            return false;
        }
        return states.values().stream().filter(o -> o != st && o.settings() != null)
                .noneMatch(o -> o.settings().id().equals(s.id()));
    }

    /**
     * The usable providers of a site in rank order (ties by id), AVERAGE ones first: a MARGINAL provider never
     * prices, so the first entry is the provider a window priced by another is a FALLBACK from.
     */
    private List<ProviderState> ranked(String siteId) {
        return states.values().stream().filter(this::usable)
                .filter(st -> siteId == null || siteId.isEmpty() || st.settings().site().equals(siteId))
                .sorted(Comparator.comparing((ProviderState st) -> st.settings().site())
                        .thenComparing(st -> st.settings().signal() == IntensitySignal.MARGINAL)
                        .thenComparingInt(st -> st.settings().rank()).thenComparing(st -> st.settings().id()))
                .toList();
    }

    private Optional<ProviderState> byId(String providerId) {
        return states.values().stream().filter(this::usable).filter(st -> st.settings().id().equals(providerId))
                .findFirst();
    }

    // ---- polling ----

    private void schedule(ProviderState st, Duration delay) {
        var s = scheduler;
        if (s == null || st.closed || st.client == null) {
            return;
        }
        synchronized (st) {
            st.nextPoll = clock.instant().plus(delay);
            try {
                st.future = s.schedule(() -> {
                    Duration next = Duration.ofSeconds(st.settings().pollSeconds());
                    try {
                        next = poll(st).nextDelay();
                        if (st.unexpectedLogged != null) {
                            LOG.info("intensity provider '{}': polls work again", st.settings().id());
                            st.unexpectedLogged = null;
                        }
                    } catch (Throwable t) { // the poll thread never dies; one ERROR per distinct failure, not per poll
                        if (!t.toString().equals(st.unexpectedLogged)) {
                            LOG.error("intensity provider '{}': poll failed unexpectedly", st.settings().id(), t);
                            st.unexpectedLogged = t.toString();
                        } else {
                            LOG.debug("intensity provider '{}': poll failed unexpectedly again: {}",
                                    st.settings().id(), t.toString());
                        }
                    } finally {
                        schedule(st, next);
                    }
                }, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    /** Polls a provider now (tests, a console command): same path as the scheduled poll. */
    public PollResult pollNow(String providerId) {
        var st = byId(providerId).orElseThrow(() -> new IllegalArgumentException("no usable intensity provider '"
                + providerId + "'; configured: " + ranked(null).stream().map(s -> s.settings().id()).toList()));
        if (st.client == null) {
            return new PollResult(0, 0, Optional.empty(), Duration.ofSeconds(st.settings().pollSeconds()));
        }
        return poll(st);
    }

    private PollResult poll(ProviderState st) {
        synchronized (st) {
            var s = st.settings();
            var now = clock.instant();
            var key = "provider:" + s.id();
            var region = regionOf(s);
            try {
                if (region.isEmpty()) {
                    throw new ProviderException(ProviderException.Cause.CONFIG, "intensity provider '" + s.id()
                            + "' (" + s.pid() + ") has no region: set 'region' or the site location of site '"
                            + s.site() + "' (gridprint:site-location)");
                }
                var points = st.client.fetch(now, region.get());
                var fresh = fresh(points);
                int stored = fresh.isEmpty() ? 0 : store.storeIntensity(fresh);
                if (stored > 0) {
                    series.invalidate(s.id());
                }
                st.failures = 0;
                st.lastSuccess = now;
                st.lastError = null;
                alarms.clear(key);
                var next = Duration.ofSeconds(s.pollSeconds());
                st.nextPoll = now.plus(next);
                LOG.debug("intensity provider '{}': {} values fetched, {} new", s.id(), points.size(), stored);
                return new PollResult(points.size(), stored, Optional.empty(), next);
            } catch (ProviderException e) {
                st.failures++;
                var next = backoff(st.failures, s.pollSeconds(), e.retryAfter());
                st.lastError = e.getMessage();
                st.nextPoll = now.plus(next);
                var kind = e.kind() == ProviderException.Cause.CONFIG ? AlarmKind.CONFIG_ERROR
                        : AlarmKind.PROVIDER_UNAVAILABLE;
                alarms.raise(key, kind, s.pid(), "intensity provider '" + s.id() + "' of site '" + s.site() + "' "
                        + (kind == AlarmKind.CONFIG_ERROR ? "cannot be polled" : "unavailable") + ", polls backed off "
                        + "(next attempt in " + next.toSeconds() + " s): " + e.getMessage());
                return new PollResult(0, 0, Optional.of(e.getMessage()), next);
            } catch (RuntimeException e) { // the store refused: try again at the next period
                st.failures++;
                var next = backoff(st.failures, s.pollSeconds(), Optional.empty());
                st.lastError = "values not stored: " + e.getMessage();
                st.nextPoll = now.plus(next);
                alarms.raise(key, AlarmKind.PROVIDER_UNAVAILABLE, s.pid(), "intensity provider '" + s.id()
                        + "': values could not be stored (next attempt in " + next.toSeconds() + " s): " + e);
                return new PollResult(0, 0, Optional.of(st.lastError), next);
            }
        }
    }

    /**
     * Delay after {@code failures} consecutive failures: the poll period doubled per failure, at most an hour (or the
     * poll period if longer), never shorter than the provider's Retry-After (taken up to 6 hours).
     */
    static Duration backoff(int failures, int pollSeconds, Optional<Duration> retryAfter) {
        long cap = Math.max(MAX_BACKOFF.toSeconds(), pollSeconds);
        long s = pollSeconds;
        for (int i = 0; i < failures && s < cap; i++) {
            s *= 2;
        }
        s = Math.min(s, cap);
        if (retryAfter.isPresent()) {
            s = Math.max(s, Math.min(retryAfter.get().toSeconds(), MAX_RETRY_AFTER.toSeconds()));
        }
        return Duration.ofSeconds(s);
    }

    /** The points that are not stored yet with the same content (a poll repeats most of what it fetched before). */
    private List<IntensityPoint> fresh(List<IntensityPoint> points) {
        var unique = new LinkedHashMap<String, IntensityPoint>();
        for (var p : points) {
            unique.put(p.region() + "|" + p.signal() + "|" + p.forecast() + "|" + p.start(), p);
        }
        var groups = new LinkedHashMap<String, List<IntensityPoint>>();
        for (var p : unique.values()) {
            groups.computeIfAbsent(p.region() + "|" + p.signal() + "|" + p.forecast(), k -> new ArrayList<>()).add(p);
        }
        var out = new ArrayList<IntensityPoint>();
        for (var g : groups.values()) {
            var first = g.get(0);
            var from = g.stream().map(IntensityPoint::start).min(Comparator.naturalOrder()).orElseThrow();
            var to = g.stream().map(IntensityPoint::start).max(Comparator.naturalOrder()).orElseThrow().plusMillis(1);
            var held = new HashMap<Instant, IntensityPoint>();
            var existing = first.forecast()
                    ? store.forecast(first.provider(), first.region(), first.signal(), from, to)
                    : store.intensity(first.provider(), first.region(), first.signal(), from, to);
            for (var e : existing) {
                if (e.forecast() == first.forecast()) {
                    held.put(e.start(), e);
                }
            }
            for (var p : g) {
                var e = held.get(p.start());
                if (e == null || !sameContent(e, p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static boolean sameContent(IntensityPoint a, IntensityPoint b) {
        return a.end().equals(b.end()) && a.value().compareTo(b.value()) == 0 && a.unit().equals(b.unit())
                && a.estimated() == b.estimated() && a.model().equals(b.model());
    }

    /** The region a provider's values are stored under: its own, else the one of its site's location. */
    Optional<String> regionOf(ProviderSettings s) {
        if (!s.region().isEmpty()) {
            return Optional.of(s.region());
        }
        var loc = location(s.site());
        return switch (s.kind()) {
            case WATTTIME -> loc.map(SiteLocation::wattTimeRegion).filter(r -> !r.isEmpty());
            case ELECTRICITY_MAPS -> {
                var em = (KindSettings.ElectricityMaps) s.details();
                if (em.latitude().isPresent()) {
                    yield Optional.of(ElectricityMapsClient.coordinatesRegion(em.latitude().get(),
                            em.longitude().get()));
                }
                var zone = loc.map(SiteLocation::zone).filter(z -> !z.isEmpty());
                if (zone.isPresent()) {
                    yield zone;
                }
                yield loc.filter(l -> l.latitude().isPresent()).map(l -> ElectricityMapsClient.coordinatesRegion(
                        l.latitude().get(), l.longitude().get()));
            }
            case UK_CARBON_INTENSITY -> Optional.of(loc.flatMap(SiteLocation::ukRegionId).map(String::valueOf)
                    .orElse("national"));
            case STATIC, FILE -> Optional.of(s.region());
        };
    }

    // ---- IntensityService ----

    /**
     * {@inheritDoc} Rank order with the AVERAGE providers first and the MARGINAL ones (what-if only) after them, so
     * the first of a site is the first-ranked provider that can price a window; providers that cannot serve
     * (bad or duplicate configuration) come last with the reason as {@code lastError}.
     */
    @Override
    public List<ProviderStatus> providers(String siteId) {
        var out = new ArrayList<ProviderStatus>();
        for (var st : ranked(siteId)) {
            var s = st.settings();
            var region = regionOf(s).orElse("");
            Optional<IntensityPoint> latest = Optional.empty();
            if (s.kind() != ProviderKind.STATIC && !region.isEmpty()) {
                try {
                    latest = store.latest(s.id(), region, s.signal());
                } catch (RuntimeException e) {
                    LOG.debug("latest value of provider '{}' not readable: {}", s.id(), e.toString());
                }
            }
            out.add(new ProviderStatus(s.site(), s.rank(), s.id(), s.kind().label(), region, s.signal(),
                    Optional.ofNullable(st.lastSuccess), Optional.ofNullable(st.lastError), latest,
                    Optional.ofNullable(st.client == null ? null : st.nextPoll)));
        }
        // not usable ones, so the operator sees why
        for (var st : states.values()) {
            if (usable(st)) {
                continue;
            }
            var s = st.settings();
            String site = s != null ? s.site() : ((ProviderConfig.Invalid) st.config).site();
            if (siteId != null && !siteId.isEmpty() && !site.equals(siteId)) {
                continue;
            }
            String id = s != null ? s.id() : ((ProviderConfig.Invalid) st.config).id();
            String kind = s != null ? s.kind().label() : ((ProviderConfig.Invalid) st.config).kind().label();
            String error = s != null ? "provider id '" + id + "' is configured more than once; not used"
                    : ((ProviderConfig.Invalid) st.config).message();
            out.add(new ProviderStatus(site, s != null ? s.rank() : 0, id, kind, s != null ? s.region() : "",
                    s != null ? s.signal() : IntensitySignal.AVERAGE, Optional.empty(), Optional.of(error),
                    Optional.empty(), Optional.empty()));
        }
        return out;
    }

    /** The id of the site's first-ranked AVERAGE provider: a window priced by any other is a FALLBACK. */
    public Optional<String> firstRanked(String siteId) {
        return ranked(siteId).stream().filter(st -> st.settings().signal() == IntensitySignal.AVERAGE)
                .map(st -> st.settings().id()).findFirst();
    }

    @Override
    public List<IntensityPoint> history(String siteId, String provider, Instant from, Instant to) {
        var out = new ArrayList<IntensityPoint>();
        for (var st : ranked(siteId)) {
            var s = st.settings();
            if ((provider != null && !provider.equals(s.id())) || s.kind() == ProviderKind.STATIC) {
                continue;
            }
            regionOf(s).ifPresent(r -> out.addAll(store.intensity(s.id(), r, s.signal(), from, to)));
        }
        out.sort(Comparator.comparing(IntensityPoint::start).thenComparing(IntensityPoint::provider));
        return out;
    }

    @Override
    public Optional<FactorVersion> averageFor(String siteId, Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window of site '" + siteId + "' must end after it starts: " + start
                    + " .. " + end);
        }
        for (var st : ranked(siteId)) {
            var s = st.settings();
            if (s.signal() != IntensitySignal.AVERAGE) {
                continue; // marginal never prices a window
            }
            if (s.kind() == ProviderKind.STATIC) {
                var st0 = (KindSettings.Static) s.details();
                if (!start.isBefore(st0.validFrom()) && !end.isAfter(st0.validTo())) {
                    return Optional.of(PointFactors.ofStatic(s));
                }
                continue;
            }
            var region = regionOf(s);
            if (region.isEmpty()) {
                continue;
            }
            var reach = s.resolution().isZero() ? Duration.ofDays(1) : s.resolution();
            var best = series.covering(s.id(), region.get(), start, end, reach);
            if (best.isPresent()) {
                return Optional.of(PointFactors.of(s, best.get()));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<java.time.Duration> resolution(String siteId) {
        return ranked(siteId).stream().filter(st -> st.settings().signal() == IntensitySignal.AVERAGE).findFirst()
                .map(st -> st.settings().resolution()).filter(d -> !d.isZero());
    }

    @Override
    public Optional<SiteLocation> location(String siteId) {
        var cached = locations.get(siteId);
        if (cached != null) {
            return Optional.of(cached);
        }
        var reg = register;
        if (reg == null) {
            return Optional.empty();
        }
        var loc = reg.get(SiteLocations.REGISTER, siteId).map(r -> SiteLocations.parse(r.text()));
        loc.ifPresent(l -> locations.put(siteId, l));
        return loc;
    }

    @Override
    public SiteLocation setLocation(SiteLocation location) {
        var cat = catalog;
        SiteLocations.validate(location, Optional.ofNullable(cat).map(c -> sub -> c.factors(sub).stream()
                .anyMatch(f -> f.region().equals(sub) && f.id().contains("subregion"))));
        register.put(SiteLocations.REGISTER, location.siteId(), SiteLocations.text(location), "site location set");
        var stored = SiteLocations.parse(SiteLocations.text(location));
        locations.put(location.siteId(), stored);
        LOG.info("site '{}': location {}", location.siteId(), SiteLocations.text(location).replace('\n', ' ').strip());
        return stored;
    }

    /** For tests: whether a provider's unavailable alarm is active. */
    boolean alarmActive(String providerId) {
        return alarms.isActive("provider:" + providerId);
    }
}
