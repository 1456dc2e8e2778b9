package org.gridprint.allocation.rules;

/** A rule configuration that cannot be used: the message names the PID, the field, the value and what is expected. */
public class RuleConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String pid;
    private final String field;

    public RuleConfigException(String pid, String field, String value, String expected) {
        super(pid + ": field '" + field + "' " + (value == null || value.isBlank() ? "is missing"
                : "= '" + value + "' is not usable") + "; expected " + expected);
        this.pid = pid;
        this.field = field;
    }

    public String pid() {
        return pid;
    }

    public String field() {
        return field;
    }
}
