package org.gridprint.carbon.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridprint.api.EventKeys;
import org.gridprint.api.store.RecordRegister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** The DS life cycle without a framework: activate with a configuration, the scanner thread, deactivate. */
class FactorCatalogComponentTest {

    @TempDir
    Path dir;

    private final List<Event> events = new CopyOnWriteArrayList<>();

    private static FactorCatalogImpl.Config config(String directory, int scanSeconds) {
        return new FactorCatalogImpl.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return FactorCatalogImpl.Config.class;
            }

            @Override
            public String directory() {
                return directory;
            }

            @Override
            public int scanSeconds() {
                return scanSeconds;
            }
        };
    }

    private FactorCatalogImpl component(RecordRegister register) throws ReflectiveOperationException {
        var c = new FactorCatalogImpl();
        set(c, "register", register);
        set(c, "eventAdmin", new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                events.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                events.add(event);
            }
        });
        return c;
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        var f = FactorCatalogImpl.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    @Test
    void theScannerThreadAppliesANewFileWhileRunning() throws Exception {
        var c = component(new FakeRegister());
        c.activate(config(dir.toString(), 1));
        try {
            var at = Instant.parse("2025-03-01T00:00:00Z");
            assertTrue(c.select("operator/de", at, "AR6").isEmpty());
            Files.writeString(dir.resolve("de.csv"), """
                    series,value,unit,kind,source,edition,validFrom
                    de,380,g/kWh,GRID_AVERAGE,Umweltbundesamt Strommix,2024,2025-01-01
                    """);
            var found = false;
            for (int i = 0; i < 200 && !found; i++) { // the scanner looks every second: at most 20 s
                found = c.select("operator/de", at, "AR6").isPresent();
                if (!found) {
                    Thread.sleep(100);
                }
            }
            assertTrue(found, "the scanner applied the new file");
            assertEquals("operator/de/2025-01-01", c.select("operator/de", at, "AR6").orElseThrow().factor().id());
        } finally {
            c.deactivate();
        }
    }

    @Test
    void aBadScanPeriodIsAConfigErrorNamingPidFieldAndValueAndTheDefaultIsUsed() throws Exception {
        var c = component(new FakeRegister());
        c.activate(config(dir.toString(), 0));
        try {
            assertEquals(1, events.size());
            var e = events.get(0);
            assertEquals("gridprint/alarms/CONFIG_ERROR", e.getTopic());
            assertEquals(FactorCatalogImpl.PID, e.getProperty(EventKeys.SOURCE));
            assertTrue(String.valueOf(e.getProperty(EventKeys.MESSAGE)).contains(
                    "org.gridprint.carbon.factors: scanSeconds = '0': expected a whole number of seconds from 1 to 3600"),
                    String.valueOf(e.getProperty(EventKeys.MESSAGE)));
            // the shipped factors are there regardless
            assertTrue(c.select("egrid/subregion/CAMX/co2e", Instant.parse("2022-05-01T00:00:00Z"), "AR4").isPresent());
        } finally {
            c.deactivate();
        }
    }

    @Test
    void aMissingDirectoryIsNoProblemAndFilesAppearingLaterAreRead() throws IOException, ReflectiveOperationException {
        var c = component(new FakeRegister());
        var later = dir.resolve("not-yet");
        c.activate(config(later.toString(), 3600));
        try {
            assertTrue(c.problems().isEmpty());
            Files.createDirectories(later);
            Files.writeString(later.resolve("x.csv"), "series,value,unit,kind,source,edition,validFrom\n"
                    + "x,1,g/kWh,RESIDUAL_MIX,s,e,2024-01-01\n");
            assertTrue(c.rescan());
            assertTrue(c.select("operator/x", Instant.parse("2024-02-01T00:00:00Z"), "AR4").isPresent());
            assertTrue(events.isEmpty());
        } finally {
            c.deactivate();
        }
    }
}
