package org.gridprint.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.allocation.JobStamp;

/**
 * The start and stop stamps the demo plant's production system sends for the {@link Machine} schedule: every job
 * that started (and, if over, stopped) in {@code (since, now]}. Job ids are stable ({@code press-1/2026-12-06/3}), so
 * sending a stamp again is a duplicate that stores nothing. Products: the press makes brackets (120 per job), the CNC
 * machining centre housings (40 per job). Pure.
 */
public final class DemoJobStamps {

    static final String SOURCE = "demo:plant-mes";

    private DemoJobStamps() {
    }

    public static List<JobStamp> between(Instant since, Instant now) {
        var stamps = new ArrayList<JobStamp>();
        var first = LocalDate.ofInstant(since.minus(Duration.ofDays(1)), ZoneOffset.UTC);
        var last = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (var machine : Machine.values()) {
            for (var day = first; !day.isAfter(last); day = day.plusDays(1)) {
                for (var job : machine.jobs(day)) {
                    boolean started = job.start().isAfter(since) && !job.start().isAfter(now);
                    boolean stopped = job.end().isAfter(since) && !job.end().isAfter(now);
                    if (!started && !stopped) {
                        continue;
                    }
                    var id = jobId(job, day);
                    // a stop whose start lies before `since` still needs its start (a restart of the demo)
                    if (!job.start().isAfter(now)) {
                        stamps.add(new JobStamp(job.meterId(), id, JobStamp.Kind.START, job.start(), product(machine),
                                0, SOURCE));
                    }
                    if (stopped) {
                        stamps.add(new JobStamp(job.meterId(), id, JobStamp.Kind.STOP, job.end(), product(machine),
                                quantity(machine), SOURCE));
                    }
                }
            }
        }
        return stamps;
    }

    static String jobId(Machine.ScheduledJob job, LocalDate day) {
        var meter = job.meterId();
        return meter.substring(meter.lastIndexOf('/') + 1) + "/" + day + "/" + job.number();
    }

    static String product(Machine machine) {
        return machine == Machine.PRESS_1 ? "bracket-A" : "housing-B";
    }

    static double quantity(Machine machine) {
        return machine == Machine.PRESS_1 ? 120 : 40;
    }
}
