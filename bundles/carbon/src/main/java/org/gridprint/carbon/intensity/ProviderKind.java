package org.gridprint.carbon.intensity;

import java.time.Duration;

/** The kinds of grid-intensity provider, each with its factory PID, default base URL and series resolution. */
public enum ProviderKind {
    STATIC("org.gridprint.carbon.intensity.static", "", Duration.ZERO, 3600),
    FILE("org.gridprint.carbon.intensity.file", "", Duration.ofMinutes(60), 900),
    WATTTIME("org.gridprint.carbon.intensity.watttime", "https://api.watttime.org", Duration.ofMinutes(5), 300),
    ELECTRICITY_MAPS("org.gridprint.carbon.intensity.electricitymaps", "https://api.electricitymap.org",
            Duration.ofMinutes(60), 3600),
    UK_CARBON_INTENSITY("org.gridprint.carbon.intensity.ukci", "https://api.carbonintensity.org.uk",
            Duration.ofMinutes(30), 1800);

    private final String pid;
    private final String defaultBaseUrl;
    private final Duration defaultResolution;
    private final int defaultPollSeconds;

    ProviderKind(String pid, String defaultBaseUrl, Duration defaultResolution, int defaultPollSeconds) {
        this.pid = pid;
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultResolution = defaultResolution;
        this.defaultPollSeconds = defaultPollSeconds;
    }

    public String pid() {
        return pid;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** Length of one value of the series; zero for a static value (valid for its whole period). */
    public Duration defaultResolution() {
        return defaultResolution;
    }

    public int defaultPollSeconds() {
        return defaultPollSeconds;
    }

    /** The short name shown in status and logs ({@code static}, {@code file}, {@code watttime}, ...). */
    public String label() {
        return switch (this) {
            case STATIC -> "static";
            case FILE -> "file";
            case WATTTIME -> "watttime";
            case ELECTRICITY_MAPS -> "electricitymaps";
            case UK_CARBON_INTENSITY -> "ukci";
        };
    }
}
