package org.gridprint.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A test subscriber on the real broker that records every message. */
final class Subscriber implements MqttCallback, AutoCloseable {

    record Received(String topic, String payload, int qos, boolean retained) {
    }

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    Subscriber(String uri, String filter) throws MqttException {
        this(uri, filter, true);
    }

    /** @param cleanSession false: a persistent session that collects QoS 1 messages while this subscriber is away */
    Subscriber(String uri, String filter, boolean cleanSession) throws MqttException {
        client = new MqttClient(uri, "test-subscriber", new MemoryPersistence());
        var options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        client.setCallback(this);
        client.connect(options);
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
