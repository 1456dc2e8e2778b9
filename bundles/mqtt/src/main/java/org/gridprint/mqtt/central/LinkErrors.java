package org.gridprint.mqtt.central;

import java.net.ConnectException;

import org.eclipse.paho.client.mqttv3.MqttException;

/** Paho's failures in words for logs and alarms (never a secret: Paho's texts hold no credentials). */
final class LinkErrors {

    private LinkErrors() {
    }

    static String describe(Throwable e) {
        if (e == null) {
            return "connection closed";
        }
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused (no broker listening)";
            }
        }
        if (e instanceof MqttException m) {
            var cause = m.getCause() == null ? "" : " (" + m.getCause().getMessage() + ")";
            return switch (m.getReasonCode()) {
                case MqttException.REASON_CODE_CONNECTION_LOST -> "connection lost" + cause;
                case MqttException.REASON_CODE_NOT_AUTHORIZED, MqttException.REASON_CODE_FAILED_AUTHENTICATION ->
                        "not authorised by the broker (user name / password)";
                case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "no answer from the broker in time";
                case MqttException.REASON_CODE_SUBSCRIBE_FAILED -> "the broker refused the subscription";
                default -> "MQTT error " + m.getReasonCode() + ": " + m.getMessage() + cause;
            };
        }
        return String.valueOf(e.getMessage());
    }
}
