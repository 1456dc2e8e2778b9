package org.gridprint.shell.allocation;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.karaf.shell.api.console.Session;

/** A Karaf session whose console the test reads. */
final class JobConsole {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    Session session() {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> method.getName().equals("getConsole") ? out : null);
    }

    List<String> lines() {
        var lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        bytes.reset();
        return lines;
    }
}
