package org.gridprint.mqtt;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.eclipse.paho.client.mqttv3.MqttException;

/** Paho's errors in the words of the configuration (which field to look at). */
final class MqttErrors {

    private MqttErrors() {
    }

    static String describe(Throwable e) {
        if (e == null) {
            return "connection closed";
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SSLHandshakeException h) {
                var m = String.valueOf(h.getMessage());
                if (m.contains("No subject alternative") || m.contains("No name matching")) {
                    return "TLS: the broker's certificate does not name the host of serverUri (hostname verification; "
                            + m + ")";
                }
                if (m.contains("PKIX") || m.contains("unable to find valid certification path")) {
                    return "TLS: the broker's certificate is not signed by a CA of caFile";
                }
                return "TLS handshake failed: " + m;
            }
            if (c instanceof SSLException s) {
                return "TLS failed: " + s.getMessage();
            }
            if (c instanceof java.net.ConnectException) {
                return "connection refused (is the broker running at serverUri?)";
            }
        }
        if (e instanceof MqttException m) {
            return switch (m.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                        MqttException.REASON_CODE_NOT_AUTHORIZED -> "the broker refused username/password (reason "
                        + m.getReasonCode() + ")";
                case MqttException.REASON_CODE_INVALID_CLIENT_ID -> "the broker refused clientId";
                case MqttException.REASON_CODE_SUBSCRIBE_FAILED -> "the broker refused a subscription of ingestTopics";
                case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "no answer from the broker in time";
                case MqttException.REASON_CODE_CONNECTION_LOST -> "connection lost"
                        + (m.getCause() == null || m.getCause().getMessage() == null ? ""
                                : " (" + m.getCause().getMessage() + ")");
                default -> m.getMessage() + " (reason " + m.getReasonCode() + ")";
            };
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
