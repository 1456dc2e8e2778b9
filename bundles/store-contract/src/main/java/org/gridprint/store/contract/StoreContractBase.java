package org.gridprint.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.carbon.AccountingMethod;
import org.gridprint.api.carbon.EmissionFactor;
import org.gridprint.api.carbon.EmissionRecord;
import org.gridprint.api.carbon.EnergyInterval;
import org.gridprint.api.carbon.IntervalFlag;
import org.gridprint.api.carbon.Scope;
import org.gridprint.api.store.EmissionStore;
import org.gridprint.api.store.LedgerService;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.VerificationReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The common part of every contract test class: a fresh store per test through the backend's {@link StoreHarness},
 * and the test data. A backend subclasses each contract class and implements {@link #createHarness(Path)}.
 */
public abstract class StoreContractBase {

    /** A timestamp all test readings are near. */
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    public static final Quantity E = Quantity.ACTIVE_ENERGY_IMPORT;
    public static final String SOURCE = "contract/src";

    @TempDir
    protected Path dir;

    protected StoreHarness harness;

    /** A harness for a fresh store kept under {@code dir} (a backend with a server uses its own database). */
    protected abstract StoreHarness createHarness(Path dir) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        harness = createHarness(dir);
        harness.open();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    protected ReadingStore store() {
        return harness.services().readings();
    }

    protected LedgerService ledger() {
        return harness.services().ledger();
    }

    protected EmissionStore emissionStore() {
        return harness.services().emissions();
    }

    /** A GOOD reading of {@code meter}'s active energy import at {@code T0 + second} s. */
    protected static Reading reading(String meter, long second, double value) {
        return new Reading(meter, E, T0.plusSeconds(second), value, Quality.GOOD, SOURCE);
    }

    protected ReadingStore.StoreResult append(Reading... readings) {
        return store().append(SOURCE, List.of(readings));
    }

    protected ReadingStore.StoreResult append(List<Reading> readings) {
        return store().append(SOURCE, readings);
    }

    /** Appends and checks that every reading was accepted; returns the entry id. */
    protected long appendAccepted(List<Reading> readings) {
        var result = append(readings);
        for (var o : result.outcomes()) {
            assertInstanceOf(IngestOutcome.Accepted.class, o, () -> "expected accepted: " + o);
        }
        return result.ledgerEntry().orElseThrow(() -> new AssertionError("an accepted batch must return its entry"))
                .batchId();
    }

    /** One poll of meters m0..m(n-1) at {@code second}, value = second * 10 + meter index. */
    protected static List<Reading> poll(int meters, long second) {
        var out = new ArrayList<Reading>(meters);
        for (int m = 0; m < meters; m++) {
            out.add(reading("m" + m, second, second * 10.0 + m));
        }
        return out;
    }

    /** An hourly emission record of {@code meter} starting at {@code T0 + hour} h. */
    protected static EmissionRecord emission(String meter, int hour, double kWh) {
        var start = T0.plusSeconds(3600L * hour);
        var interval = new EnergyInterval(meter, E, start, start.plusSeconds(3600), 1000.0 + hour, 1000.0 + hour + kWh,
                kWh, Quality.GOOD, hour % 2 == 0 ? EnumSet.noneOf(IntervalFlag.class)
                        : EnumSet.of(IntervalFlag.ROLLOVER, IntervalFlag.DEGRADED_INPUT));
        var factor = new EmissionFactor(400.0, "g CO2e/kWh", "Contract test factors", "Edition 1", "AR5", "grid-A",
                Scope.SCOPE_2, AccountingMethod.LOCATION_BASED);
        return new EmissionRecord(interval, "site-1", factor, kWh * 400.0, start.plusSeconds(3700));
    }

    protected static VerificationReport.Intact assertIntact(VerificationReport report) {
        if (report instanceof VerificationReport.Broken b) {
            fail("expected an intact ledger, verify found " + b.findingCount() + ": " + b.findings());
        }
        return (VerificationReport.Intact) report;
    }

    protected static VerificationReport.Broken assertBroken(VerificationReport report) {
        if (report instanceof VerificationReport.Intact i) {
            fail("expected a broken ledger, verify found it intact: " + i);
        }
        return (VerificationReport.Broken) report;
    }

    /** The ids of the entries {@code report} names. */
    protected static List<Long> namedEntries(VerificationReport.Broken report) {
        return report.findings().stream().map(VerificationReport.Finding::batchId).distinct().sorted().toList();
    }

    protected static void assertValues(List<Reading> actual, double... expected) {
        assertEquals(expected.length, actual.size(), () -> "readings " + actual);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.get(i).value(), "reading #" + i + " of " + actual);
        }
    }
}
