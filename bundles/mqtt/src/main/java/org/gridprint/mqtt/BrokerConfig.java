package org.gridprint.mqtt;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Factory PID {@value BrokerSettings#PID}: one MQTT broker connection. See the bundle README for every field. */
@ObjectClassDefinition(name = "Gridprint MQTT broker", description = "One MQTT 3.1.1 or 5 broker connection: ingest "
        + "subscriptions, publishing of emission windows and alarms")
public @interface BrokerConfig {

    @AttributeDefinition(description = "Connection id, used in the ingest source mqtt/<id> and in alarms")
    String id();

    @AttributeDefinition(description = "tcp://host:1883 or ssl://host:8883")
    String serverUri() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(description = "MQTT client id (stable: the persistent session is keyed by it); default gridprint-<id>")
    String clientId() default "";

    @AttributeDefinition(required = false)
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false)
    String password() default "";

    @AttributeDefinition(description = "false keeps the session (subscriptions and queued QoS 1/2 messages) while disconnected")
    boolean cleanSession() default false;

    @AttributeDefinition(description = "QoS of subscriptions and publications: 1 or 2")
    int qos() default 1;

    @AttributeDefinition(description = "Ingest topic filters, comma separated (+ and # allowed); empty: no ingest")
    String ingestTopics() default "gridprint/ingest/+";

    @AttributeDefinition(description = "Largest accepted message in bytes")
    int maxMessageBytes() default 1_048_576;

    @AttributeDefinition(description = "Topic prefix for emission windows (+ meter id); empty: not published")
    String windowTopicPrefix() default "gridprint/out/windows/";

    @AttributeDefinition(description = "Topic prefix for alarms (+ alarm kind); empty: not published")
    String alarmTopicPrefix() default "gridprint/out/alarms/";

    @AttributeDefinition(description = "PEM file of the CA(s) trusted for the broker's certificate (ssl:// only); empty: the JVM's")
    String caFile() default "";

    @AttributeDefinition(description = "Client certificate: PEM chain, or a PKCS12 file (.p12/.pfx) holding key and chain")
    String clientCertFile() default "";

    @AttributeDefinition(description = "PEM PKCS#8 private key of the client certificate (not for PKCS12)")
    String clientKeyFile() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "Password of the PKCS12 file")
    String clientKeyPassword() default "";

    @AttributeDefinition(description = "TLS protocols in order of preference: TLSv1.3,TLSv1.2 or TLSv1.3")
    String tlsVersions() default "TLSv1.3,TLSv1.2";

    @AttributeDefinition(description = "Seconds between keep-alive pings")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(description = "First reconnect delay in milliseconds (doubles per failure)")
    long reconnectInitialMillis() default 1000;

    @AttributeDefinition(description = "Largest reconnect delay in milliseconds")
    long reconnectMaxMillis() default 60_000;

    @AttributeDefinition(description = "Topic prefix for production-job stamps, utility bills and meter logs "
            + "(<prefix>jobs, <prefix>utility-bills, <prefix>meter-logs/<file>), e.g. gridprint/in/; empty: off")
    String filesTopicPrefix() default "";

    @AttributeDefinition(description = "Topic prefix of the per-item reports of those messages (<prefix><kind>/...)")
    String replyTopicPrefix() default "gridprint/out/replies/";

    @AttributeDefinition(description = "MQTT protocol version: 3.1.1 or 5")
    String protocol() default "3.1.1";

    @AttributeDefinition(description = "MQTT 5: seconds the broker keeps a persistent session (cleanSession=false) "
            + "while Gridprint is away; 4294967295 = never expires")
    long sessionExpirySeconds() default 604_800;
}
