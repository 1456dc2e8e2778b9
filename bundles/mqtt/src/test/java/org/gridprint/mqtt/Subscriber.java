package org.gridprint.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/** A test subscriber on the real broker that records every message. */
final class Subscriber implements MqttCallback, AutoCloseable {

    record Received(String topic, String payload, int qos, boolean retained) {
    }

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    Subscriber(String uri, String filter) throws MqttException {
        client = Harness.client(uri, "test-subscriber");
        client.setCallback(this);
        client.subscribe(filter, 1);
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public synchronized void messageArrived(String topic, MqttMessage message) {
        received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.getQos(),
                message.isRetained()));
    }

    @Override
    public void connectionLost(Throwable cause) {
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
