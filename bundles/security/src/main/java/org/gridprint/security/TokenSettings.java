package org.gridprint.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.gridprint.api.security.TokenService;
import org.gridprint.security.token.Durations;
import org.gridprint.security.token.SigningKey;

/**
 * A validated {@value #PID} configuration. Errors name the PID, the field, the value (never the key's) and what is
 * expected. {@link #toString()} never shows the key.
 *
 * @param signingKey the configured key bytes, or empty to use {@code signingKeyFile}
 */
public record TokenSettings(Path signingKeyFile, Optional<byte[]> signingKey, Duration defaultTtl, Duration maxTtl) {

    public static final String PID = "org.gridprint.security.token";

    /**
     * @param karafData ${karaf.data}, for the default key file; may be null when {@code signingKeyFile} or
     *                  {@code signingKey} is set
     */
    public static TokenSettings parse(Map<String, ?> props, String karafData) {
        var pid = text(props, "service.pid", PID);
        var keyText = text(props, "signingKey", "");
        Optional<byte[]> key = Optional.empty();
        if (!keyText.isEmpty()) {
            try {
                key = Optional.of(SigningKey.decode(keyText, pid + ": field 'signingKey'"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        var file = text(props, "signingKeyFile", "");
        Path keyFile;
        if (!file.isEmpty()) {
            keyFile = Path.of(file);
        } else if (karafData != null && !karafData.isEmpty()) {
            keyFile = Path.of(karafData, "gridprint", "token-signing.key");
        } else if (key.isPresent()) {
            keyFile = Path.of("token-signing.key");
        } else {
            throw new IllegalArgumentException(pid + ": field 'signingKeyFile' is empty and karaf.data is not set; "
                    + "expected a file path for the signing key");
        }
        var defaultTtl = duration(pid, props, "defaultTtl", "15m");
        var maxTtl = duration(pid, props, "maxTtl", "24h");
        if (maxTtl.isZero() || maxTtl.isNegative() || maxTtl.compareTo(TokenService.MAX_TTL) > 0) {
            throw new IllegalArgumentException(pid + ": field 'maxTtl' is '" + text(props, "maxTtl", "24h")
                    + "'; expected more than 0 and at most 24h");
        }
        if (defaultTtl.isZero() || defaultTtl.isNegative() || defaultTtl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException(pid + ": field 'defaultTtl' is '" + text(props, "defaultTtl", "15m")
                    + "'; expected more than 0 and at most maxTtl (" + Durations.format(maxTtl) + ")");
        }
        return new TokenSettings(keyFile, key, defaultTtl, maxTtl);
    }

    private static Duration duration(String pid, Map<String, ?> props, String field, String def) {
        var value = text(props, field, def);
        try {
            return Durations.parse(value, pid + ": field '" + field + "' is");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static String text(Map<String, ?> props, String key, String def) {
        var v = props.get(key);
        return v == null ? def : v.toString().trim();
    }

    @Override
    public String toString() {
        return "TokenSettings[signingKeyFile=" + signingKeyFile + ", signingKey=" + (signingKey.isPresent() ? "***" : "")
                + ", defaultTtl=" + defaultTtl + ", maxTtl=" + maxTtl + "]";
    }
}
