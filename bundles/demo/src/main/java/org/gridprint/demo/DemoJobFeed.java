package org.gridprint.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gridprint.api.allocation.JobService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo plant's production system: while the demo runs (configuration {@code org.gridprint.demo}) and the
 * allocation feature's {@link JobService} is there, it sends the job start/stop stamps of {@link Machine}'s schedule
 * every 30 s, and at start those of the last 6 hours, so that {@code gridprint:jobs} shows real jobs from the
 * machines' metered energy. A refused stamp is logged once per distinct reason; the task never dies on an exception.
 */
@Component(configurationPid = DemoSite.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {},
        immediate = true)
public class DemoJobFeed {

    static final Duration HISTORY = Duration.ofHours(6);
    private static final Logger LOG = LoggerFactory.getLogger(DemoJobFeed.class);

    @Reference
    JobService jobs;

    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService executor;
    private Instant sentUpTo;
    private String lastProblem = "";

    @Activate
    void activate(Config config) {
        if (!config.enabled()) {
            return;
        }
        sentUpTo = clock.instant().minus(HISTORY);
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "gridprint-demo-jobs"));
        executor.scheduleWithFixedDelay(this::send, 5, 30, TimeUnit.SECONDS);
    }

    void send() {
        try {
            var now = clock.instant();
            var stamps = DemoJobStamps.between(sentUpTo, now);
            if (!stamps.isEmpty()) {
                var report = jobs.submit(stamps);
                var problem = report.errors().isEmpty() ? "" : report.errors().get(0).reason();
                if (!problem.equals(lastProblem)) {
                    if (problem.isEmpty()) {
                        LOG.info("Demo job stamps accepted again");
                    } else {
                        LOG.warn("Demo job stamps refused ({} of {}), first: {}", report.errors().size(), stamps.size(),
                                problem);
                    }
                    lastProblem = problem;
                }
            }
            sentUpTo = now;
        } catch (RuntimeException e) {
            var problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblem)) {
                LOG.warn("Demo job stamps not sent (retrying every 30 s): {}", problem);
                lastProblem = problem;
            }
        }
    }

    @Deactivate
    void deactivate() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
