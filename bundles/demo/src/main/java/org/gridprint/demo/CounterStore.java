package org.gridprint.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the demo's energy counters in a small properties file, so they continue (never go back) when
 * the demo restarts, as real meter registers do.
 */
final class CounterStore {

    private static final Logger LOG = LoggerFactory.getLogger(CounterStore.class);
    private final Path file;

    CounterStore(Path file) {
        this.file = file;
    }

    Map<DemoMeter, Double> load() {
        var counters = new EnumMap<DemoMeter, Double>(DemoMeter.class);
        if (file == null || !Files.isRegularFile(file)) {
            return counters;
        }
        var p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            for (var m : DemoMeter.values()) {
                var v = p.getProperty(m.meterId());
                if (v != null) {
                    double kwh = Double.parseDouble(v);
                    if (Double.isFinite(kwh) && kwh >= m.initialKwh()) {
                        counters.put(m, kwh);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Demo site: could not read counters from {}; starting from the initial values", file, e);
            counters.clear();
        }
        return counters;
    }

    /** The gas meter's counter (m³), or {@link GasMeter#INITIAL_M3} when none is kept (or it is unreadable). */
    double loadGas() {
        return loadCounter(GasMeter.METER_ID, GasMeter.INITIAL_M3);
    }

    /**
     * The counter kept under {@code meterId} (the gas meter's m³, a fan coil's running hours), or {@code initial} when
     * none is kept, it is unreadable, or it is below {@code initial}.
     */
    double loadCounter(String meterId, double initial) {
        if (file == null || !Files.isRegularFile(file)) {
            return initial;
        }
        var p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            var v = p.getProperty(meterId);
            double value = v == null ? initial : Double.parseDouble(v);
            return Double.isFinite(value) && value >= initial ? value : initial;
        } catch (IOException | RuntimeException e) {
            return initial;
        }
    }

    void save(Map<DemoMeter, Double> counters) {
        save(counters, Map.of());
    }

    /** Saves the energy counters (kWh) and the other counters by meter id (gas m³, running hours). */
    void save(Map<DemoMeter, Double> counters, Map<String, Double> others) {
        if (file == null) {
            return;
        }
        var p = new Properties();
        counters.forEach((m, kwh) -> p.setProperty(m.meterId(), Double.toString(kwh)));
        others.forEach((id, value) -> {
            if (Double.isFinite(value)) {
                p.setProperty(id, Double.toString(value));
            }
        });
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            var tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "Gridprint demo site counters (energy kWh, gas m3, fan-coil running hours h)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Demo site: could not save counters to {}", file, e);
        }
    }
}
