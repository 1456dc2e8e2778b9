package org.gridprint.carbon.intensity;

/** A password or key from the configuration: never printed ({@link #toString()} is a mask), only sent. */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = value == null ? "" : value;
    }

    /** The value, for the request header that needs it; never for a message. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "(none)" : "****";
    }
}
