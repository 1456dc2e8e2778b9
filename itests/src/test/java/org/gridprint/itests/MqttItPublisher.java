package org.gridprint.itests;

import java.nio.charset.StandardCharsets;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * MqttIT's publishing client (Paho, QoS 1). A class of its own so that the probe loads Paho's classes only after the
 * test has installed feature gridprint-mqtt.
 */
final class MqttItPublisher implements AutoCloseable {

    private final MqttClient client;

    MqttItPublisher(String serverUri) throws MqttException {
        client = new MqttClient(serverUri, "it-publisher", new MemoryPersistence());
        var options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
    }

    void publish(String topic, String json) throws MqttException {
        var message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(topic, message);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
