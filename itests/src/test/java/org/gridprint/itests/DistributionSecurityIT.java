package org.gridprint.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.karaf.jaas.modules.encryption.BasicEncryption;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The assembled distribution lets no one in by default: no user or password ships, the SSH console listens on
 * 127.0.0.1, passwords are stored hashed, and bin/gridprint-admin makes the first administrator with a hash that
 * Karaf's own password check accepts. (Plain JUnit on the assembled files; the login itself against a started Karaf
 * was checked by hand: see README, "First administrator".)
 */
public class DistributionSecurityIT {

    private static final Path ASSEMBLY = Path.of(System.getProperty("gridprint.it.assembly",
            "../karaf-distribution/target/assembly"));

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void noUserShips() throws IOException {
        var users = userLines(ASSEMBLY.resolve("etc/users.properties"));
        assertTrue("the distribution must ship no user, found " + users, users.isEmpty());
    }

    @Test
    public void sshConsoleListensOnLoopbackOnly() throws IOException {
        var shell = load(ASSEMBLY.resolve("etc/org.apache.karaf.shell.cfg"));
        assertEquals("127.0.0.1", shell.getProperty("sshHost"));
    }

    @Test
    public void passwordsAreStoredHashed() throws IOException {
        var jaas = load(ASSEMBLY.resolve("etc/org.apache.karaf.jaas.cfg"));
        assertEquals("true", jaas.getProperty("encryption.enabled"));
        assertEquals("SHA-256", jaas.getProperty("encryption.algorithm"));
    }

    @Test
    public void firstAdministratorIsStoredAsAHashKarafAccepts() throws Exception {
        var home = copyOfBinAndEtc();
        var run = run(home, "correct horse battery", "add", "ops");
        assertEquals(run.output, 0, run.exit);
        var users = userLines(home.resolve("etc/users.properties"));
        assertEquals(1, users.size());
        var line = users.get(0);
        assertTrue(line, line.startsWith("ops = {CRYPT}") && line.endsWith("{CRYPT},_g_:admingroup"));
        assertFalse("clear text stored: " + line, line.contains("correct horse battery"));
        var hash = line.substring(line.indexOf("{CRYPT}") + 7, line.lastIndexOf("{CRYPT}"));
        var karaf = new BasicEncryption(Map.of("algorithm", "SHA-256", "encoding", "hexadecimal"));
        assertTrue("Karaf must accept the stored hash", karaf.checkPassword("correct horse battery", hash));
        assertFalse(karaf.checkPassword("correct horse batterY", hash));
    }

    @Test
    public void anExistingUserIsNeverReplacedAndShortPasswordsAreRefused() throws Exception {
        var home = copyOfBinAndEtc();
        assertEquals(0, run(home, "correct horse battery", "add", "ops").exit);
        var before = Files.readString(home.resolve("etc/users.properties"));
        var again = run(home, "another long password", "add", "ops");
        assertEquals(2, again.exit);
        assertTrue(again.output, again.output.contains("user 'ops' exists"));
        var shortOne = run(home, "short", "add", "viewer1");
        assertEquals(2, shortOne.exit);
        assertTrue(shortOne.output, shortOne.output.contains("at least 12 characters"));
        var badName = run(home, "correct horse battery", "add", "a b");
        assertNotEquals(0, badName.exit);
        assertEquals(before, Files.readString(home.resolve("etc/users.properties")));
    }

    @Test
    public void usersGetTheRoleAskedForAndOnlyKnownRoles() throws Exception {
        var home = copyOfBinAndEtc();
        assertEquals(0, run(home, "correct horse battery", "add", "reader", "--role", "viewer").exit);
        assertEquals(0, run(home, "correct horse battery", "add", "shift", "--role", "operator").exit);
        var users = userLines(home.resolve("etc/users.properties"));
        assertTrue(users.toString(), users.get(0).startsWith("reader = {CRYPT}") && users.get(0).endsWith(",_g_:viewergroup"));
        assertTrue(users.toString(), users.get(1).endsWith(",_g_:operatorgroup"));
        var refused = run(home, "correct horse battery", "add", "boss", "--role", "root");
        assertEquals(2, refused.exit);
        assertTrue(refused.output, refused.output.contains("role 'root' is not one of admin, operator, viewer"));
        // the groups the roles name exist, each with the lower roles too
        var groups = Files.readAllLines(ASSEMBLY.resolve("etc/users.properties")).stream()
                .filter(l -> l.startsWith("_g_")).collect(Collectors.joining("\n"));
        assertTrue(groups, groups.contains("_g_\\:viewergroup = group,viewer,ssh"));
        assertTrue(groups, groups.contains("_g_\\:operatorgroup = group,operator,viewer,ssh"));
        assertTrue(groups, groups.contains("_g_\\:admingroup = group,admin,manager,operator,viewer"));
        var acl = load(ASSEMBLY.resolve("etc/org.apache.karaf.command.acl.gridprint.cfg"));
        assertEquals("viewer", acl.getProperty("emissions"));
        assertEquals("operator", acl.getProperty("export"));
        assertEquals("admin", acl.getProperty("recalculate"));
    }

    private Path copyOfBinAndEtc() throws IOException {
        var home = tmp.newFolder("karaf").toPath();
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("etc"));
        Files.copy(ASSEMBLY.resolve("bin/gridprint-admin"), home.resolve("bin/gridprint-admin"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(ASSEMBLY.resolve("etc/users.properties"), home.resolve("etc/users.properties"));
        return home;
    }

    private record Run(int exit, String output) {
    }

    private static Run run(Path home, String password, String... args) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add(home.resolve("bin/gridprint-admin").toString());
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(new File("/dev/null"));
        pb.environment().put("GRIDPRINT_ADMIN_PASSWORD", password);
        var p = pb.start();
        var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("bin/gridprint-admin did not finish", p.waitFor(30, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    private static List<String> userLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("_g_") && l.contains("="))
                .collect(Collectors.toList());
    }

    private static Properties load(Path file) throws IOException {
        var p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return p;
    }
}
