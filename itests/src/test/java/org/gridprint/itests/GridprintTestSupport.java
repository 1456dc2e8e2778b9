package org.gridprint.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Boots the project's own distribution (gridprint-karaf-distribution tar.gz, built earlier in the reactor) with
 * its own free SSH/RMI ports, the build's local Maven repository and no remote repository, and the Java 9+
 * flags bin/karaf adds. Helpers: run console commands, wait for services, bounded polling.
 */
public abstract class GridprintTestSupport {

    /** Set by failsafe: the build's local repository (probe bundles and the Derby jars come from it). */
    static final String REPO = System.getProperty("maven.repo.local",
            System.getProperty("user.home") + "/.m2/repository");
    static final String TARGET = System.getProperty("gridprint.it.target", "target");
    static final String DERBY_VERSION = System.getProperty("gridprint.it.derby.version", "10.16.1.1");
    static final String KARAF_VERSION = "4.4.10";

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    @Inject
    protected FeaturesService featuresService;

    @Inject
    protected org.osgi.service.cm.ConfigurationAdmin configurationAdmin;

    /** Factory configurations made by {@link #configure}, deleted by {@link #deleteConfigurations}. */
    private final List<org.osgi.service.cm.Configuration> made = new ArrayList<>();

    /** Creates a factory configuration from key/value pairs; it is deleted by {@link #deleteConfigurations()}. */
    protected org.osgi.service.cm.Configuration configure(String factoryPid, String... keyValues) throws IOException {
        var c = configurationAdmin.createFactoryConfiguration(factoryPid, "?");
        var d = new java.util.Hashtable<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            d.put(keyValues[i], keyValues[i + 1]);
        }
        c.update(d);
        made.add(c);
        return c;
    }

    /** Deletes the configurations {@link #configure} made (those already gone are skipped). */
    protected void deleteConfigurations() {
        for (var c : made) {
            try {
                c.delete();
            } catch (IOException | IllegalStateException e) {
                // already deleted
            }
        }
        made.clear();
    }

    @Configuration
    public Option[] config() {
        MavenArtifactUrlReference distribution = maven().groupId("org.gridprint")
                .artifactId("gridprint-karaf-distribution").type("tar.gz").versionAsInProject();
        var options = new ArrayList<Option>(List.of(
                karafDistributionConfiguration().frameworkUrl(distribution).name("Gridprint")
                        .unpackDirectory(new File(TARGET, "exam")).useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                        Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                        Integer.toString(freePort())),
                // the Karaf under test resolves Pax Exam's probe bundles from the build's repository, offline
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", REPO),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                systemProperty("gridprint.it.repo").value(REPO),
                systemProperty("gridprint.it.derby.version").value(DERBY_VERSION),
                systemProperty("gridprint.it.target").value(new File(TARGET).getAbsolutePath())));
        if (Boolean.getBoolean("gridprint.it.keep")) {
            options.add(keepRuntimeFolder()); // mvn install -Dgridprint.it.keep=true: keep target/exam/<uuid> for its logs
        }
        options.addAll(java17Options());
        options.addAll(Arrays.asList(extraOptions()));
        return options.toArray(new Option[0]);
    }

    /** Further options of a test class. */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    /** What bin/karaf adds on Java 9+; without them karaf.log shows NoClassDefFoundError ... OsgiLocator. */
    private static List<Option> java17Options() {
        var flags = List.of(
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + KARAF_VERSION + ".jar",
                "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + KARAF_VERSION + ".jar",
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
                "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*",
                "-Xmx512m");
        var options = new ArrayList<Option>();
        for (var flag : flags) {
            options.add(vmOption(flag));
        }
        return options;
    }

    /** A free TCP port on the loopback interface. */
    static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a console command in a fresh session, as a user with every Gridprint role (admin, operator, viewer: the
     * distribution's admingroup), and returns what it printed (and its result, formatted).
     */
    protected String execute(String command) {
        return executeAs(command, "admin", "manager", "operator", "viewer", "ssh");
    }

    /**
     * Runs a console command in a fresh session as a JAAS subject with the given roles (the command ACLs of
     * etc/org.apache.karaf.command.acl.*.cfg apply), and returns what it printed.
     */
    protected String executeAs(String command, String... roles) {
        var subject = new javax.security.auth.Subject();
        subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.UserPrincipal("it-" + String.join("-", roles)));
        for (var role : roles) {
            subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.RolePrincipal(role));
        }
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Callable<Object> call = () -> javax.security.auth.Subject.doAs(subject,
                    (java.security.PrivilegedAction<Object>) () -> {
                try (Session session = sessionFactory.create(System.in, out, out)) {
                    Object result = session.execute(command);
                    if (result != null) {
                        out.println(result);
                    }
                } catch (Exception e) {
                    out.println("COMMAND FAILED: " + e);
                    e.printStackTrace(out);
                }
                return null;
            });
            Future<Object> future = executor.submit(call);
            future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            fail("command '" + command + "' did not complete: " + e);
        } finally {
            executor.shutdownNow();
        }
        out.flush();
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.err.println("$ " + command + "\n" + text);
        return text;
    }

    /** Waits (bounded) for a service and returns it. */
    protected <T> T service(Class<T> type) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(bundleContext, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(WAIT.toMillis());
            if (service == null) {
                fail("no " + type.getName() + " service within " + WAIT + "; bundles: " + bundleStates());
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }

    /** Polls a condition every 200 ms until it holds or the bounded wait runs out. */
    protected static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not yet: a service may be restarting; retry until the deadline
            }
            if (System.nanoTime() > deadline) {
                fail("timed out after " + limit + " waiting for: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Polls until the supplier gives a non-null value. */
    protected static <T> T awaitValue(String what, Duration limit, Supplier<T> supplier) {
        var holder = new Object[1];
        await(what, limit, () -> (holder[0] = supplier.get()) != null);
        @SuppressWarnings("unchecked")
        T value = (T) holder[0];
        return value;
    }

    protected Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        fail("bundle " + symbolicName + " is not installed; bundles: " + bundleStates());
        return null;
    }

    protected void assertActive(String symbolicName) {
        await(symbolicName + " ACTIVE", WAIT, () -> bundle(symbolicName).getState() == Bundle.ACTIVE);
        assertEquals(symbolicName, Bundle.ACTIVE, bundle(symbolicName).getState());
    }

    protected void installFeatureIfMissing(String feature) throws Exception {
        if (!featuresService.isInstalled(featuresService.getFeature(feature))) {
            featuresService.installFeature(feature);
        }
    }

    protected String bundleStates() {
        var sb = new StringBuilder();
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName().startsWith("org.gridprint") || b.getState() != Bundle.ACTIVE) {
                sb.append(b.getSymbolicName()).append('=').append(state(b.getState())).append(' ');
            }
        }
        return sb.toString();
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> Integer.toString(state);
        };
    }

    protected <T> ServiceReference<T> reference(Class<T> type) {
        service(type);
        return bundleContext.getServiceReference(type);
    }
}
