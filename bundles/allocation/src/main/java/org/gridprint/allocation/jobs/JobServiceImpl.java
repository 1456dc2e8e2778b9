package org.gridprint.allocation.jobs;

import java.io.Reader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.gridprint.api.MeterRegistry;
import org.gridprint.api.allocation.ItemError;
import org.gridprint.api.allocation.Job;
import org.gridprint.api.allocation.JobReport;
import org.gridprint.api.allocation.JobReportService;
import org.gridprint.api.allocation.JobService;
import org.gridprint.api.allocation.JobStamp;
import org.gridprint.api.allocation.SubmitReport;
import org.gridprint.api.store.EmissionWindowStore;
import org.gridprint.api.store.RecordRegister;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Production jobs: stamps kept in the ledgered register {@value JobText#REGISTER} (key = job id, START = version 1,
 * STOP = version 2, compare-and-set so two writers never lose a stamp), checked by {@link StampRules}; reports split
 * the machines' windows by {@link JobSplit}. In a batch the START stamps are applied before the STOP stamps (each in
 * the order given), so a file may list a job's stop before its start.
 */
@Component(service = {JobService.class, JobReportService.class}, immediate = true)
public class JobServiceImpl implements JobService, JobReportService {

    private static final Logger LOG = LoggerFactory.getLogger(JobServiceImpl.class);
    /** Attempts of a compare-and-set write before the stamp is refused as contended. */
    private static final int CAS_ATTEMPTS = 3;

    @Reference
    private volatile RecordRegister register;
    @Reference
    private volatile MeterRegistry meters;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EmissionWindowStore windows;

    private final Clock clock;

    /** For DS. */
    public JobServiceImpl() {
        this.clock = Clock.systemUTC();
    }

    /** Plain wiring (tests, tools). */
    public JobServiceImpl(RecordRegister register, MeterRegistry meters, EmissionWindowStore windows, Clock clock) {
        this.register = Objects.requireNonNull(register, "register");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.windows = windows;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Activate
    void activate() {
        LOG.info("production jobs: stamps in register '{}', reports from the machines' Scope 2 windows",
                JobText.REGISTER);
    }

    @Override
    public SubmitReport submit(List<JobStamp> stamps) {
        Objects.requireNonNull(stamps, "stamps");
        if (stamps.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a batch of " + stamps.size() + " job stamps; expected at most "
                    + MAX_BATCH + " per call (split it); nothing was stored");
        }
        var numbered = new ArrayList<Numbered>();
        var errors = new ArrayList<ItemError>();
        for (int i = 0; i < stamps.size(); i++) {
            var s = stamps.get(i);
            if (s == null) {
                errors.add(new ItemError(i, "stamp " + i, "", "the stamp is null; expected a job stamp"));
            } else {
                numbered.add(new Numbered(i, s));
            }
        }
        return apply(numbered, errors, "");
    }

    @Override
    public SubmitReport submitCsv(String fileName, Reader csv) {
        Objects.requireNonNull(csv, "csv");
        var name = fileName == null || fileName.isBlank() ? "(unnamed)" : fileName;
        var parsed = JobCsv.parse(name, csv);
        var numbered = new ArrayList<Numbered>();
        for (var s : parsed.stamps()) {
            numbered.add(new Numbered(s.line(), s.stamp()));
        }
        var report = apply(numbered, new ArrayList<>(parsed.errors()), "line ");
        LOG.info("job stamps of {}: {} stored, {} already there, {} refused", name, report.accepted(),
                report.duplicates(), report.errors().size());
        return report;
    }

    private record Numbered(int index, JobStamp stamp) {
    }

    /** @param linePrefix {@code "line "} for a file (the index is a line number), empty for a batch */
    private SubmitReport apply(List<Numbered> stamps, List<ItemError> errors, String linePrefix) {
        var reg = Objects.requireNonNull(register, "register");
        var registry = Objects.requireNonNull(meters, "meters");
        var ordered = new ArrayList<>(stamps);
        ordered.sort(Comparator.comparing((Numbered n) -> n.stamp().kind()));
        int accepted = 0;
        int duplicates = 0;
        for (var n : ordered) {
            var s = n.stamp();
            var item = (linePrefix.isEmpty() ? "" : linePrefix + n.index() + ": ") + "job "
                    + StampRules.shorten(s.jobId()) + " " + s.kind().name().toLowerCase(Locale.ROOT);
            try {
                var outcome = applyOne(reg, registry, s);
                if (outcome instanceof StampDecision.Store) {
                    accepted++;
                } else if (outcome instanceof StampDecision.Duplicate) {
                    duplicates++;
                } else if (outcome instanceof StampDecision.Refused r) {
                    errors.add(new ItemError(n.index(), item, r.field(), r.reason()));
                }
            } catch (IllegalStateException | IllegalArgumentException e) {
                errors.add(new ItemError(n.index(), item, "", "not stored: " + e.getMessage()));
            }
        }
        errors.sort(Comparator.comparingInt(ItemError::index));
        return new SubmitReport(accepted, duplicates, errors);
    }

    private StampDecision applyOne(RecordRegister reg, MeterRegistry registry, JobStamp s) {
        StampDecision decision = null;
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            boolean usableKey = !s.jobId().isBlank() && s.jobId().length() <= RecordRegister.MAX_NAME_CHARS
                    && !org.gridprint.allocation.bills.RecordText.hasBreak(s.jobId());
            var current = !usableKey ? Optional.<JobText.StoredJob>empty() : reg.get(JobText.REGISTER, s.jobId())
                    .map(r -> JobText.parse(r.text(), r.key(), r.version(), r.ref()));
            decision = StampRules.decide(s, current, id -> registry.meter(id).isPresent());
            if (!(decision instanceof StampDecision.Store st)) {
                return decision;
            }
            var text = JobText.format(st.job(), st.startSource(), st.stopSource());
            var reason = (s.kind() == JobStamp.Kind.START ? "start" : "stop") + " stamp"
                    + (s.source().isEmpty() ? "" : " from " + s.source());
            if (reg.putIfVersion(JobText.REGISTER, s.jobId(), text, reason, st.expectedVersion()).isPresent()) {
                return decision;
            }
        }
        return new StampDecision.Refused("job", "job " + s.jobId() + " was changed by another writer "
                + CAS_ATTEMPTS + " times while this stamp was applied; submit it again");
    }

    @Override
    public List<Job> jobs(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        var out = new ArrayList<Job>();
        for (var r : Objects.requireNonNull(register, "register").list(JobText.REGISTER)) {
            var j = JobText.parse(r.text(), r.key(), r.version(), r.ref()).job();
            if (j.start().isBefore(to) && (j.stop().isEmpty() || j.stop().get().isAfter(from))) {
                out.add(j);
            }
        }
        out.sort(Comparator.comparing(Job::start).thenComparing(Job::jobId));
        return out;
    }

    @Override
    public JobReport report(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("job report period must end after it starts: " + from + " .. " + to);
        }
        var store = windows;
        if (store == null) {
            throw new IllegalStateException("job energy needs the emission windows: no EmissionWindowStore is running"
                    + " (start the store bundle)");
        }
        var registry = meters;
        var machines = new ArrayList<String>();
        if (registry != null) {
            for (var m : registry.meters()) {
                if (m.assetType().equalsIgnoreCase("MACHINE")) {
                    machines.add(m.id());
                }
            }
        }
        return JobReports.build(from, to, clock.instant(), jobs(from, to), machines, store);
    }
}
