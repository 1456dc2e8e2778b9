package org.gridprint.edge;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@value EdgeSettings#PID}: this instance is an edge and forwards its outbox to a central instance. */
@ObjectClassDefinition(name = "Gridprint edge forwarder", description = "Forwards what this instance stored (the "
        + "store's outbox, enabled with outboxCapacity in org.gridprint.store.derby) to a central instance over MQTT")
public @interface EdgeConfig {

    @AttributeDefinition(name = "Edge id", description = "This edge's id at the central: letters, digits, '-', "
            + "'_', '.'; the readings arrive there with source edge/<id>")
    String edgeId();

    @AttributeDefinition(name = "Server URI", description = "tcp://host:port (plain, 1883 when omitted) or "
            + "ssl://host:port (TLS, 8883 when omitted) of the broker the central listens on")
    String serverUri() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(name = "Client id", description = "Stable (persistent session); empty = gridprint-edge-<id>",
            required = false)
    String clientId() default "";

    @AttributeDefinition(name = "Topic prefix", description = "Batches to <prefix><id>/batch, acknowledgements from "
            + "<prefix><id>/ack; the same prefix as the central's")
    String topicPrefix() default "gridprint/edge/";

    @AttributeDefinition(name = "User name", required = false)
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Never logged")
    String password() default "";

    @AttributeDefinition(name = "Batch readings", description = "Readings per forwarded batch at most (whole "
            + "outbox entries; one entry larger than this goes alone)", min = "1", max = "10000")
    int batchReadings() default 500;

    @AttributeDefinition(name = "Batches in flight", description = "Batches sent and not yet acknowledged at most",
            min = "1", max = "64")
    int maxInFlight() default 4;

    @AttributeDefinition(name = "Ack timeout (s)", description = "A batch not acknowledged within this is sent "
            + "again (with every batch after it)", min = "1")
    int ackTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Drain rate (readings/s)", description = "At most this many readings per second "
            + "are sent, so that a backlog never floods the broker or the central", min = "1")
    int drainReadingsPerSecond() default 5000;

    @AttributeDefinition(name = "Reconnect initial delay (ms)", description = "First retry after this, doubling",
            min = "100")
    long reconnectInitialMillis() default 1000;

    @AttributeDefinition(name = "Reconnect maximum delay (ms)", min = "100")
    long reconnectMaxMillis() default 60_000;

    @AttributeDefinition(name = "Keep-alive (s)", min = "5", max = "3600")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(name = "CA file", required = false, description = "ssl:// only: PEM file of the CA(s) "
            + "trusted for the broker's certificate; empty = the JVM's trust store. The broker's host name is always "
            + "verified against its certificate")
    String caFile() default "";

    @AttributeDefinition(name = "Client certificate", required = false, description = "ssl:// only: PEM "
            + "certificate chain (with clientKeyFile) or a PKCS12 file (.p12/.pfx) holding key and chain")
    String clientCertFile() default "";

    @AttributeDefinition(name = "Client key", required = false, description = "ssl:// only: unencrypted PKCS#8 "
            + "PEM key of the client certificate (not for PKCS12)")
    String clientKeyFile() default "";

    @AttributeDefinition(name = "Client key password", type = AttributeType.PASSWORD, required = false,
            description = "Password of a PKCS12 clientCertFile; never logged")
    String clientKeyPassword() default "";

    @AttributeDefinition(name = "TLS versions", description = "In order of preference: TLSv1.3,TLSv1.2 or TLSv1.3")
    String tlsVersions() default "TLSv1.3,TLSv1.2";
}
