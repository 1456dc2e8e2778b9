package org.gridprint.allocation.datacenter;

/**
 * A bad data-center or server-type configuration: the message names the PID, the configuration, the field, the value
 * and what is expected.
 */
final class ConfigProblem extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    ConfigProblem(String pid, String name, String field, Object value, String expected) {
        super(pid + (name == null || name.isEmpty() ? "" : " '" + name + "'") + ": field " + field + " = '"
                + (value == null ? "" : value) + "' " + expected);
    }
}
