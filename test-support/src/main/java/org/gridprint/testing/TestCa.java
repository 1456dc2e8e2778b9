package org.gridprint.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A test CA and certificates made with the openssl command line in the test's directory. */
public final class TestCa {

    public final Path dir;
    public final Path caCert;
    public final Path caKey;

    public TestCa(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.caCert = dir.resolve("ca.pem");
        this.caKey = dir.resolve("ca.key");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out",
                caCert.toString(), "-days", "2", "-subj", "/CN=Gridprint Test CA");
    }

    /** Issues a certificate with the given subjectAltName (e.g. {@code IP:127.0.0.1}); returns [cert, key]. */
    public Path[] issue(String name, String subjectAltName, boolean client) throws IOException, InterruptedException {
        var key = dir.resolve(name + ".key");
        var csr = dir.resolve(name + ".csr");
        var cert = dir.resolve(name + ".pem");
        var ext = dir.resolve(name + ".ext");
        Files.write(ext, List.of("subjectAltName=" + subjectAltName,
                "extendedKeyUsage=" + (client ? "clientAuth" : "serverAuth")));
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
                "-subj", "/CN=" + name);
        run("openssl", "x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
        return new Path[] {cert, key};
    }

    private void run(String... command) throws IOException, InterruptedException {
        var log = dir.resolve("openssl.log");
        var p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + read(log));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
