package org.gridprint.driver.bacnet.config;

import java.util.List;
import java.util.Map;

/**
 * A device model as data: its points with object, property, quantity, unit and scale, and where the object table
 * comes from. The points' maps are turned into {@link org.gridprint.driver.bacnet.PointSpec}s per device (the
 * meter is the device's).
 */
public record Profile(String name, String file, String model, String manufacturer, String source,
        List<Map<String, Object>> points) {

    public Profile {
        points = List.copyOf(points);
    }
}
