package org.gridprint.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import org.gridprint.api.device.Device;
import org.gridprint.api.device.DeviceHealth;
import org.gridprint.api.device.DeviceState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A third-party driver compiles against the api alone": the example driver in
 * {@code src/test/resources/thirdparty/PulseMeterDriver.java} (plain Java: implements {@link Device}, converts units,
 * submits a batch, inspects the sealed {@link IngestOutcome}, builds {@link Alarm} event properties) is compiled with
 * the system Java compiler and a classpath that is ONLY the directory (or jar) the api's own classes were loaded
 * from, then loaded and driven against an in-test {@link IngestService} fake. Negative controls show the classpath
 * really is the api alone: Gridprint implementation classes, OSGi and even JUnit (on this test's own classpath)
 * are not visible to that compilation.
 */
class ThirdPartyDriverCompilesTest {

    private static final String DRIVER_CLASS = "com.example.gridprint.pulse.PulseMeterDriver";
    private static final String DRIVER_RESOURCE = "/thirdparty/PulseMeterDriver.java";

    private static Path apiClasses;

    @BeforeAll
    static void findApiClasses() throws Exception {
        var location = Reading.class.getProtectionDomain().getCodeSource().getLocation();
        apiClasses = Path.of(location.toURI());
        assertTrue(Files.exists(apiClasses), "api classes at " + apiClasses);
        if (Files.isDirectory(apiClasses)) {
            assertTrue(Files.isRegularFile(apiClasses.resolve("org/gridprint/api/Reading.class")),
                    apiClasses + " should hold the api's compiled classes");
            // the api's main output, not this module's test output (which holds this test class)
            assertFalse(Files.exists(apiClasses.resolve("org/gridprint/api/ThirdPartyDriverCompilesTest.class")),
                    apiClasses + " must not be the test-classes directory");
        }
    }

    /** What one compilation produced. */
    private record Compilation(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, String output) {

        List<String> errors() {
            return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getMessage(Locale.ROOT)).toList();
        }

        String describe() {
            return diagnostics.stream().map(d -> d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n")) + output;
        }
    }

    /** Compiles one source file (path relative to src/) with the api alone on the classpath. */
    private static Compilation compile(Path workDir, String relativePath, String source) throws IOException {
        var compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "a JDK (not a JRE) is needed: ToolProvider.getSystemJavaCompiler() returned null");
        var src = workDir.resolve("src").resolve(relativePath);
        Files.createDirectories(src.getParent());
        Files.writeString(src, source, StandardCharsets.UTF_8);
        var out = Files.createDirectories(workDir.resolve("classes"));
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (var files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            // explicit locations: nothing is inherited from this JVM's java.class.path
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(apiClasses));
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
            files.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            files.setLocationFromPaths(StandardLocation.ANNOTATION_PROCESSOR_PATH, List.of());
            var units = files.getJavaFileObjectsFromPaths(List.of(src));
            var writer = new StringWriter();
            var options = List.of("--release", "17", "-proc:none", "-Xlint:all", "-implicit:none");
            boolean ok = compiler.getTask(writer, files, diagnostics, options, null, units).call();
            return new Compilation(ok, diagnostics.getDiagnostics(), writer.toString());
        }
    }

    private static String driverSource() throws IOException {
        try (InputStream in = ThirdPartyDriverCompilesTest.class.getResourceAsStream(DRIVER_RESOURCE)) {
            assertNotNull(in, "test resource " + DRIVER_RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A stand-in for the core's ingest service: records batches, answers like the real one for these cases. */
    private static final class FakeIngest implements IngestService {
        final Set<String> declaredMeters;
        final List<String> sources = new ArrayList<>();
        final List<List<Reading>> batches = new ArrayList<>();
        final Set<ReadingKey> stored = new HashSet<>();
        RuntimeException failNext;

        FakeIngest(Set<String> declaredMeters) {
            this.declaredMeters = declaredMeters;
        }

        @Override
        public IngestResult submit(String source, List<Reading> batch) {
            if (failNext != null) {
                var e = failNext;
                failNext = null;
                throw e;
            }
            sources.add(source);
            batches.add(List.copyOf(batch));
            var outcomes = new ArrayList<IngestOutcome>();
            for (var r : batch) {
                if (!declaredMeters.contains(r.meterId())) {
                    outcomes.add(new IngestOutcome.Invalid(r, "unknown meter id '" + r.meterId() + "'"));
                } else if (!stored.add(r.key())) {
                    outcomes.add(new IngestOutcome.Duplicate(r));
                } else {
                    outcomes.add(new IngestOutcome.Accepted(r));
                }
            }
            return new IngestResult(outcomes, Optional.empty());
        }
    }

    /** The loaded driver class, driven by reflection (the test cannot name it at compile time). */
    private static final class LoadedDriver {
        final Constructor<?> constructor;
        final Method poll;
        final Method outcomeCounts;

        LoadedDriver(Class<?> type) throws NoSuchMethodException {
            constructor = type.getConstructor(Map.class, DoubleSupplier.class, DoubleSupplier.class, BiConsumer.class);
            poll = type.getMethod("poll", IngestService.class, Instant.class);
            outcomeCounts = type.getMethod("outcomeCounts");
        }

        Device create(Map<String, Object> config, double energy, double power, List<Object[]> events) throws Exception {
            BiConsumer<String, Map<String, Object>> sink = (topic, props) -> events.add(new Object[] {topic, props});
            return (Device) constructor.newInstance(config, (DoubleSupplier) () -> energy, (DoubleSupplier) () -> power, sink);
        }

        Optional<?> poll(Device driver, IngestService ingest, Instant now) throws Exception {
            return (Optional<?>) poll.invoke(driver, ingest, now);
        }

        @SuppressWarnings("unchecked")
        Map<String, Long> counts(Device driver) throws Exception {
            return (Map<String, Long>) outcomeCounts.invoke(driver);
        }
    }

    @Test
    void exampleDriverCompilesAgainstTheApiAloneAndSubmitsCanonicalReadings(@TempDir Path work) throws Exception {
        var compilation = compile(work, "com/example/gridprint/pulse/PulseMeterDriver.java", driverSource());
        assertTrue(compilation.success(), "the example driver must compile against the api alone:\n" + compilation.describe());
        assertEquals(List.of(), compilation.errors());
        assertTrue(Files.isRegularFile(work.resolve("classes/com/example/gridprint/pulse/PulseMeterDriver.class")));

        var classes = work.resolve("classes").toUri().toURL();
        try (var loader = new URLClassLoader(new URL[] {classes}, ThirdPartyDriverCompilesTest.class.getClassLoader())) {
            var type = loader.loadClass(DRIVER_CLASS);
            assertEquals(loader, type.getClassLoader(), "the driver comes from the freshly compiled classes");
            assertEquals(Device.class, type.getInterfaces()[0], "api types are shared with the test");
            var driver = new LoadedDriver(type);
            var events = new ArrayList<Object[]>();
            var ingest = new FakeIngest(Set.of("hq/b1/ahu-1"));

            // energy counter in Wh, power in W: submitted in kWh and kW
            var config = Map.<String, Object>of("id", "pulse-1", "meter", "hq/b1/ahu-1", "energyUnit", "Wh", "powerUnit", "W");
            var device = driver.create(config, 1_234_500.0, 7_500.0, events);
            assertEquals("pulse-1", device.id());
            assertEquals(DeviceState.STARTING, device.health().state());

            var t = Instant.parse("2026-11-25T10:00:15.123456789Z");
            var result = driver.poll(device, ingest, t);
            assertTrue(result.isPresent());
            assertInstanceOf(IngestResult.class, result.get());

            assertEquals(List.of("pulse/pulse-1"), ingest.sources, "one batch per poll cycle, source driver/device");
            assertEquals(1, ingest.batches.size());
            var batch = ingest.batches.get(0);
            assertEquals(2, batch.size());
            var truncated = Instant.parse("2026-11-25T10:00:15.123Z");
            assertEquals(Reading.good("hq/b1/ahu-1", Quantity.ACTIVE_ENERGY_IMPORT, truncated, 1234.5, "pulse/pulse-1"),
                    batch.get(0));
            assertEquals(Reading.good("hq/b1/ahu-1", Quantity.ACTIVE_POWER, truncated, 7.5, "pulse/pulse-1"), batch.get(1));
            assertEquals(1234.5, batch.get(0).value(), 1e-9, "Wh converted to canonical kWh");
            assertEquals(7.5, batch.get(1).value(), 1e-9, "W converted to canonical kW");

            DeviceHealth health = device.health();
            assertEquals(DeviceState.ONLINE, health.state());
            assertEquals(Optional.of(t), health.lastSuccess());
            assertEquals(2, health.readingsSubmitted());
            assertEquals(List.of("hq/b1/ahu-1"), health.meterIds());
            assertEquals(Map.of("Accepted", 2L, "Duplicate", 0L, "Conflict", 0L, "Invalid", 0L), driver.counts(device));

            // the same cycle again (a sub-millisecond later): same idempotency key, so duplicates
            driver.poll(device, ingest, t.plusNanos(500));
            assertEquals(Map.of("Accepted", 2L, "Duplicate", 2L, "Conflict", 0L, "Invalid", 0L), driver.counts(device));
            assertTrue(events.isEmpty(), "no alarm so far");

            // the ingest service fails: ERROR and a DEVICE_ERROR alarm with the standard keys
            ingest.failNext = new IllegalStateException("store down");
            var t2 = Instant.parse("2026-11-25T10:00:30Z");
            assertTrue(driver.poll(device, ingest, t2).isEmpty());
            assertEquals(DeviceState.ERROR, device.health().state());
            assertEquals(1, events.size());
            assertEquals("gridprint/alarms/DEVICE_ERROR", events.get(0)[0]);
            @SuppressWarnings("unchecked")
            var props = (Map<String, Object>) events.get(0)[1];
            assertEquals("DEVICE_ERROR", props.get(EventKeys.ALARM_KIND));
            assertEquals("pulse-1", props.get(EventKeys.DEVICE_ID));
            assertEquals("pulse/pulse-1", props.get(EventKeys.SOURCE));
            assertEquals(t2.toEpochMilli(), props.get(EventKeys.TIMESTAMP));
            assertArrayEquals(new String[] {"hq/b1/ahu-1"}, (String[]) props.get(EventKeys.METER_IDS));
            assertEquals(2, props.get(EventKeys.COUNT));
            assertTrue(((String) props.get(EventKeys.MESSAGE)).contains("store down"));

            // an undeclared meter: every reading Invalid, counted by the driver
            var stranger = driver.create(Map.of("id", "pulse-2", "meter", "hq/b9/nobody"), 1.0, 2.0, events);
            driver.poll(stranger, ingest, t2);
            assertEquals(Map.of("Accepted", 0L, "Duplicate", 0L, "Conflict", 0L, "Invalid", 2L), driver.counts(stranger));
            assertEquals(List.of(1.0, 2.0), ingest.batches.get(ingest.batches.size() - 1).stream().map(Reading::value).toList(),
                    "canonical units by default");
        }
    }

    @Test
    void exampleDriverWithABadUnitIsADeviceInConfigErrorThatNeverSubmits(@TempDir Path work) throws Exception {
        var compilation = compile(work, "com/example/gridprint/pulse/PulseMeterDriver.java", driverSource());
        assertTrue(compilation.success(), compilation.describe());
        try (var loader = new URLClassLoader(new URL[] {work.resolve("classes").toUri().toURL()},
                ThirdPartyDriverCompilesTest.class.getClassLoader())) {
            var driver = new LoadedDriver(loader.loadClass(DRIVER_CLASS));
            var events = new ArrayList<Object[]>();
            var ingest = new FakeIngest(Set.of("hq/b1/ahu-1"));
            // kvar is a unit, but not one ACTIVE_ENERGY_IMPORT accepts (Quantity.accepts)
            var device = driver.create(Map.of("id", "pulse-3", "meter", "hq/b1/ahu-1", "energyUnit", "kvar"), 1, 1, events);
            var health = device.health();
            assertEquals(DeviceState.CONFIG_ERROR, health.state());
            assertTrue(health.lastErrorMessage().orElseThrow().contains("energyUnit = \"kvar\""), health.toString());
            assertEquals(1, events.size());
            assertEquals(Topics.alarm(AlarmKind.CONFIG_ERROR), events.get(0)[0]);
            assertTrue(driver.poll(device, ingest, Instant.now()).isEmpty());
            assertTrue(ingest.batches.isEmpty(), "a device in CONFIG_ERROR never submits");
        }
    }

    @Test
    void gridprintImplementationClassesAreNotOnTheApiClasspath(@TempDir Path work) throws Exception {
        var source = """
                package com.example.cheat;

                import org.gridprint.core.IngestServiceImpl;

                public class Cheat {
                    Object ingest = new IngestServiceImpl();
                }
                """;
        var compilation = compile(work, "com/example/cheat/Cheat.java", source);
        assertFalse(compilation.success(), "org.gridprint.core must not be visible:\n" + compilation.describe());
        assertTrue(compilation.errors().stream().anyMatch(m -> m.contains("org.gridprint.core")), compilation.describe());
    }

    @Test
    void neitherOsgiNorThisTestsOwnClasspathLeaksIntoTheCompilation(@TempDir Path work) throws Exception {
        // JUnit is on this test's classpath, so a passing compilation here would mean the classpath was inherited
        var source = """
                package com.example.cheat;

                import org.junit.jupiter.api.Assertions;
                import org.osgi.annotation.versioning.Version;

                public class Leak {
                }
                """;
        var compilation = compile(work, "com/example/cheat/Leak.java", source);
        assertFalse(compilation.success(), compilation.describe());
        var errors = String.join("\n", compilation.errors());
        assertTrue(errors.contains("org.junit.jupiter.api"), errors);
        assertTrue(errors.contains("org.osgi.annotation.versioning"), errors);
    }
}
