package org.gridprint.mqtt;

import java.util.List;

/**
 * One MQTT client connection as {@link BrokerLink} uses it, whatever the protocol version: Paho's mqttv3 client for
 * MQTT 3.1.1 ({@link PahoV3Transport}) or its mqttv5 client for MQTT 5 ({@link PahoV5Transport}). Errors come as
 * {@link TransportException} with the reason already in the configuration's words.
 */
interface MqttTransport extends AutoCloseable {

    /** What the transport tells its link. */
    interface Listener {

        /** The connection dropped (or the broker disconnected us). */
        void connectionLost(String reason);

        /**
         * A message on a subscribed topic, acknowledged only when {@link MqttTransport#acknowledge} is called with
         * its {@code delivery} (manual acknowledgements): a message never acknowledged is redelivered by the broker
         * after the next connect (QoS 1/2, persistent session). {@code responseTopic} and {@code correlationData}
         * are null unless an MQTT 5 message names a response topic. An exception drops the connection.
         */
        void messageArrived(String topic, byte[] payload, String responseTopic, byte[] correlationData,
                Delivery delivery) throws Exception;

        /** A publication of ours completed (PUBACK / PUBCOMP). */
        void delivered();
    }

    /**
     * Which message of which connection to acknowledge: {@code connection} counts the connects of this transport, so
     * an acknowledgement that arrives after its connection was lost is not sent on the next one (the broker
     * redelivers that message instead; storing it again is harmless).
     */
    record Delivery(long connection, int messageId, int qos) {
    }

    /**
     * Sends the PUBACK (QoS 1) or PUBCOMP (QoS 2) of a message whose handling is complete; nothing when its
     * connection is gone or for QoS 0. Call in the order the messages arrived. Never throws.
     */
    void acknowledge(Delivery delivery);

    /**
     * Drops the connection without a DISCONNECT and without acknowledging anything more, like a lost connection:
     * the broker keeps the session and redelivers every unacknowledged message after the next connect. Must not be
     * called on the thread that delivers messages.
     */
    void drop(long timeoutMillis);

    /** Connects with the settings' options (clean start/session, keep-alive, credentials, TLS); blocks up to the timeout. */
    void connect(long timeoutMillis) throws TransportException;

    /** Subscribes the filters with one QoS; a filter the broker refuses fails the whole call. */
    void subscribe(List<String> filters, int qos, long timeoutMillis) throws TransportException;

    /** Publishes, not retained; {@link TransportException#inflightFull()} when too many are in flight. */
    void publish(String topic, byte[] payload, int qos) throws TransportException;

    /** An MQTT 5 response: correlation data attached (null: none); MQTT 3.1.1 publishes the payload alone. */
    default void publish(String topic, byte[] payload, int qos, byte[] correlationData) throws TransportException {
        publish(topic, payload, qos);
    }

    boolean isConnected();

    /** Disconnects (quietly: errors are only logged at DEBUG). */
    void disconnect(long timeoutMillis);

    /** Releases the client; no exception. */
    @Override
    void close();

    /** A failed transport call with its reason in the configuration's words. */
    final class TransportException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean inflightFull;

        TransportException(String reason, boolean inflightFull, Throwable cause) {
            super(reason, cause);
            this.inflightFull = inflightFull;
        }

        TransportException(String reason, Throwable cause) {
            this(reason, false, cause);
        }

        boolean inflightFull() {
            return inflightFull;
        }
    }
}
