package org.gridprint.driver.toolkit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Addresses, TLS fields and TLS errors in the words of the configuration (pure logic; handshakes: EdgeTlsTest). */
class TlsConfigTest {

    @Test
    void addressesGetTheirDefaultPorts() {
        assertEquals("tcp://broker:1883", ServerUris.normalise("p", "serverUri", "tcp://broker"));
        assertEquals("ssl://broker:8883", ServerUris.normalise("p", "serverUri", " ssl://broker "));
        assertEquals("ssl://10.0.0.5:9883", ServerUris.normalise("p", "serverUri", "ssl://10.0.0.5:9883"));
        assertTrue(ServerUris.tls("ssl://broker:8883"));
        for (var bad : List.of("mqtts://broker", "ssl://", "tcp://broker:1883/x", "broker:1883", "ssl://u:p@h:1")) {
            var e = assertThrows(IllegalArgumentException.class, () -> ServerUris.normalise("pid.x", "serverUri", bad));
            assertTrue(e.getMessage().startsWith("pid.x: field 'serverUri' is '" + bad + "'; expected tcp://"),
                    e.getMessage());
        }
    }

    @Test
    void filesAreCheckedAndThePasswordIsNeverShown(@TempDir Path dir) throws Exception {
        var p12 = Files.writeString(dir.resolve("edge.p12"), "x");
        var files = TlsFiles.parse("pid.x", true, "", p12.toString(), "", "s3cret", "TLSv1.3");
        assertEquals(Optional.of(p12), files.clientCert());
        assertEquals(List.of("TLSv1.3"), files.protocols());
        assertFalse(files.toString().contains("s3cret"), files.toString());
        var pem = Files.writeString(dir.resolve("edge.pem"), "x");
        var e = assertThrows(IllegalArgumentException.class,
                () -> TlsFiles.parse("pid.x", true, "", pem.toString(), "", "", ""));
        assertTrue(e.getMessage().startsWith("pid.x: field 'clientCertFile' is '" + pem + "'; expected a PKCS12 "
                + "file"), e.getMessage());
        // a CA file that holds no certificate is named when the factory is built
        var ca = Files.writeString(dir.resolve("ca.pem"), "no certificate here");
        e = assertThrows(IllegalArgumentException.class,
                () -> TlsSocketFactories.build(TlsFiles.trusting("pid.x", Optional.of(ca))));
        assertEquals("pid.x: field 'caFile' is '" + ca + "'; expected a PEM file with one or more -----BEGIN "
                + "CERTIFICATE----- blocks", e.getMessage());
    }

    @Test
    void handshakeFailuresAreTranslated() {
        var uri = "ssl://127.0.0.1:8883";
        assertEquals(Optional.of("TLS: hostname mismatch: the server's certificate does not name the host of "
                + "serverUri ssl://127.0.0.1:8883 (hostname verification is on)"), TlsErrors.describe(
                        new RuntimeException(new SSLHandshakeException("No subject alternative names matching IP "
                                + "address 127.0.0.1 found")), uri, false));
        assertEquals(Optional.of("TLS: untrusted certificate: the server's certificate is not signed by a CA of "
                + "caFile"), TlsErrors.describe(new SSLHandshakeException("PKIX path building failed"), uri, false));
        assertEquals(Optional.of("TLS: no client certificate: the server requires one (set clientCertFile and "
                + "clientKeyFile)"), TlsErrors.describe(new SSLHandshakeException("Received fatal alert: "
                        + "certificate_required"), uri, false));
        assertEquals(Optional.empty(), TlsErrors.describe(new java.net.ConnectException("refused"), uri, false));
    }
}
