package org.gridprint.store.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the store needs to know: where the server is, how to log in, which schema, the pool and the local anchor
 * directory. The password never appears in {@link #toString()}.
 */
public record PostgresOptions(String url, String user, String password, String schema, int poolSize,
        Path anchorDirectory, Duration anchorInterval, Duration connectTimeout, int maxGroupBatches,
        Duration maxRetry) {

    public static final String DEFAULT_SCHEMA = "gridprint";
    public static final int DEFAULT_POOL_SIZE = 4;
    public static final int DEFAULT_ANCHOR_INTERVAL_SECONDS = 10;
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;
    public static final int DEFAULT_MAX_GROUP_BATCHES = 256;
    public static final int DEFAULT_MAX_RETRY_SECONDS = 30;
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresOptions {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(anchorDirectory, "anchorDirectory");
        Objects.requireNonNull(anchorInterval, "anchorInterval");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(maxRetry, "maxRetry");
        var pid = PostgresStore.PID;
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(pid + ": url '" + ServerAddress.withoutQuery(url)
                    + "': expected jdbc:postgresql://<host>:<port>/<database>");
        }
        if (url.contains("?") && url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException(pid + ": url must not carry the password (found password= in its "
                    + "query); put it in the field 'password'");
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException(pid + ": user is empty; expected the PostgreSQL role to log in as");
        }
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException(pid + ": schema '" + schema + "': expected lower-case letters, digits "
                    + "and '_', starting with a letter or '_', at most 63 characters");
        }
        if (poolSize < 1 || poolSize > 64) {
            throw new IllegalArgumentException(pid + ": poolSize " + poolSize + ": expected 1..64");
        }
        if (maxGroupBatches < 1 || maxGroupBatches > 1024) {
            throw new IllegalArgumentException(pid + ": maxGroupBatches " + maxGroupBatches + ": expected 1..1024");
        }
        positive(pid, "anchorIntervalSeconds", anchorInterval);
        positive(pid, "connectTimeoutSeconds", connectTimeout);
        positive(pid, "maxRetrySeconds", maxRetry);
    }

    private static void positive(String pid, String field, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(pid + ": " + field + " " + d.toSeconds() + ": expected >= 1");
        }
    }

    /** Defaults for everything but the server, the login and the anchor directory (tests, benchmarks). */
    public static PostgresOptions of(String url, String user, String password, Path anchorDirectory) {
        return new PostgresOptions(url, user, password, DEFAULT_SCHEMA, DEFAULT_POOL_SIZE, anchorDirectory,
                Duration.ofSeconds(DEFAULT_ANCHOR_INTERVAL_SECONDS),
                Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS),
                DEFAULT_MAX_GROUP_BATCHES, Duration.ofSeconds(DEFAULT_MAX_RETRY_SECONDS));
    }

    static PostgresOptions of(Config c) {
        return new PostgresOptions(c.url().trim(), c.user().trim(), c.password(), c.schema().trim(), c.poolSize(),
                anchorDirectoryOf(c.anchorDirectory()), Duration.ofSeconds(c.anchorIntervalSeconds()),
                Duration.ofSeconds(c.connectTimeoutSeconds()), c.maxGroupBatches(),
                Duration.ofSeconds(c.maxRetrySeconds()));
    }

    static Path anchorDirectoryOf(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        var karafData = System.getProperty("karaf.data");
        return karafData != null && !karafData.isBlank() ? Path.of(karafData, "gridprint-postgres")
                : Path.of("data", "gridprint-postgres");
    }

    public PostgresOptions withSchema(String newSchema) {
        return new PostgresOptions(url, user, password, newSchema, poolSize, anchorDirectory, anchorInterval,
                connectTimeout, maxGroupBatches, maxRetry);
    }

    public PostgresOptions withPassword(String newPassword) {
        return new PostgresOptions(url, user, newPassword, schema, poolSize, anchorDirectory, anchorInterval,
                connectTimeout, maxGroupBatches, maxRetry);
    }

    public PostgresOptions withMaxRetry(Duration newMaxRetry) {
        return new PostgresOptions(url, user, password, schema, poolSize, anchorDirectory, anchorInterval,
                connectTimeout, maxGroupBatches, newMaxRetry);
    }

    public PostgresOptions withAnchorInterval(Duration newInterval) {
        return new PostgresOptions(url, user, password, schema, poolSize, anchorDirectory, newInterval,
                connectTimeout, maxGroupBatches, maxRetry);
    }

    /** Text masking the password: safe to log. */
    Masking masking() {
        return new Masking(password);
    }

    @Override
    public String toString() {
        return "PostgresOptions[url=" + ServerAddress.withoutQuery(url) + ", user=" + user + ", password="
                + (password.isEmpty() ? "(none)" : "****") + ", schema=" + schema + ", poolSize=" + poolSize
                + ", anchorDirectory=" + anchorDirectory + ", anchorInterval=" + anchorInterval + ", connectTimeout="
                + connectTimeout + ", maxGroupBatches=" + maxGroupBatches + ", maxRetry=" + maxRetry + "]";
    }
}
