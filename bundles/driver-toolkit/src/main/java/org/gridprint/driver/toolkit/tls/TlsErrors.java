package org.gridprint.driver.toolkit.tls;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** A TLS failure in the words of the configuration (which field to look at), or empty when it is not one. */
public final class TlsErrors {

    private TlsErrors() {
    }

    /**
     * Describes the first TLS failure in {@code e}'s cause chain for a link to {@code serverUri};
     * {@code clientCertificate} tells whether the configuration has a client certificate.
     */
    public static java.util.Optional<String> describe(Throwable e, String serverUri, boolean clientCertificate) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertificateExpiredException || c instanceof CertificateNotYetValidException) {
                return java.util.Optional.of("TLS: the server's certificate is expired or not yet valid ("
                        + c.getMessage() + ")");
            }
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SSLException s) {
                var m = String.valueOf(s.getMessage());
                if (m.contains("No subject alternative") || m.contains("No name matching")) {
                    return java.util.Optional.of("TLS: hostname mismatch: the server's certificate does not name "
                            + "the host of serverUri " + serverUri + " (hostname verification is on)");
                }
                if (m.contains("PKIX") || m.contains("unable to find valid certification path")
                        || m.contains("signature check failed")) {
                    return java.util.Optional.of("TLS: untrusted certificate: the server's certificate is not "
                            + "signed by a CA of caFile");
                }
                if (m.contains("certificate_required") || m.contains("bad_certificate")
                        || (!clientCertificate && m.contains("handshake_failure"))) {
                    return java.util.Optional.of(clientCertificate
                            ? "TLS: the server refused the client certificate of clientCertFile (" + m + ")"
                            : "TLS: no client certificate: the server requires one (set clientCertFile and "
                                    + "clientKeyFile)");
                }
                if (m.contains("protocol_version") || m.contains("No appropriate protocol")) {
                    return java.util.Optional.of("TLS: no protocol in common with the server (tlsVersions; " + m
                            + ")");
                }
                if (m.contains("unknown_ca") || m.contains("decrypt_error")) {
                    return java.util.Optional.of("TLS: the server does not trust the client certificate of "
                            + "clientCertFile (" + m + ")");
                }
                return java.util.Optional.of((s instanceof SSLHandshakeException ? "TLS handshake failed: "
                        : "TLS failed: ") + m);
            }
        }
        return java.util.Optional.empty();
    }
}
