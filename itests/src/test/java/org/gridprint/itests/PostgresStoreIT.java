package org.gridprint.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;

import org.gridprint.api.IngestOutcome;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.store.ReadingStore;
import org.gridprint.api.store.StoreAdmin;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The PostgreSQL store in the real distribution, switched to as bundles/store-postgres/README.md says: a real
 * PostgreSQL server (Debian's binaries, started outside Karaf by test-support's PostgresServer), its configuration
 * in etc/org.gridprint.store.postgres.cfg, feature:install gridprint-store-postgres (offline, from system/), then
 * feature:uninstall gridprint-store-derby. The api services are then the PostgreSQL store's; batches are stored
 * and the ledger verifies through the console.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresStoreIT extends GridprintTestSupport {

    private static final String COMPONENT = "org.gridprint.store.postgres.PostgresStore";

    /** The server runs in the test runner's JVM, not in Karaf: reached by reflection, so the probe never imports it. */
    @Override
    protected Option[] extraOptions() {
        var server = TestServerLauncher.start(Path.of(TARGET, "pg-it"));
        var cfg = "etc/org.gridprint.store.postgres.cfg";
        return new Option[] {
            editConfigurationFilePut(cfg, "url", server[0]),
            editConfigurationFilePut(cfg, "user", server[1]),
            editConfigurationFilePut(cfg, "password", server[2]),
            editConfigurationFilePut(cfg, "schema", "gridprint_it"),
            // only so that the test can check that karaf.log never shows it
            org.ops4j.pax.exam.CoreOptions.systemProperty("gridprint.it.pg.password").value(server[2]),
        };
    }

    @Test
    public void switchedToPostgresTheStoreTakesBatchesAndVerifies() throws Exception {
        featuresService.installFeature("gridprint-store-postgres");
        featuresService.uninstallFeature("gridprint-store-derby");
        assertActive("org.gridprint.store.postgres");
        for (Bundle b : bundleContext.getBundles()) {
            assertFalse("the Derby store is gone: " + bundleStates(), b.getSymbolicName().equals(
                    "org.gridprint.store.derby") && b.getState() == Bundle.ACTIVE);
        }
        await("the ReadingStore is the PostgreSQL store", WAIT, () -> {
            try {
                var refs = bundleContext.getServiceReferences(ReadingStore.class, null);
                return refs.size() == 1 && COMPONENT.equals(refs.iterator().next().getProperty("component.name"));
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
        });
        var admin = service(StoreAdmin.class);
        await("the PostgreSQL store is connected", WAIT, () -> admin.status().available());
        assertTrue(admin.status().backend(), admin.status().backend().startsWith("PostgreSQL "));

        var store = service(ReadingStore.class);
        var t0 = Instant.parse("2026-06-01T00:00:00Z");
        var batch = new ArrayList<Reading>();
        for (int m = 0; m < 5; m++) {
            batch.add(Reading.good("it/pg/m" + m, Quantity.ACTIVE_ENERGY_IMPORT, t0, 100 + m, "it/pg"));
        }
        var result = store.append("it/pg", batch);
        assertTrue(result.outcomes().toString(), result.outcomes().stream()
                .allMatch(o -> o instanceof IngestOutcome.Accepted));
        assertTrue(store.append("it/pg", batch).outcomes().stream()
                .allMatch(o -> o instanceof IngestOutcome.Duplicate));
        for (int m = 0; m < 5; m++) {
            var stored = store.readings("it/pg/m" + m, Quantity.ACTIVE_ENERGY_IMPORT, t0, t0.plusSeconds(1));
            assertEquals(1, stored.size());
            assertEquals(100.0 + m, stored.get(0).value(), 0.0);
        }

        String verify = execute("gridprint:verify");
        assertTrue(verify, verify.contains("ledger intact"));
        String status = execute("gridprint:status");
        assertTrue(status, status.contains("5 stored"));
        var log = java.nio.file.Files.readString(Path.of(System.getProperty("karaf.data"), "log", "karaf.log"));
        assertFalse("the password appears in karaf.log", log.contains(System.getProperty("gridprint.it.pg.password")));
    }
}
