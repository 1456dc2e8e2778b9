package org.gridprint.allocation.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Jobs + idle add up to the machine's windows exactly, whatever the jobs and amounts. */
class JobSplitPropertyTest {

    @Property(tries = 300)
    void jobsAndIdleAddUpToTheMachine(@ForAll @Size(min = 1, max = 12) List<@LongRange(min = 0,
            max = 4_000_000_000_000L) Long> amounts, @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 900) Integer>
            starts, @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 400) Integer> lengths) {
        var t0 = Instant.parse("2026-11-03T00:00:00Z");
        var slots = new ArrayList<JobSplit.Slot>();
        long energy = 0;
        long co2 = 0;
        for (int i = 0; i < amounts.size(); i++) {
            long a = amounts.get(i);
            slots.add(new JobSplit.Slot(t0.plusSeconds(3600L * i), t0.plusSeconds(3600L * (i + 1)), a, a / 3, a / 7));
            energy += a;
            co2 += a / 3;
        }
        var spans = new ArrayList<JobSplit.Span>();
        for (int j = 0; j < Math.min(starts.size(), lengths.size()); j++) {
            var s = t0.plusSeconds(60L * starts.get(j));
            spans.add(new JobSplit.Span("J" + j, s, s.plusSeconds(60L * lengths.get(j))));
        }
        var r = JobSplit.split(slots, spans);
        long e = r.idle().energyNano;
        long l = r.idle().locationMicrograms;
        for (var s : r.jobs().values()) {
            e += s.energyNano;
            l += s.locationMicrograms;
        }
        assertEquals(energy, e);
        assertEquals(co2, l);
    }
}
