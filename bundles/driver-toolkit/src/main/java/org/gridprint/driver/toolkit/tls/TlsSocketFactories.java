package org.gridprint.driver.toolkit.tls;

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
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLSocketFactory} of a client link from {@link TlsFiles}: trust from the CA file (every PEM
 * certificate in it) or the JVM's trust store, the client certificate from a PEM chain + unencrypted PKCS#8 key or
 * from a PKCS12 file, only the configured protocols (in order of preference), and — unless the caller does it
 * itself — hostname verification (endpoint identification "HTTPS": the server certificate must name the host the
 * client connected to). Errors name the PID, the field and the file, never a password.
 */
public final class TlsSocketFactories {

    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private TlsSocketFactories() {
    }

    /** The factory for {@code files}, verifying the server's host name on every socket it creates. */
    public static SSLSocketFactory build(TlsFiles files) {
        try {
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (files.caFile().isPresent()) {
                var store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                int n = 0;
                for (var cert : certificates(files.pid(), "caFile", files.caFile().get())) {
                    store.setCertificateEntry("ca-" + n++, cert);
                }
                trust.init(store);
            } else {
                trust.init((KeyStore) null);
            }
            KeyManagerFactory keys = null;
            if (files.clientCert().isPresent()) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                var password = files.clientKeyPassword().map(char[]::clone).orElse(new char[0]);
                keys.init(clientKeyStore(files, password), password);
            }
            var context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return new Limited(context.getSocketFactory(), files.protocols().toArray(String[]::new));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(files.pid() + ": TLS set-up failed: " + e.getClass().getSimpleName()
                    + " " + e.getMessage());
        }
    }

    private static KeyStore clientKeyStore(TlsFiles files, char[] password) throws GeneralSecurityException,
            IOException {
        var certFile = files.clientCert().get();
        var store = KeyStore.getInstance("PKCS12");
        if (files.clientKey().isEmpty()) {
            try (InputStream in = Files.newInputStream(certFile)) {
                store.load(in, password);
            } catch (IOException e) {
                throw new IllegalArgumentException(files.pid() + ": field 'clientCertFile' is '" + certFile
                        + "'; expected a PKCS12 file that opens with 'clientKeyPassword' (wrong password or not "
                        + "PKCS12)");
            }
            return store;
        }
        var chain = certificates(files.pid(), "clientCertFile", certFile);
        store.load(null, null);
        store.setKeyEntry("client", privateKey(files.pid(), files.clientKey().get()), password,
                chain.toArray(Certificate[]::new));
        return store;
    }

    private static List<Certificate> certificates(String pid, String field, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> certs = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("empty");
            }
            return certs;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pid + ": field '" + field + "' is '" + file + "'; expected a PEM "
                    + "file with one or more -----BEGIN CERTIFICATE----- blocks");
        }
    }

    private static PrivateKey privateKey(String pid, Path file) throws IOException {
        var m = PEM_KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new IllegalArgumentException(pid + ": field 'clientKeyFile' is '" + file + "'; expected an "
                    + "unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----; convert with openssl pkcs8 -topk8 "
                    + "-nocrypt)");
        }
        var der = Base64.getMimeDecoder().decode(m.group(1));
        for (var algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // the next algorithm
            }
        }
        throw new IllegalArgumentException(pid + ": field 'clientKeyFile' is '" + file + "'; expected an RSA, EC "
                + "or Ed25519 PKCS#8 key");
    }

    /** Sets the protocols and hostname verification on every socket. */
    private static final class Limited extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final String[] protocols;

        Limited(SSLSocketFactory delegate, String[] protocols) {
            this.delegate = delegate;
            this.protocols = protocols;
        }

        private Socket limit(Socket socket) {
            if (socket instanceof SSLSocket ssl) {
                SSLParameters p = ssl.getSSLParameters();
                p.setProtocols(protocols);
                p.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(p);
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
