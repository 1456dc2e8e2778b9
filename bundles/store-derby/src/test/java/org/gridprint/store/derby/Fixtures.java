package org.gridprint.store.derby;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;

/** Shared test data. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    static final Quantity E = Quantity.ACTIVE_ENERGY_IMPORT;

    private Fixtures() {
    }

    static DerbyStore open(Path dir) {
        return DerbyStore.open(dir, CLOCK, StoreOptions.defaults());
    }

    static DerbyStore open(Path dir, int flushThreshold, int maxBlock) {
        return DerbyStore.open(dir, CLOCK,
                StoreOptions.defaults().withFlushThreshold(flushThreshold).withMaxBlockReadings(maxBlock));
    }

    static Reading reading(String meter, long minute, double value) {
        return new Reading(meter, E, T0.plusSeconds(60 * minute), value, Quality.GOOD, "test/src");
    }

    /** One poll cycle: meters m0..m(n-1) at one minute, value = minute * 10 + meter index. */
    static List<Reading> poll(int meters, long minute) {
        var out = new ArrayList<Reading>();
        for (int m = 0; m < meters; m++) {
            out.add(reading("m" + m, minute, minute * 10.0 + m));
        }
        return out;
    }
}
