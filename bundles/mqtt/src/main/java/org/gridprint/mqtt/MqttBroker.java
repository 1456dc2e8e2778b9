package org.gridprint.mqtt;

/** One configured MQTT broker connection ({@value BrokerSettings#PID}), registered as a service per configuration. */
public interface MqttBroker {

    String id();

    LinkStatus status();
}
