package org.gridprint.mqtt;

import javax.net.ssl.SSLException;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Paho mqttv5's errors and MQTT 5 reason codes in the words of the configuration (which field to look at). */
final class Mqtt5Errors {

    private Mqtt5Errors() {
    }

    static String describe(Throwable e) {
        if (!(e instanceof MqttException m)) {
            return MqttErrors.describe(e);
        }
        for (Throwable c = m.getCause(); c != null; c = c.getCause()) {
            if (c instanceof SSLException || c instanceof java.net.ConnectException) {
                return MqttErrors.describe(c);
            }
        }
        return switch (m.getReasonCode()) {
            case 0x86, 0x8C -> "the broker refused username/password (MQTT 5 reason 0x"
                    + Integer.toHexString(m.getReasonCode()) + ")";
            case 0x87 -> "the broker refused this client: not authorized (MQTT 5 reason 0x87)";
            case 0x85 -> "the broker refused clientId (MQTT 5 reason 0x85)";
            case 0x84 -> "the broker does not speak MQTT 5 (reason 0x84, unsupported protocol version); set "
                    + "protocol = 3.1.1";
            case 0x8A, 0x89, 0x88 -> "the broker is unavailable or busy (MQTT 5 reason 0x"
                    + Integer.toHexString(m.getReasonCode()) + ")";
            case 0x8F, 0x8E, 0x97, 0xA2 -> "the broker refused a subscription of ingestTopics (MQTT 5 reason 0x"
                    + Integer.toHexString(m.getReasonCode()) + ")";
            case MqttClientException.REASON_CODE_CLIENT_TIMEOUT -> "no answer from the broker in time";
            case MqttClientException.REASON_CODE_CONNECTION_LOST -> "connection lost"
                    + (m.getCause() == null || m.getCause().getMessage() == null ? ""
                            : " (" + m.getCause().getMessage() + ")");
            default -> m.getMessage() + " (reason " + m.getReasonCode() + ")";
        };
    }
}
