package org.gridprint.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.gridprint.api.device.Device;
import org.gridprint.api.device.DeviceHealth;
import org.gridprint.api.device.DeviceState;
import org.gridprint.api.export.Exporter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;

/** Service look-ups the commands do through the bundle context (every Device; the Exporter of a format). */
final class Devices {

    private Devices() {
    }

    /** The health of every registered Device, sorted by id; a device whose health() throws shows as ERROR. */
    static List<DeviceHealth> all(BundleContext context) {
        var result = new ArrayList<DeviceHealth>();
        try {
            for (var ref : context.getServiceReferences(Device.class, null)) {
                var device = context.getService(ref);
                if (device == null) {
                    continue;
                }
                var property = ref.getProperty(Device.PROPERTY_DEVICE_ID);
                var id = property == null ? "?" : property.toString();
                try {
                    result.add(device.health());
                } catch (RuntimeException e) {
                    result.add(new DeviceHealth(id, "?", DeviceState.ERROR, Optional.empty(), Optional.empty(),
                            Optional.of("health() failed: " + e), List.of(), 0));
                } finally {
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        result.sort(Comparator.comparing(DeviceHealth::deviceId));
        return result;
    }

    /**
     * Calls {@code action} with the Exporter whose {@code gridprint.export.format} is {@code format} (validated by
     * {@link ExportFormat#parse}, so it cannot change the service filter).
     */
    static <T> Optional<T> withExporter(BundleContext context, String format, ExporterCall<T> action) throws Exception {
        var name = ExportFormat.parse(format);
        var refs = context.getServiceReferences(Exporter.class, "(" + Exporter.FORMAT + "=" + name + ")");
        for (var ref : refs) {
            var exporter = context.getService(ref);
            if (exporter == null) {
                continue;
            }
            try {
                return Optional.of(action.call(exporter));
            } finally {
                context.ungetService(ref);
            }
        }
        return Optional.empty();
    }

    @FunctionalInterface
    interface ExporterCall<T> {
        T call(Exporter exporter) throws Exception;
    }
}
