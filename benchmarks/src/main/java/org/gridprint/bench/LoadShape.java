package org.gridprint.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gridprint.api.Meter;
import org.gridprint.api.Quality;
import org.gridprint.api.Quantity;
import org.gridprint.api.Reading;

/**
 * What the simulated devices poll: {@code devices} devices, each with {@code metersPerDevice} meters of the given
 * quantities; one poll of one device = one batch of {@code metersPerDevice × quantities} readings at the slot's
 * timestamp. Counters (energy) increase with time, power and voltage vary; every value is a pure function of
 * (device, meter, quantity, timestamp), so a run can be repeated exactly.
 */
record LoadShape(String name, int devices, int metersPerDevice, List<Quantity> quantities) {

    /** 1,000 single meters, each polled for its energy import and reactive energy counters and its power. */
    static LoadShape smallPolls(int devices) {
        return new LoadShape(devices + "x3", devices, 1,
                List.of(Quantity.ACTIVE_ENERGY_IMPORT, Quantity.ACTIVE_POWER, Quantity.REACTIVE_ENERGY_IMPORT));
    }

    /** 100 gateways with 10 meters each (4 points per meter): 40 readings per poll. */
    static LoadShape gatewayPolls(int devices) {
        return new LoadShape(devices + "x40", devices, 10, List.of(Quantity.ACTIVE_ENERGY_IMPORT,
                Quantity.ACTIVE_POWER, Quantity.REACTIVE_ENERGY_IMPORT, Quantity.VOLTAGE));
    }

    static LoadShape parse(String name) {
        var parts = name.split("x");
        if (parts.length == 2 && parts[1].equals("3")) {
            return smallPolls(Integer.parseInt(parts[0]));
        }
        if (parts.length == 2 && parts[1].equals("40")) {
            return gatewayPolls(Integer.parseInt(parts[0]));
        }
        throw new IllegalArgumentException("shape " + name + ": expected <devices>x3 (one meter, 3 readings per "
                + "poll) or <devices>x40 (a gateway of 10 meters x 4 readings per poll), e.g. 1000x3 or 100x40");
    }

    int readingsPerBatch() {
        return metersPerDevice * quantities.size();
    }

    String source(int device) {
        return String.format(Locale.ROOT, "load/dev-%04d", device);
    }

    String meterId(int device, int meter) {
        return String.format(Locale.ROOT, "load/dev-%04d/m%02d", device, meter);
    }

    List<Meter> meters() {
        var out = new ArrayList<Meter>(devices * metersPerDevice);
        for (int d = 0; d < devices; d++) {
            for (int m = 0; m < metersPerDevice; m++) {
                out.add(Meter.of(meterId(d, m), "load"));
            }
        }
        return out;
    }

    /** Device {@code device}'s poll at {@code ts} (whole seconds). */
    List<Reading> batch(int device, Instant ts) {
        var out = new ArrayList<Reading>(readingsPerBatch());
        long s = ts.getEpochSecond();
        var source = source(device);
        for (int m = 0; m < metersPerDevice; m++) {
            var meter = meterId(device, m);
            int k = device * metersPerDevice + m;
            for (var q : quantities) {
                out.add(new Reading(meter, q, ts, value(q, k, s), Quality.GOOD, source));
            }
        }
        return out;
    }

    private static double value(Quantity q, int k, long s) {
        double kw = 2.0 + (k % 17) + 0.5 * Math.sin((s + k) / 60.0);
        return switch (q) {
            case ACTIVE_ENERGY_IMPORT -> 1_000.0 + k + (s - 1_700_000_000L) * (2.0 + (k % 17)) / 3600.0;
            case REACTIVE_ENERGY_IMPORT -> 200.0 + k + (s - 1_700_000_000L) * (0.5 + (k % 5)) / 3600.0;
            case ACTIVE_POWER -> Math.round(kw * 1000.0) / 1000.0;
            case VOLTAGE -> 229.0 + ((s + k) % 7) * 0.25;
            default -> 0.0;
        };
    }
}
