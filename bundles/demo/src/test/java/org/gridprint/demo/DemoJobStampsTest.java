package org.gridprint.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.gridprint.api.allocation.JobStamp;
import org.junit.jupiter.api.Test;

class DemoJobStampsTest {

    @Test
    void stampsOfTheScheduleBetweenTwoInstants() {
        // 2026-12-06 02:10 .. 03:40 UTC: press-1 job 1 (00:00-02:00) is over before; job 2 starts 03:00 (runs to
        // 05:00); cnc-2 job 1 (00:30-02:00) over before, job 2 starts 02:30 and stops 04:00 (after), job 3 at 04:30
        var stamps = DemoJobStamps.between(Instant.parse("2026-12-06T02:10:00Z"),
                Instant.parse("2026-12-06T03:40:00Z"));
        assertEquals(List.of(
                new JobStamp("demo/plant/press-1", "press-1/2026-12-06/2", JobStamp.Kind.START,
                        Instant.parse("2026-12-06T03:00:00Z"), "bracket-A", 0, DemoJobStamps.SOURCE),
                new JobStamp("demo/plant/cnc-2", "cnc-2/2026-12-06/2", JobStamp.Kind.START,
                        Instant.parse("2026-12-06T02:30:00Z"), "housing-B", 0, DemoJobStamps.SOURCE)), stamps);
    }

    @Test
    void aStopAfterARestartComesWithItsStart() {
        // 04:05: cnc-2 job 2 stopped at 04:00, started 02:30 before `since`
        var stamps = DemoJobStamps.between(Instant.parse("2026-12-06T03:59:00Z"),
                Instant.parse("2026-12-06T04:05:00Z"));
        assertEquals(List.of(
                new JobStamp("demo/plant/cnc-2", "cnc-2/2026-12-06/2", JobStamp.Kind.START,
                        Instant.parse("2026-12-06T02:30:00Z"), "housing-B", 0, DemoJobStamps.SOURCE),
                new JobStamp("demo/plant/cnc-2", "cnc-2/2026-12-06/2", JobStamp.Kind.STOP,
                        Instant.parse("2026-12-06T04:00:00Z"), "housing-B", 40, DemoJobStamps.SOURCE)), stamps);
    }
}
