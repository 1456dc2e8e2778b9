package org.gridprint.driver.bacnet;

import java.util.List;
import java.util.Optional;

import org.gridprint.api.Quantity;

import com.serotonin.bacnet4j.type.enumerated.EngineeringUnits;

/** Writes the device configuration that commissioning proposes for the objects found (commented, for review). */
final class ConfigWriter {

    private ConfigWriter() {
    }

    /** The quantity a unit most likely measures, or empty when the object should not be mapped without a decision. */
    static Optional<Quantity> quantityFor(BacnetUnits.Conversion c) {
        return switch (c.canonical()) {
            case "kWh" -> Optional.of(c.symbol().contains("Btu") || c.symbol().equals("ton-h") || c.symbol().equals("therm")
                    ? Quantity.THERMAL_ENERGY : Quantity.ACTIVE_ENERGY_IMPORT);
            case "kW" -> Optional.of(Quantity.ACTIVE_POWER);
            case "kvarh" -> Optional.of(Quantity.REACTIVE_ENERGY_IMPORT);
            case "kvar" -> Optional.of(Quantity.REACTIVE_POWER);
            case "V" -> Optional.of(Quantity.VOLTAGE);
            case "A" -> Optional.of(Quantity.CURRENT);
            case "Hz" -> Optional.of(Quantity.FREQUENCY);
            case "m3" -> Optional.of(Quantity.FUEL_VOLUME);
            case "degC" -> Optional.of(Quantity.TEMPERATURE);
            case "1" -> c.bacnet().equals(EngineeringUnits.powerFactor) ? Optional.of(Quantity.POWER_FACTOR) : Optional.empty();
            default -> Optional.empty();
        };
    }

    static String device(String stack, int instance, Optional<String> address, String deviceId, String meterId,
            List<BacnetDriver.ObjectInfo> objects) {
        var b = new StringBuilder();
        b.append("# BACnet device ").append(instance).append(", written by gridprint:bacnet-objects --write.\n")
                .append("# Review every point (quantity, meter) before use; objects without a point are listed at the end.\n")
                .append("id = ").append(deviceId).append('\n')
                .append("stack = ").append(stack).append('\n')
                .append("deviceInstance = ").append(instance).append('\n');
        address.ifPresent(a -> b.append("address = ").append(a).append('\n'));
        b.append("pollIntervalSeconds = 60\n");
        var lines = new StringBuilder();
        var skipped = new StringBuilder();
        for (var o : objects) {
            var conv = BacnetUnits.parse(o.units());
            var q = conv.flatMap(ConfigWriter::quantityFor);
            if (q.isPresent()) {
                lines.append(lines.length() == 0 ? "points = " : ", \\\n    ")
                        .append("name=").append(safe(o.name())).append(";meter=").append(meterId)
                        .append(";quantity=").append(q.get()).append(";object=").append(o.object())
                        .append(";unit=").append(conv.get().symbol());
            } else {
                skipped.append("#   ").append(o.object()).append(" \"").append(o.name()).append("\" units ")
                        .append(o.units()).append(o.note().isEmpty() ? "" : " (" + o.note() + ")").append('\n');
            }
        }
        b.append(lines.length() == 0 ? "# no object with a unit Gridprint stores was found\n" : lines.append('\n'));
        if (skipped.length() > 0) {
            b.append("# objects not mapped:\n").append(skipped);
        }
        return b.toString();
    }

    private static String safe(String name) {
        return name.replaceAll("[;,=\\\\\\n]", "_");
    }
}
