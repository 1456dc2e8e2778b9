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
         * A message on a subscribed topic. An exception leaves the message unacknowledged: the client drops the
         * connection and the broker redelivers it after the reconnect (QoS 1/2, persistent session).
         */
        void messageArrived(String topic, byte[] payload) throws Exception;

        /**
         * An MQTT 5 message that names a response topic (and maybe correlation data): by default handled like any
         * message.
         */
        default void messageArrived(String topic, byte[] payload, String responseTopic, byte[] correlationData)
                throws Exception {
            messageArrived(topic, payload);
        }

        /** A publication of ours completed (PUBACK / PUBCOMP). */
        void delivered();
    }

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
