package org.gridprint.mqtt.central;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@value CentralSettings#PID}: this instance is the central of edge instances (docs/edge.md). */
@ObjectClassDefinition(name = "Gridprint edge central (MQTT)", description = "Receives the batches edge instances "
        + "forward over MQTT, stores them through ingest and acknowledges each after the commit")
public @interface CentralConfig {

    @AttributeDefinition(name = "Server URI", description = "tcp://host:port (plain, 1883 when omitted) or "
            + "ssl://host:port (TLS, 8883 when omitted) of the broker the edges publish to")
    String serverUri() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(name = "Client id", description = "Stable: the broker keeps the persistent session under it")
    String clientId() default "gridprint-central";

    @AttributeDefinition(name = "Topic prefix", description = "Batches on <prefix><edge>/batch, acknowledgements "
            + "on <prefix><edge>/ack")
    String topicPrefix() default "gridprint/edge/";

    @AttributeDefinition(name = "User name", required = false)
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Never logged")
    String password() default "";

    @AttributeDefinition(name = "Keep-alive (s)", min = "5", max = "3600")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(name = "Reconnect initial delay (ms)", min = "10")
    long reconnectInitialMillis() default 1000;

    @AttributeDefinition(name = "Reconnect maximum delay (ms)", min = "10")
    long reconnectMaxMillis() default 60_000;

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
