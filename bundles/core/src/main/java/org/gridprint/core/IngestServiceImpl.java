package org.gridprint.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.EventKeys;
import org.gridprint.api.IngestOutcome;
import org.gridprint.api.IngestResult;
import org.gridprint.api.IngestService;
import org.gridprint.api.IngestStatistics;
import org.gridprint.api.LedgerEntry;
import org.gridprint.api.MeterRegistry;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.Topics;
import org.gridprint.api.store.ReadingStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
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
 * The one way into Gridprint for readings.
 *
 * <p>{@link #submit} validates every reading (finite value, declared meter, usable source, timestamp not before
 * {@code earliestTimestamp} nor too far in the future, no negative counter), hands everything valid to ONE
 * {@link ReadingStore#append} call (one durable transaction), merges the outcomes back in the submitted order and
 * posts events:
 * <ul>
 * <li>{@link Topics#READINGS_STORED} once per batch with accepted readings (keys BATCH_ID Long, SOURCE String,
 * METER_IDS String[] distinct and sorted, FROM/TO Long epoch millis of the accepted readings, COUNT Integer =
 * accepted readings, LEDGER_HASH String);</li>
 * <li>{@code gridprint/alarms/CONFLICT}, {@code INVALID_READING} and {@code NEGATIVE_VALUE} at most once each
 * per batch (keys ALARM_KIND, MESSAGE, TIMESTAMP, SOURCE, METER_IDS, COUNT).</li>
 * </ul>
 *
 * <p><b>Store failures.</b> If {@code append} throws, {@code submit} throws an {@link IllegalStateException}
 * (the store's exception as cause) naming the source, with the same text for every batch while the store's
 * condition lasts (no batch size in it, so a driver can log it once). The store commits a batch all or nothing,
 * so nothing of that batch was stored: the driver keeps its readings and submits them again later; the
 * resubmission is safe because storage is idempotent. No READINGS_STORED event is posted for a failed batch. The
 * condition is logged and alarmed once when it starts (ERROR, {@code gridprint/alarms/STORE_UNAVAILABLE} with
 * source {@code ingest} and ALARM_STATE RAISED) and once when the store takes a batch again (INFO, CLEARED, COUNT =
 * batches refused meanwhile); the refused batches in between are counted, not logged.
 * Invalid input that is the caller's fault (null source or batch, a null element, a batch larger than
 * {@code maxBatchSize}) throws {@link NullPointerException} / {@link IllegalArgumentException} before anything
 * is stored.
 *
 * <p><b>Events.</b> Posted asynchronously with {@link EventAdmin#postEvent} after the commit, so the driver's
 * poll thread never waits for handlers. Handlers must still return quickly: Felix EventAdmin
 * ({@code org.apache.felix.eventadmin.Timeout}, 5000 ms by default) puts a handler that exceeds the timeout on
 * its deny list and it receives no further events. Carbon and other heavy consumers therefore hand the work to
 * their own thread; the distribution sets the timeout deliberately.
 *
 * <p>Thread-safe: drivers may submit concurrently (the store serialises its transactions).
 */
@Designate(ocd = IngestConfig.class)
@Component(service = IngestService.class, configurationPid = IngestServiceImpl.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public class IngestServiceImpl implements IngestService {

    public static final String PID = "org.gridprint.ingest";
    /** Largest number of readings quoted in one alarm message. */
    static final int MESSAGE_SAMPLES = 5;

    private static final Logger LOG = LoggerFactory.getLogger(IngestServiceImpl.class);

    @Reference
    private volatile ReadingStore store;
    @Reference
    private volatile MeterRegistry meters;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private final Clock clock;
    private volatile IngestSettings settings = IngestSettings.defaults();

    private final IngestTotals totals = new IngestTotals();
    private final StoreFailures storeFailures = new StoreFailures();

    /** For Declarative Services: the references are injected, the system UTC clock is used. */
    public IngestServiceImpl() {
        this.clock = Clock.systemUTC();
    }

    /**
     * For hand wiring (tests, benchmarks), with default settings.
     *
     * @param eventAdmin may be null: then no events are posted
     */
    public IngestServiceImpl(ReadingStore store, MeterRegistry meters, Clock clock, EventAdmin eventAdmin) {
        this(store, meters, clock, eventAdmin, IngestSettings.defaults());
    }

    public IngestServiceImpl(ReadingStore store, MeterRegistry meters, Clock clock, EventAdmin eventAdmin,
            IngestSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.eventAdmin = eventAdmin;
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Activate
    @Modified
    void activate(IngestConfig config) {
        try {
            settings = IngestSettings.from(config);
            LOG.info("ingest: max future skew {} s, max batch size {}, negative power alarm {}, earliest timestamp {}",
                    settings.maxFutureSkew().toSeconds(), settings.maxBatchSize(), settings.negativePowerAlarm(),
                    settings.earliestTimestamp());
        } catch (RuntimeException e) {
            // a bad ingest config must not stop ingest: keep the previous (or default) settings.
            // IllegalArgumentException comes from IngestSettings (names field and value); anything else is
            // the component runtime failing to convert a value (e.g. maxBatchSize = abc).
            var message = e instanceof IllegalArgumentException ? e.getMessage()
                    : PID + ": invalid configuration (" + e.getMessage() + "); expected maxFutureSkewSeconds a "
                            + "whole number 0.." + IngestSettings.MAX_FUTURE_SKEW_SECONDS + ", maxBatchSize a whole "
                            + "number >= 1, negativePowerAlarm true or false, earliestTimestamp an ISO-8601 UTC "
                            + "instant";
            LOG.error("{}; keeping max future skew {} s, max batch size {}", message,
                    settings.maxFutureSkew().toSeconds(), settings.maxBatchSize());
            Alarms.post(eventAdmin, Alarm.of(AlarmKind.CONFIG_ERROR, message, clock.instant()));
        }
    }

    @Override
    public IngestResult submit(String source, List<Reading> batch) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(batch, "batch");
        ReadingValidator.sourceProblem(source).ifPresent(problem -> {
            throw new IllegalArgumentException("batch source " + problem + "; expected "
                    + ReadingValidator.SOURCE_EXPECTED + "; nothing of the batch was stored");
        });
        var current = settings;
        if (batch.size() > current.maxBatchSize()) {
            throw new IllegalArgumentException("batch from " + source + " has " + batch.size()
                    + " readings; expected at most " + current.maxBatchSize() + " (" + PID + " maxBatchSize)");
        }
        var now = clock.instant();
        totals.batchSubmitted(now);
        if (batch.isEmpty()) {
            return new IngestResult(List.of(), Optional.empty());
        }
        var registry = meters;
        var readingStore = store;
        if (registry == null || readingStore == null) {
            throw new IllegalStateException("ingest is not ready: " + (readingStore == null ? "no ReadingStore" : "no MeterRegistry")
                    + " service; nothing of the batch from " + source + " was stored, submit it again later");
        }
        var validator = new ReadingValidator(registry, current);
        var outcomes = new IngestOutcome[batch.size()];
        var valid = new ArrayList<Reading>(batch.size());
        var validIndex = new int[batch.size()];
        var rejected = new ArrayList<IngestOutcome.Invalid>();
        var negativePower = new ArrayList<Reading>();
        for (int i = 0; i < batch.size(); i++) {
            var reading = batch.get(i);
            if (reading == null) {
                throw new NullPointerException("batch from " + source + ": reading #" + i + " is null");
            }
            var reason = validator.check(reading, now);
            if (reason.isPresent()) {
                var outcome = new IngestOutcome.Invalid(reading, reason.get());
                outcomes[i] = outcome;
                rejected.add(outcome);
            } else {
                validIndex[valid.size()] = i;
                valid.add(reading);
                // a reading its source already flagged SUSPECT was alarmed there, once per condition (the driver
                // toolkit's alarm hygiene): no second alarm and WARN line for every batch here
                if (current.negativePowerAlarm() && reading.quantity() == Quantity.ACTIVE_POWER
                        && reading.value() < 0 && reading.quality() != org.gridprint.api.Quality.SUSPECT) {
                    negativePower.add(reading);
                }
            }
        }

        Optional<LedgerEntry> ledgerEntry = Optional.empty();
        if (!valid.isEmpty()) {
            ReadingStore.StoreResult stored;
            try {
                stored = readingStore.append(source, valid);
            } catch (RuntimeException e) {
                totals.storeFailed();
                storeFailures.refused(source, e, now, this::post);
                // the same text for every batch while the condition lasts, so a driver can log it once
                throw new IllegalStateException("the reading store refused the batch from " + source + " ("
                        + e.getMessage() + "); nothing of this batch was stored, keep the readings and submit them "
                        + "again", e);
            }
            storeFailures.stored(now, this::post);
            if (stored == null || stored.outcomes().size() != valid.size()) {
                totals.storeFailed();
                throw new IllegalStateException("the reading store returned "
                        + (stored == null ? "no result" : stored.outcomes().size() + " outcomes")
                        + " for " + valid.size() + " readings from " + source
                        + "; expected one outcome per reading");
            }
            for (int j = 0; j < valid.size(); j++) {
                outcomes[validIndex[j]] = stored.outcomes().get(j);
            }
            ledgerEntry = stored.ledgerEntry();
        }

        var result = new IngestResult(Arrays.asList(outcomes), ledgerEntry);
        totals.outcomes(result.accepted(), result.duplicates(), result.conflicts(), rejected.size());
        publishEvents(source, result, rejected, negativePower, now);
        return result;
    }

    /**
     * Totals since start: batches (also empty and failed ones; {@code lastBatchAt} from this service's clock),
     * readings accepted, duplicate, conflicting and invalid, and batches whose store append failed. Thread-safe;
     * the counters are one consistent snapshot.
     */
    @Override
    public IngestStatistics statistics() {
        return totals.snapshot();
    }

    private void publishEvents(String source, IngestResult result, List<IngestOutcome.Invalid> rejected,
            List<Reading> negativePower, Instant now) {
        var acceptedReadings = result.outcomes().stream().filter(IngestOutcome.Accepted.class::isInstance)
                .map(IngestOutcome::reading).toList();
        if (!acceptedReadings.isEmpty()) {
            post(storedEvent(source, acceptedReadings, result.ledgerEntry()));
        }
        var conflicting = result.outcomes().stream().filter(IngestOutcome.Conflict.class::isInstance)
                .map(IngestOutcome.Conflict.class::cast).toList();
        if (!conflicting.isEmpty()) {
            var message = summary(conflicting.size() + " conflicting reading(s) from " + source
                    + " quarantined, stored values kept", conflicting,
                    IngestServiceImpl::describeConflict);
            LOG.warn(message);
            post(alarm(AlarmKind.CONFLICT, message, source, conflicting.stream().map(IngestOutcome::reading).toList(), now));
        }
        if (!rejected.isEmpty()) {
            var message = summary(rejected.size() + " invalid reading(s) from " + source + " rejected", rejected,
                    IngestOutcome.Invalid::reason);
            LOG.warn(message);
            post(alarm(AlarmKind.INVALID_READING, message, source, rejected.stream().map(IngestOutcome::reading).toList(), now));
        }
        if (!negativePower.isEmpty()) {
            var message = summary(negativePower.size() + " negative ACTIVE_POWER reading(s) from " + source
                    + " stored; a current transformer may be clamped backwards", negativePower,
                    r -> "meter " + r.meterId() + " at " + r.timestamp() + ": " + r.value() + " kW");
            LOG.warn(message);
            post(alarm(AlarmKind.NEGATIVE_VALUE, message, source, negativePower, now));
        }
    }

    static Event storedEvent(String source, List<Reading> acceptedReadings, Optional<LedgerEntry> ledgerEntry) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (var r : acceptedReadings) {
            from = Math.min(from, r.timestamp().toEpochMilli());
            to = Math.max(to, r.timestamp().toEpochMilli());
        }
        var props = new HashMap<String, Object>();
        props.put(EventKeys.SOURCE, source);
        props.put(EventKeys.METER_IDS, meterIds(acceptedReadings));
        props.put(EventKeys.FROM, from);
        props.put(EventKeys.TO, to);
        props.put(EventKeys.COUNT, acceptedReadings.size());
        ledgerEntry.ifPresent(e -> {
            props.put(EventKeys.BATCH_ID, e.batchId());
            props.put(EventKeys.LEDGER_HASH, e.hash());
        });
        return new Event(Topics.READINGS_STORED, props);
    }

    /** Our own words, plus the store's reason when it adds something (it may already say it all). */
    static String describeConflict(IngestOutcome.Conflict c) {
        var r = c.reading();
        var text = "meter " + r.meterId() + " " + r.quantity() + " at " + r.timestamp() + ": stored "
                + c.storedValue() + ", received " + r.value();
        var reason = c.reason();
        if (reason == null || reason.isBlank() || reason.contains(r.meterId())) {
            return text;
        }
        return text + " (" + reason + ")";
    }

    private static Alarm alarm(AlarmKind kind, String message, String source, List<Reading> readings, Instant now) {
        return Alarm.of(kind, message, now).withSource(source).withMeterIds(List.of(meterIds(readings)))
                .with(EventKeys.COUNT, readings.size());
    }

    private static String[] meterIds(List<Reading> readings) {
        return readings.stream().map(Reading::meterId).sorted().distinct().toArray(String[]::new);
    }

    private static <T> String summary(String head, List<T> items, Function<T, String> describe) {
        var lines = new LinkedHashSet<String>();
        for (var item : items) {
            if (lines.size() == MESSAGE_SAMPLES) {
                break;
            }
            lines.add(describe.apply(item));
        }
        var more = items.size() > MESSAGE_SAMPLES ? "; ... and " + (items.size() - MESSAGE_SAMPLES) + " more" : "";
        return head + ": " + String.join("; ", lines) + more;
    }

    private void post(Event event) {
        Alarms.post(eventAdmin, event);
    }

    private void post(Alarm alarm) {
        Alarms.post(eventAdmin, alarm);
    }
}
