package org.gridprint.driver.bacnet;

import java.util.Optional;

import org.gridprint.api.Quantity;

import com.serotonin.bacnet4j.type.enumerated.PropertyIdentifier;

/**
 * One configured point: a property of an object of the device, feeding a quantity of a meter.
 *
 * @param index    position in the device's configuration (0-based), stable key of the point's alarms
 * @param name     the point's name in messages (the profile's point name or {@code points[i]})
 * @param meterId  the meter it feeds
 * @param quantity what it measures
 * @param object   the BACnet object
 * @param property the property read (present-value unless configured)
 * @param unit     the unit the operator configured; empty = the device's {@code units} property decides
 * @param scale    multiplied before the unit conversion (e.g. 0.1 for a device that counts in tenths)
 */
public record PointSpec(int index, String name, String meterId, Quantity quantity, ObjectRef object,
        PropertyIdentifier property, Optional<BacnetUnits.Conversion> unit, double scale) {

    /** {@code analog-input:3 present-value} with the name: for messages. */
    public String describe() {
        return name + " (" + object + " " + property + ")";
    }
}
