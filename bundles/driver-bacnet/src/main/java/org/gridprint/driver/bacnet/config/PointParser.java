package org.gridprint.driver.bacnet.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.Quantity;
import org.gridprint.driver.bacnet.BacnetUnits;
import org.gridprint.driver.bacnet.ObjectRef;
import org.gridprint.driver.bacnet.PointSpec;

import com.serotonin.bacnet4j.type.enumerated.PropertyIdentifier;

/**
 * Points from the one-line format: entries separated by {@code ,} or line breaks, fields by {@code ;}:
 * {@code meter=hq/ahu-1;quantity=ACTIVE_ENERGY_IMPORT;object=analog-input:1;unit=kWh;scale=1}. Also builds points
 * from a profile's maps. Every error names where (PID or profile), the point, the field, the value and what is
 * expected.
 */
public final class PointParser {

    public static final int MAX_POINTS = 5_000;
    static final int MAX_TEXT = 262_144;

    private PointParser() {
    }

    /** Splits the one-line format into field maps; errors go to {@code errors}. */
    public static List<Map<String, String>> split(String where, String text, List<String> errors) {
        var out = new ArrayList<Map<String, String>>();
        if (text == null || text.isBlank()) {
            return out;
        }
        if (text.length() > MAX_TEXT) {
            errors.add(where + ": points is " + text.length() + " characters long: expected at most " + MAX_TEXT);
            return out;
        }
        int i = 0;
        for (var entry : text.split("[,\\n]")) {
            if (entry.isBlank()) {
                continue;
            }
            var fields = new LinkedHashMap<String, String>();
            for (var field : entry.split(";")) {
                if (field.isBlank()) {
                    continue;
                }
                int eq = field.indexOf('=');
                if (eq <= 0) {
                    errors.add(where + ": points[" + i + "]: field \"" + field.trim() + "\": expected key=value");
                    continue;
                }
                fields.put(field.substring(0, eq).trim(), field.substring(eq + 1).trim());
            }
            out.add(fields);
            i++;
        }
        return out;
    }

    /**
     * One point from its fields. {@code defaultMeter} applies when the fields name none (profiles: the device's
     * meter). Returns null (with errors added) when it cannot be used.
     */
    public static PointSpec point(String where, int index, String defaultName, Map<String, ?> raw, String defaultMeter,
            List<String> errors) {
        int before = errors.size();
        var f = new Fields(where, raw, errors);
        var name = f.text("name").orElse(defaultName);
        var label = where + ": " + defaultName + (name.equals(defaultName) ? "" : " \"" + name + "\"");
        var meter = f.text("meter").orElse(defaultMeter);
        if (meter == null) {
            errors.add(label + ".meter is missing: expected the meter id the point feeds");
        }
        var qText = f.text("quantity").orElse(null);
        Quantity quantity = null;
        if (qText == null) {
            errors.add(label + ".quantity is missing: expected one of " + Quantity.names());
        } else {
            quantity = Quantity.parse(qText).orElse(null);
            if (quantity == null) {
                errors.add(label + ".quantity = \"" + qText + "\": expected one of " + Quantity.names());
            }
        }
        var oText = f.text("object").orElse(null);
        ObjectRef object = null;
        if (oText == null) {
            errors.add(label + ".object is missing: expected type:instance, e.g. analog-input:3");
        } else {
            object = ObjectRef.parse(oText).orElse(null);
            if (object == null) {
                errors.add(label + ".object = \"" + oText + "\": expected type:instance with a BACnet object type "
                        + "(analog-input, analog-value, binary-input, accumulator, ... or ai, av, bi, acc) and an "
                        + "instance 0.." + ObjectRef.MAX_INSTANCE);
            }
        }
        var property = PropertyIdentifier.presentValue;
        var pText = f.text("property").orElse(null);
        if (pText != null) {
            property = Fields.property(pText).orElse(null);
            if (property == null) {
                errors.add(label + ".property = \"" + pText + "\": expected a BACnet property name, e.g. present-value");
            }
        }
        Optional<BacnetUnits.Conversion> unit = Optional.empty();
        var uText = f.text("unit").orElse(null);
        if (uText != null) {
            unit = BacnetUnits.parse(uText);
            if (unit.isEmpty()) {
                errors.add(label + ".unit = \"" + uText + "\": not a unit Gridprint stores: expected one of "
                        + BacnetUnits.symbols() + " (or its BACnet name, e.g. kilowatt-hours)");
            } else if (quantity != null && !unit.get().canonical().equals(quantity.canonicalUnit())) {
                errors.add(label + ".unit = \"" + uText + "\": a " + unit.get().canonical() + " unit cannot measure "
                        + quantity + ": expected a unit convertible to " + quantity.canonicalUnit());
            }
        }
        double scale = f.decimal("scale", 1.0);
        for (var key : raw.keySet()) {
            if (!List.of("name", "meter", "quantity", "object", "property", "unit", "scale", "note").contains(key)) {
                errors.add(label + ": unknown field \"" + key + "\": expected name, meter, quantity, object, property, "
                        + "unit, scale, note");
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new PointSpec(index, name, meter, quantity, object, property, unit, scale);
    }
}
