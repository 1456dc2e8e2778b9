package org.gridprint.carbon.market;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.gridprint.api.Alarm;
import org.gridprint.api.AlarmKind;
import org.gridprint.api.carbon.InstrumentService;
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
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the instruments of {@code ${karaf.etc}/gridprint/instruments/*.csv} (format: {@link InstrumentCsv})
 * through {@link InstrumentService}: at activation and every {@code scanSeconds}, files whose time or size changed
 * are read again (registering is idempotent: rows already held change nothing). Removing a row or a file does not
 * unregister anything (the register is a ledger). Each problem is logged once and raised once as CONFIG_ERROR,
 * naming file, line, field and value; a bad row or file never stops the others.
 */
@Designate(ocd = InstrumentFilesConfig.class)
@Component(name = InstrumentFilesImpl.PID, service = InstrumentFiles.class,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public class InstrumentFilesImpl implements InstrumentFiles {

    public static final String PID = "org.gridprint.carbon.instruments";
    static final int MAX_FILES = 1_000;
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(InstrumentFilesImpl.class);

    @Reference
    private InstrumentService instruments;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private final Clock clock = Clock.systemUTC();
    private final Map<Path, String> seen = new HashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile Path directory;
    private ScheduledExecutorService scheduler;

    /** For OSGi. */
    public InstrumentFilesImpl() {
    }

    /** Without OSGi (tests): scans {@code directory} when asked. */
    public InstrumentFilesImpl(InstrumentService instruments, Path directory, EventAdmin eventAdmin) {
        this.instruments = instruments;
        this.directory = directory;
        this.eventAdmin = eventAdmin;
    }

    @Activate
    void activate(Map<String, Object> properties) {
        var dir = properties.get("directory") == null ? "" : properties.get("directory").toString().trim();
        if (dir.isEmpty()) {
            var etc = System.getProperty("karaf.etc");
            if (etc == null) {
                LOG.info("no karaf.etc and no directory configured ({}): instrument files are not read", PID);
                return;
            }
            dir = etc + "/gridprint/instruments";
        }
        directory = Path.of(dir);
        int seconds = 60;
        var raw = properties.get("scanSeconds");
        if (raw != null && !raw.toString().isBlank()) {
            try {
                seconds = Integer.parseInt(raw.toString().trim());
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 10 || seconds > 3600) {
                problem(PID + ": scanSeconds = '" + raw + "' is not a whole number 10..3600 (using 60)");
                seconds = 60;
            }
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "gridprint-instrument-files");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::scanQuietly, 0, seconds, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (RuntimeException e) {
            problem("instrument files in " + directory + " not read: " + e);
        }
    }

    @Override
    public synchronized Scan scan() {
        var dir = directory;
        var problems = new ArrayList<String>();
        if (dir == null || !Files.isDirectory(dir)) {
            return new Scan(0, 0, problems);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv"))
                    .sorted().limit(MAX_FILES).toList();
        } catch (IOException e) {
            problems.add("instrument directory " + dir + " cannot be listed: " + e.getMessage());
            problems.forEach(this::problem);
            return new Scan(0, 0, problems);
        }
        int read = 0;
        int registered = 0;
        for (var file : files) {
            String stamp;
            try {
                stamp = Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
            } catch (IOException e) {
                problems.add(file.getFileName() + ": cannot be read: " + e.getMessage());
                continue;
            }
            if (stamp.equals(seen.get(file))) {
                continue;
            }
            read++;
            var name = file.getFileName().toString();
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    problems.add(name + ": larger than " + MAX_FILE_BYTES + " bytes; expected a list of instruments");
                    seen.put(file, stamp);
                    continue;
                }
                var parsed = InstrumentCsv.parse(name, Files.readAllLines(file, StandardCharsets.UTF_8));
                problems.addAll(parsed.problems());
                for (var row : parsed.rows()) {
                    try {
                        instruments.register(row.instrument());
                        registered++;
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        problems.add(row.file() + " line " + row.line() + ": " + e.getMessage());
                    }
                }
                seen.put(file, stamp);
            } catch (CharacterCodingException e) {
                problems.add(name + ": is not UTF-8 text");
                seen.put(file, stamp);
            } catch (IOException e) {
                problems.add(name + ": cannot be read: " + e.getMessage());
            }
        }
        problems.forEach(this::problem);
        return new Scan(read, registered, problems);
    }

    private void problem(String message) {
        if (reported.size() > 10_000) {
            reported.clear();
        }
        if (!reported.add(message)) {
            return;
        }
        LOG.warn("{}", message);
        var ea = eventAdmin;
        if (ea != null) {
            try {
                var alarm = Alarm.of(AlarmKind.CONFIG_ERROR, message, clock.instant()).withSource(PID);
                ea.postEvent(new Event(alarm.topic(), alarm.toEventProperties()));
            } catch (RuntimeException e) {
                LOG.warn("could not post alarm: {}", e.toString());
            }
        }
    }
}
