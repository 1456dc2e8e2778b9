package org.gridprint.carbon.intensity;

/** The outcome of reading one provider configuration. */
public sealed interface ProviderConfig {

    String pid();

    /** Usable: the provider polls and may serve its site. */
    record Valid(String pid, ProviderSettings settings) implements ProviderConfig {
    }

    /** Not usable: {@code message} names the PID, field, value and what is expected; id/site as far as read. */
    record Invalid(String pid, ProviderKind kind, String id, String site, String message) implements ProviderConfig {
    }
}
