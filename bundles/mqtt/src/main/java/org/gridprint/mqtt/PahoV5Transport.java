package org.gridprint.mqtt;

import java.util.List;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.gridprint.driver.toolkit.tls.TlsSocketFactories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT 5 over Paho's mqttv5 {@link MqttAsyncClient}. A persistent session is MQTT 5's clean start = false with a
 * session expiry interval ({@code sessionExpirySeconds}); {@code cleanSession = true} is clean start with expiry 0.
 * Automatic reconnect is off (the link reconnects with its own back-off); hostname verification is on for ssl://.
 * A SUBACK reason code of 0x80 or above (not authorised, bad filter, quota) fails the subscription; a DISCONNECT
 * sent by the broker is reported with its reason code and string. A message naming a response topic (MQTT 5
 * request/response) is passed on with it and its correlation data.
 */
final class PahoV5Transport implements MqttTransport, MqttCallback {

    private static final Logger LOG = LoggerFactory.getLogger(PahoV5Transport.class);

    private final BrokerSettings settings;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final Listener listener;
    /** Counts connect attempts: a {@link Delivery} of an earlier connection is never acknowledged on a later one. */
    private volatile long connection;

    PahoV5Transport(BrokerSettings settings, Listener listener) {
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

    static MqttConnectionOptions options(BrokerSettings s) {
        var o = new MqttConnectionOptions();
        o.setCleanStart(s.cleanSession());
        o.setSessionExpiryInterval(s.cleanSession() ? 0L : s.sessionExpirySeconds());
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(s.keepAliveSeconds());
        o.setConnectionTimeout(10);
        o.setReceiveMaximum(1000);
        s.username().ifPresent(o::setUserName);
        s.password().ifPresent(p -> o.setPassword(new String(p).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
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
            throw new TransportException(Mqtt5Errors.describe(e), e);
        }
    }

    @Override
    public void subscribe(List<String> filters, int qos, long timeoutMillis) throws TransportException {
        var subscriptions = new MqttSubscription[filters.size()];
        for (int i = 0; i < subscriptions.length; i++) {
            subscriptions[i] = new MqttSubscription(filters.get(i), qos);
        }
        try {
            var token = client.subscribe(subscriptions);
            token.waitForCompletion(timeoutMillis);
            var codes = token.getReasonCodes();
            for (int i = 0; codes != null && i < codes.length; i++) {
                if (codes[i] >= 0x80) {
                    throw new TransportException("the broker refused the subscription of ingestTopics '"
                            + (i < filters.size() ? filters.get(i) : "?") + "' (MQTT 5 reason 0x"
                            + Integer.toHexString(codes[i]) + ")", null);
                }
            }
        } catch (MqttException e) {
            throw new TransportException(Mqtt5Errors.describe(e), e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos) throws TransportException {
        try {
            client.publish(topic, payload, qos, false);
        } catch (MqttException e) {
            throw new TransportException(Mqtt5Errors.describe(e),
                    e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT, e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, byte[] correlationData) throws TransportException {
        if (correlationData == null) {
            publish(topic, payload, qos);
            return;
        }
        var properties = new MqttProperties();
        properties.setCorrelationData(correlationData);
        try {
            client.publish(topic, new MqttMessage(payload, qos, false, properties));
        } catch (MqttException e) {
            throw new TransportException(Mqtt5Errors.describe(e),
                    e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT, e);
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
            client.disconnect(timeoutMillis).waitForCompletion(timeoutMillis);
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
    public void disconnected(MqttDisconnectResponse response) {
        if (response.getException() != null) {
            listener.connectionLost(Mqtt5Errors.describe(response.getException()));
        } else {
            listener.connectionLost("the broker disconnected (MQTT 5 reason 0x"
                    + Integer.toHexString(response.getReturnCode())
                    + (response.getReasonString() == null ? "" : ": " + response.getReasonString()) + ")");
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.debug("MQTT {} protocol error: {}", settings.id(), Mqtt5Errors.describe(exception));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
        var properties = message.getProperties();
        var responseTopic = properties == null ? null : properties.getResponseTopic();
        var delivery = new Delivery(connection, message.getId(), message.getQos());
        if (responseTopic != null && !responseTopic.isEmpty()) {
            listener.messageArrived(topic, message.getPayload(), responseTopic, properties.getCorrelationData(),
                    delivery);
        } else {
            listener.messageArrived(topic, message.getPayload(), null, null, delivery);
        }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        listener.delivered();
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // the link's connect attempt clears the alarm and flushes, after the subscriptions are in place
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }
}
