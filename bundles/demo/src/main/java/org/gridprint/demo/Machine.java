package org.gridprint.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The plant's two machines and their fixed daily job schedule, in UTC, every day of the week (three shifts, so a
 * demo started at any hour shows jobs): a job starts every {@link #period()} from {@link #firstStart()} after UTC
 * midnight and runs for {@link #runTime()}; between jobs the machine idles. Pure. Power: {@link #runningKw()} while a
 * job runs, {@link #idleKw()} between jobs (noise is added by the simulator).
 */
public enum Machine {
    /** Hydraulic press: jobs 00:00–02:00, 03:00–05:00, … 21:00–23:00 UTC (8 a day); 38 kW running, 4.5 kW idle. */
    PRESS_1(DemoMeter.PRESS_1, Duration.ZERO, Duration.ofHours(3), Duration.ofHours(2), 38.0, 4.5),
    /** CNC machining centre: jobs 00:30–02:00, 02:30–04:00, … 22:30–24:00 UTC (12 a day); 22 kW cutting, 3 kW idle. */
    CNC_2(DemoMeter.CNC_2, Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofMinutes(90), 22.0, 3.0);

    private final DemoMeter meter;
    private final Duration firstStart;
    private final Duration period;
    private final Duration runTime;
    private final double runningKw;
    private final double idleKw;

    Machine(DemoMeter meter, Duration firstStart, Duration period, Duration runTime, double runningKw, double idleKw) {
        this.meter = meter;
        this.firstStart = firstStart;
        this.period = period;
        this.runTime = runTime;
        this.runningKw = runningKw;
        this.idleKw = idleKw;
    }

    public DemoMeter meter() {
        return meter;
    }

    /** Start of the first job after UTC midnight. */
    public Duration firstStart() {
        return firstStart;
    }

    /** Time from one job's start to the next one's (divides 24 h). */
    public Duration period() {
        return period;
    }

    /** How long each job runs. */
    public Duration runTime() {
        return runTime;
    }

    public double runningKw() {
        return runningKw;
    }

    public double idleKw() {
        return idleKw;
    }

    /** True while a job of the schedule runs at {@code t} (start inclusive, end exclusive). */
    public boolean running(Instant t) {
        long sinceFirst = Math.floorMod(t.getEpochSecond() - firstStart.getSeconds(), period.getSeconds());
        return sinceFirst < runTime.getSeconds();
    }

    /** Noise-free power at {@code t}, kW. */
    public double kw(Instant t) {
        return running(t) ? runningKw : idleKw;
    }

    /** One job of the schedule. */
    public record ScheduledJob(Machine machine, int number, Instant start, Instant end) {

        /** The machine's meter id (what a job stamp names). */
        public String meterId() {
            return machine.meter().meterId();
        }
    }

    /** The jobs that start on {@code day} (UTC), numbered from 1, in order. */
    public List<ScheduledJob> jobs(LocalDate day) {
        var midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        var jobs = new ArrayList<ScheduledJob>();
        int n = 1;
        for (var start = midnight.plus(firstStart); start.isBefore(midnight.plus(Duration.ofDays(1)));
                start = start.plus(period)) {
            jobs.add(new ScheduledJob(this, n++, start, start.plus(runTime)));
        }
        return List.copyOf(jobs);
    }
}
