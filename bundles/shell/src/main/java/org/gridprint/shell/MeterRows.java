package org.gridprint.shell;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.gridprint.api.Meter;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;
import org.gridprint.api.device.DeviceHealth;

/** Builds the rows of {@code gridprint:meters}. Pure: the caller passes the lookups and "now". */
public final class MeterRows {

    /** Latest reading of a series; a function so the command can pass the store and tests a map. */
    @FunctionalInterface
    public interface LatestLookup {
        Optional<Reading> latest(String meterId, Quantity quantity);
    }

    /** One table row; "-" where nothing is known. */
    public record Row(String meterId, String site, String device, String state, String quantity, String value,
            String age, String lastError) {
    }

    private MeterRows() {
    }

    /**
     * @param latest null when no store is available: the reading columns show "-"
     */
    public static List<Row> build(Collection<Meter> meters, Predicate<String> filter, List<DeviceHealth> devices,
            LatestLookup latest, Instant now) {
        var rows = new ArrayList<Row>();
        for (var meter : meters) {
            if (!filter.test(meter.id())) {
                continue;
            }
            var feeding = devices.stream().filter(d -> d.meterIds().contains(meter.id()))
                    .sorted(Comparator.comparing(DeviceHealth::deviceId)).toList();
            var device = feeding.isEmpty() ? "-"
                    : feeding.stream().map(DeviceHealth::deviceId).collect(Collectors.joining(","));
            var state = feeding.isEmpty() ? "-"
                    : feeding.stream().map(d -> d.state().name()).distinct().collect(Collectors.joining(","));
            var reading = latest == null ? Optional.<Reading>empty() : lastReading(meter.id(), latest);
            var error = feeding.stream().filter(d -> d.lastError().isPresent())
                    .max(Comparator.comparing(d -> d.lastError().get()))
                    .map(d -> Texts.cell(d.lastErrorMessage().orElse("error"), 60) + " ("
                            + Durations.age(d.lastError().get(), now) + " ago)")
                    .orElse("-");
            rows.add(new Row(meter.id(), meter.siteId().isEmpty() ? "-" : meter.siteId(), device, state,
                    reading.map(r -> r.quantity().name()).orElse("-"),
                    reading.map(r -> Texts.number(r.value(), 3) + " " + r.quantity().canonicalUnit()).orElse("-"),
                    reading.map(r -> Durations.age(r.timestamp(), now)).orElse("-"), error));
        }
        return rows;
    }

    /** ACTIVE_ENERGY_IMPORT if there is one, otherwise the newest reading of any quantity. */
    static Optional<Reading> lastReading(String meterId, LatestLookup latest) {
        var energy = latest.latest(meterId, Quantity.ACTIVE_ENERGY_IMPORT);
        if (energy.isPresent()) {
            return energy;
        }
        Optional<Reading> newest = Optional.empty();
        for (var q : Quantity.values()) {
            if (q == Quantity.ACTIVE_ENERGY_IMPORT) {
                continue;
            }
            var r = latest.latest(meterId, q);
            if (r.isPresent() && (newest.isEmpty() || r.get().timestamp().isAfter(newest.get().timestamp()))) {
                newest = r;
            }
        }
        return newest;
    }
}
