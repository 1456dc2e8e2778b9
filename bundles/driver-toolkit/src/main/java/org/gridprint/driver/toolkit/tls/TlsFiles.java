package org.gridprint.driver.toolkit.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The TLS settings of one client link, checked: the CA file trusted for the server's certificate (PEM; empty = the
 * JVM's trust store), the optional client certificate (PEM chain with {@code clientKey}, or a PKCS12 file alone) and
 * the protocols in order of preference. {@code pid} names the configuration in every error.
 *
 * @param clientKeyPassword password of a PKCS12 {@code clientCert}; never logged nor part of {@link #toString()}
 */
public record TlsFiles(String pid, Optional<Path> caFile, Optional<Path> clientCert, Optional<Path> clientKey,
        Optional<char[]> clientKeyPassword, List<String> protocols) {

    /** TLS 1.3 preferred, TLS 1.2 allowed. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsFiles {
        protocols = List.copyOf(protocols);
    }

    /** Trust from {@code caFile} (or the JVM's), no client certificate, the default protocols. */
    public static TlsFiles trusting(String pid, Optional<Path> caFile) {
        return new TlsFiles(pid, caFile, Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_PROTOCOLS);
    }

    public boolean hasClientCertificate() {
        return clientCert.isPresent();
    }

    /**
     * Checks the fields {@code caFile}, {@code clientCertFile}, {@code clientKeyFile}, {@code clientKeyPassword} and
     * {@code tlsVersions} of configuration {@code pid}. With {@code tls} false (a {@code tcp://} address) every file
     * field must be empty. Errors name the PID, the field, the value and what is expected (never the password).
     */
    public static TlsFiles parse(String pid, boolean tls, String caFile, String clientCertFile, String clientKeyFile,
            String clientKeyPassword, String tlsVersions) {
        var ca = file(pid, "caFile", caFile, tls);
        var cert = file(pid, "clientCertFile", clientCertFile, tls);
        var key = file(pid, "clientKeyFile", clientKeyFile, tls);
        if (key.isPresent() && cert.isEmpty()) {
            throw new IllegalArgumentException(pid + ": field 'clientKeyFile' is set but 'clientCertFile' is empty; "
                    + "expected both (PEM certificate and key) or only clientCertFile (a PKCS12 file)");
        }
        if (cert.isPresent() && key.isEmpty() && !pkcs12(cert.get())) {
            throw bad(pid, "clientCertFile", cert.get().toString(), "a PKCS12 file (.p12 or .pfx) when "
                    + "clientKeyFile is empty, or a PEM certificate together with clientKeyFile");
        }
        var versions = new ArrayList<String>();
        var text = tlsVersions == null || tlsVersions.isBlank() ? String.join(",", DEFAULT_PROTOCOLS) : tlsVersions;
        for (var v : text.split(",")) {
            var version = v.trim();
            if (!version.equals("TLSv1.3") && !version.equals("TLSv1.2")) {
                throw bad(pid, "tlsVersions", text, "TLSv1.3 and/or TLSv1.2, comma separated, preferred first");
            }
            if (!versions.contains(version)) {
                versions.add(version);
            }
        }
        var password = clientKeyPassword == null || clientKeyPassword.isEmpty() ? Optional.<char[]>empty()
                : Optional.of(clientKeyPassword.toCharArray());
        return new TlsFiles(pid, ca, cert, key, password, versions);
    }

    private static boolean pkcs12(Path p) {
        var name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    private static Optional<Path> file(String pid, String field, String value, boolean tls) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        var path = Path.of(value.trim());
        if (!tls) {
            throw bad(pid, field, value.trim(), "empty with a tcp:// serverUri (TLS files are for ssl:// only)");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw bad(pid, field, value.trim(), "a readable file (absolute path, or relative to the Karaf "
                    + "directory)");
        }
        return Optional.of(path);
    }

    private static IllegalArgumentException bad(String pid, String field, String value, String expected) {
        return new IllegalArgumentException(pid + ": field '" + field + "' is '" + value + "'; expected " + expected);
    }

    @Override
    public String toString() {
        return "TlsFiles[pid=" + pid + ", caFile=" + caFile + ", clientCert=" + clientCert + ", clientKey="
                + clientKey + ", protocols=" + protocols + "]";
    }
}
