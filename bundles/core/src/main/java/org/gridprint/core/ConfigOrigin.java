package org.gridprint.core;

import java.util.Map;

/** Names a configuration for error messages: its PID and, when Karaf's file install created it, the file. */
final class ConfigOrigin {

    static final String SERVICE_PID = "service.pid";
    static final String FILE_NAME = "felix.fileinstall.filename";

    private ConfigOrigin() {
    }

    /** E.g. {@code org.gridprint.meter~ahu2 (etc/org.gridprint.meter-ahu2.cfg)}. */
    static String describe(Map<String, ?> properties, String fallbackPid) {
        var pid = text(properties.get(SERVICE_PID));
        if (pid.isEmpty()) {
            pid = fallbackPid;
        }
        var file = text(properties.get(FILE_NAME));
        if (file.isEmpty()) {
            return pid;
        }
        return pid + " (" + shortFile(file) + ")";
    }

    /** {@code file:/opt/karaf/etc/x.cfg} becomes {@code etc/x.cfg}. */
    static String shortFile(String file) {
        var f = file.replace('\\', '/');
        var slash = f.lastIndexOf('/');
        if (slash < 0) {
            return f;
        }
        var parentSlash = f.lastIndexOf('/', slash - 1);
        return f.substring(parentSlash + 1);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }
}
