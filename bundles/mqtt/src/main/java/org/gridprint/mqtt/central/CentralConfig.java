package org.gridprint.mqtt.central;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@value CentralSettings#PID}: this instance is the central of edge instances (docs/edge.md). */
@ObjectClassDefinition(name = "Gridprint edge central (MQTT)", description = "Receives the batches edge instances "
        + "forward over MQTT, stores them through ingest and acknowledges each after the commit")
public @interface CentralConfig {

    @AttributeDefinition(name = "Server URI", description = "tcp://host:port of the broker the edges publish to")
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
    String _password() default "";

    @AttributeDefinition(name = "Keep-alive (s)", min = "5", max = "3600")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(name = "Reconnect initial delay (ms)", min = "10")
    long reconnectInitialMillis() default 1000;

    @AttributeDefinition(name = "Reconnect maximum delay (ms)", min = "10")
    long reconnectMaxMillis() default 60_000;
}
