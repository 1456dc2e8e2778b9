package org.gridprint.store.postgres;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The configuration of the PostgreSQL store, PID {@value PostgresStore#PID} (singleton, required). */
@ObjectClassDefinition(name = "Gridprint PostgreSQL store", description = "The reading ledger, emission store and "
        + "meter table in a PostgreSQL server. PID org.gridprint.store.postgres.")
public @interface Config {

    @AttributeDefinition(name = "JDBC URL", description = "jdbc:postgresql://<host>:<port>/<database>; credentials "
            + "go in user and password, not in the URL")
    String url() default "jdbc:postgresql://127.0.0.1:5432/gridprint";

    @AttributeDefinition(name = "User", description = "The PostgreSQL role the store logs in as")
    String user() default "gridprint";

    @AttributeDefinition(name = "Password", description = "The role's password; never logged",
            type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "Schema", description = "The schema holding the store's tables (created if "
            + "missing): lower-case letters, digits and '_', starting with a letter or '_'")
    String schema() default PostgresOptions.DEFAULT_SCHEMA;

    @AttributeDefinition(name = "Pool size", description = "Reader connections at most (queries, exports, "
            + "verify); the writer has its own connection", min = "1", max = "64")
    int poolSize() default PostgresOptions.DEFAULT_POOL_SIZE;

    @AttributeDefinition(name = "Anchor directory", description = "Local directory of the head log "
            + "(ledger-head.log) and the verify checkpoint file; empty = ${karaf.data}/gridprint-postgres")
    String anchorDirectory() default "";

    @AttributeDefinition(name = "Anchor interval (s)", description = "The head is appended to the head log at most "
            + "once per this many seconds, on close and after every recovery", min = "1")
    int anchorIntervalSeconds() default PostgresOptions.DEFAULT_ANCHOR_INTERVAL_SECONDS;

    @AttributeDefinition(name = "Connect timeout (s)", description = "How long a connection attempt or a reader "
            + "waiting for a pooled connection waits before it fails", min = "1")
    int connectTimeoutSeconds() default PostgresOptions.DEFAULT_CONNECT_TIMEOUT_SECONDS;

    @AttributeDefinition(name = "Group commit", description = "Batches committed together at most when they "
            + "arrive together (one transaction, one durable commit)", min = "1", max = "1024")
    int maxGroupBatches() default PostgresOptions.DEFAULT_MAX_GROUP_BATCHES;

    @AttributeDefinition(name = "Longest reconnect back-off (s)", description = "While the server is unreachable the "
            + "store retries after 0.5 s, doubling up to this", min = "1")
    int maxRetrySeconds() default PostgresOptions.DEFAULT_MAX_RETRY_SECONDS;
}
