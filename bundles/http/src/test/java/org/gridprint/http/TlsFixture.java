package org.gridprint.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.gridprint.testing.TestCa;

/** A test CA (openssl), a server certificate for IP 127.0.0.1 in a PKCS12 keystore, and a client trusting the CA. */
final class TlsFixture {

    static final String PASSWORD = "test-keystore-pw";

    final Path keystore;
    final SSLContext clientContext;

    TlsFixture(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        var ca = new TestCa(dir);
        var pair = ca.issue("server", "IP:127.0.0.1", false);
        keystore = dir.resolve("server.p12");
        var p = new ProcessBuilder("openssl", "pkcs12", "-export", "-in", pair[0].toString(), "-inkey",
                pair[1].toString(), "-out", keystore.toString(), "-name", "gridprint", "-passout", "pass:" + PASSWORD)
                .redirectErrorStream(true).start();
        var out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("openssl pkcs12 failed: " + out);
        }
        var trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ca.caCert)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientContext = SSLContext.getInstance("TLSv1.3");
        clientContext.init(null, tmf.getTrustManagers(), null);
    }
}
