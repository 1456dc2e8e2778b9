package org.gridprint.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS socket factory of an {@code ssl://} connection: trust from {@code caFile} (PEM, one or more
 * certificates; else the JVM's trust store), the client certificate from PEM (chain + PKCS#8 key) or PKCS12, and
 * only the configured protocols (TLS 1.3 preferred, 1.2 allowed). Hostname verification is switched on by the caller
 * (Paho's HTTPS endpoint identification). Errors name the PID, field and file, never a password.
 */
public final class TlsContexts {

    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private TlsContexts() {
    }

    public static SSLSocketFactory socketFactory(BrokerSettings s) {
        try {
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (s.caFile().isPresent()) {
                var store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                int n = 0;
                for (var cert : certificates(s, "caFile", s.caFile().get())) {
                    store.setCertificateEntry("ca-" + n++, cert);
                }
                trust.init(store);
            } else {
                trust.init((KeyStore) null);
            }
            KeyManagerFactory keys = null;
            if (s.clientCert().isPresent()) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                var password = s.clientKeyPassword().orElse(new char[0]);
                keys.init(clientKeyStore(s, password), password);
            }
            var context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return new ProtocolLimitedFactory(context.getSocketFactory(), s.tlsVersions().toArray(String[]::new));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(BrokerSettings.PID + " '" + s.id() + "': TLS set-up failed: "
                    + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private static KeyStore clientKeyStore(BrokerSettings s, char[] password) throws GeneralSecurityException, IOException {
        var certFile = s.clientCert().get();
        if (s.clientKey().isEmpty()) {
            var store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(certFile)) {
                store.load(in, password);
            } catch (IOException e) {
                throw new IllegalArgumentException(BrokerSettings.PID + " '" + s.id() + "': field 'clientCertFile' "
                        + certFile + " cannot be opened as PKCS12 with 'clientKeyPassword' (wrong password or not a "
                        + "PKCS12 file)");
            }
            return store;
        }
        var chain = certificates(s, "clientCertFile", certFile);
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", privateKey(s, s.clientKey().get()), password, chain.toArray(Certificate[]::new));
        return store;
    }

    private static List<Certificate> certificates(BrokerSettings s, String field, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> certs = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("empty");
            }
            return certs;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(BrokerSettings.PID + " '" + s.id() + "': field '" + field + "' file "
                    + file + " holds no PEM certificate; expected one or more -----BEGIN CERTIFICATE----- blocks");
        }
    }

    private static PrivateKey privateKey(BrokerSettings s, Path file) throws IOException {
        var text = Files.readString(file, StandardCharsets.US_ASCII);
        var m = PEM_KEY.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException(BrokerSettings.PID + " '" + s.id() + "': field 'clientKeyFile' file "
                    + file + " holds no unencrypted PKCS#8 key; expected -----BEGIN PRIVATE KEY----- (convert with "
                    + "openssl pkcs8 -topk8 -nocrypt)");
        }
        var der = Base64.getMimeDecoder().decode(m.group(1));
        for (var algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(BrokerSettings.PID + " '" + s.id() + "': field 'clientKeyFile' file " + file
                + " is not an RSA, EC or Ed25519 PKCS#8 key");
    }

    /** Restricts every socket to the configured protocols. */
    static final class ProtocolLimitedFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final String[] protocols;

        ProtocolLimitedFactory(SSLSocketFactory delegate, String[] protocols) {
            this.delegate = delegate;
            this.protocols = protocols;
        }

        private Socket limit(Socket socket) {
            if (socket instanceof SSLSocket ssl) {
                ssl.setEnabledProtocols(protocols);
            }
            return socket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return limit(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return limit(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return limit(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return limit(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return limit(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return limit(delegate.createSocket(address, port, localAddress, localPort));
        }

        @Override
        public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
            return limit(delegate.createSocket(s, consumed, autoClose));
        }
    }
}
