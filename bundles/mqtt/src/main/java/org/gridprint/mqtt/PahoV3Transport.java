package org.gridprint.mqtt;

import java.util.List;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridprint.driver.toolkit.tls.TlsSocketFactories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT 3.1.1 over Paho's mqttv3 {@link MqttAsyncClient}: clean session from {@code cleanSession}, automatic reconnect
 * off (the link reconnects with its own back-off), hostname verification on for ssl://.
 */
final class PahoV3Transport implements MqttTransport, MqttCallbackExtended {

    private static final Logger LOG = LoggerFactory.getLogger(PahoV3Transport.class);

    private final BrokerSettings settings;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final Listener listener;
    /** Counts connect attempts: a {@link Delivery} of an earlier connection is never acknowledged on a later one. */
    private volatile long connection;

    PahoV3Transport(BrokerSettings settings, Listener listener) {
        this.settings = settings;
        this.listener = listener;
        this.options = options(settings);
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException(BrokerSettings.PID + " '" + settings.id() + "': client cannot be "
                    + "created for serverUri '" + settings.serverUri() + "' and clientId '" + settings.clientId()
                    + "': " + e.getMessage());
        }
        client.setCallback(this);
        client.setManualAcks(true);
    }

    static MqttConnectOptions options(BrokerSettings s) {
        var o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(s.cleanSession());
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(s.keepAliveSeconds());
        o.setConnectionTimeout(10);
        o.setMaxInflight(1000);
        s.username().ifPresent(o::setUserName);
        s.password().ifPresent(p -> o.setPassword(p.clone()));
        if (s.tls()) {
            o.setSocketFactory(TlsSocketFactories.build(s.tlsFiles()));
            o.setHttpsHostnameVerificationEnabled(true);
        }
        return o;
    }

    @Override
    public void connect(long timeoutMillis) throws TransportException {
        connection++;
        try {
            client.connect(options).waitForCompletion(timeoutMillis);
        } catch (MqttException e) {
            throw new TransportException(MqttErrors.describe(e), e);
        }
    }

    @Override
    public void subscribe(List<String> filters, int qos, long timeoutMillis) throws TransportException {
        var topics = filters.toArray(String[]::new);
        var qoss = new int[topics.length];
        java.util.Arrays.fill(qoss, qos);
        try {
            var token = client.subscribe(topics, qoss);
            token.waitForCompletion(timeoutMillis);
            for (var granted : token.getGrantedQos()) {
                if (granted == 0x80) {
                    throw new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED);
                }
            }
        } catch (MqttException e) {
            throw new TransportException(MqttErrors.describe(e), e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos) throws TransportException {
        try {
            client.publish(topic, payload, qos, false);
        } catch (MqttException e) {
            throw new TransportException(MqttErrors.describe(e),
                    e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT, e);
        }
    }

    @Override
    public void acknowledge(Delivery delivery) {
        if (delivery.qos() == 0 || delivery.connection() != connection || !client.isConnected()) {
            return;
        }
        try {
            client.messageArrivedComplete(delivery.messageId(), delivery.qos());
        } catch (MqttException | RuntimeException e) {
            // the connection went meanwhile: the broker redelivers the message, storing it again is harmless
            LOG.debug("MQTT {} acknowledgement of message {}: {}", settings.id(), delivery.messageId(), e.getMessage());
        }
    }

    @Override
    public void drop(long timeoutMillis) {
        try {
            client.disconnectForcibly(0, timeoutMillis, false);
        } catch (MqttException e) {
            LOG.debug("MQTT {} drop: {}", settings.id(), e.getMessage());
        }
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void disconnect(long timeoutMillis) {
        try {
            client.disconnect(0).waitForCompletion(timeoutMillis);
        } catch (MqttException e) {
            LOG.debug("MQTT {} disconnect: {}", settings.id(), e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT {} close: {}", settings.id(), e.getMessage());
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        listener.connectionLost(MqttErrors.describe(cause));
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // the link's connect attempt clears the alarm and flushes, after the subscriptions are in place
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
        listener.messageArrived(topic, message.getPayload(), null, null,
                new Delivery(connection, message.getId(), message.getQos()));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        listener.delivered();
    }
}
