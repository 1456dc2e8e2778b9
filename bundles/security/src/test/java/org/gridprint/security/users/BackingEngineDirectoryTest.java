package org.gridprint.security.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.felix.utils.properties.Properties;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.encryption.BasicEncryption;
import org.apache.karaf.jaas.modules.encryption.EncryptionSupport;
import org.apache.karaf.jaas.modules.properties.PropertiesBackingEngine;
import org.apache.karaf.jaas.modules.properties.PropertiesBackingEngineFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users, groups and roles from a real users.properties in the distribution's layout, read and changed through Karaf's
 * own PropertiesBackingEngine (the class the karaf realm uses), passwords hashed with Karaf's BasicEncryption.
 */
class BackingEngineDirectoryTest {

    @TempDir
    Path dir;

    private Path file;
    private BackingEngineDirectory directory;

    @BeforeEach
    void write() throws Exception {
        file = dir.resolve("users.properties");
        Files.writeString(file, String.join("\n",
                "# as shipped",
                "_g_\\:admingroup = group,admin,manager,operator,viewer,systembundles,ssh",
                "_g_\\:operatorgroup = group,operator,viewer,ssh",
                "_g_\\:viewergroup = group,viewer,ssh",
                "ops = {CRYPT}" + sha256("correct horse battery") + "{CRYPT},_g_:admingroup",
                "olga = {CRYPT}" + sha256("olga's long password") + "{CRYPT},_g_:operatorgroup",
                "vic = {CRYPT}" + sha256("vic's long password!") + "{CRYPT},_g_:viewergroup",
                "svc = {CRYPT}" + sha256("service password 1") + "{CRYPT},ssh",
                ""));
        directory = new BackingEngineDirectory(this::engine, "{CRYPT}");
    }

    /** What the realm does per call: the engine over the file as it is now, hashing as etc/org.apache.karaf.jaas.cfg says. */
    private BackingEngine engine() {
        try {
            var encryption = new EncryptionSupport(Map.of("encryption.enabled", "false",
                    "encryption.prefix", "{CRYPT}", "encryption.suffix", "{CRYPT}")) {
                private final BasicEncryption basic = new BasicEncryption(Map.of("algorithm", "SHA-256",
                        "encoding", "hexadecimal"));

                @Override
                public String encrypt(String plain) {
                    return "{CRYPT}" + basic.encryptPassword(plain) + "{CRYPT}";
                }
            };
            return new PropertiesBackingEngine(new Properties(file.toFile()), encryption);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void listsUsersWithGroupsKarafRolesAndEffectiveGridprintRoles() {
        // the factory the realm registers, as the karaf realm builds it
        var viaFactory = new BackingEngineDirectory(
                () -> new PropertiesBackingEngineFactory().build(Map.of("users", file.toString())), "{CRYPT}");
        var users = viaFactory.users();
        assertEquals(List.of("olga", "ops", "svc", "vic"), users.stream().map(UserAccount::name).toList());
        var ops = users.get(1);
        assertEquals(Set.of("admingroup"), ops.groups());
        assertEquals(Set.of("admin", "manager", "operator", "viewer", "systembundles", "ssh"), ops.karafRoles());
        assertEquals(Set.of("admin", "operator", "viewer"), ops.gridprintRoles());
        assertEquals(Set.of("operator", "viewer"), users.get(0).gridprintRoles());
        assertEquals(Set.of("viewer"), users.get(3).gridprintRoles());
        assertEquals(Set.of(), users.get(2).gridprintRoles(), "ssh alone is no Gridprint role");
        assertTrue(viaFactory.find("_g_:admingroup").isEmpty(), "a group is not a user");
        assertTrue(viaFactory.find("nobody").isEmpty());
    }

    @Test
    void addStoresTheSha256HashInTheGroupOfTheRoleAndNeverThePassword() throws Exception {
        var password = "a new long password".toCharArray();
        directory.add("ann", password, "operator");
        var text = Files.readString(file);
        assertFalse(text.contains("a new long password"));
        // Karaf's BasicEncryption writes upper-case hexadecimal (bin/gridprint-admin lower-case; both are accepted)
        assertTrue(text.contains("ann = {CRYPT}" + sha256("a new long password").toUpperCase(java.util.Locale.ROOT)
                + "{CRYPT},_g_:operatorgroup"), text);
        assertEquals(Set.of("operator", "viewer"), directory.find("ann").orElseThrow().gridprintRoles());
        // Karaf's own check accepts the stored hash for the password
        var basic = new BasicEncryption(Map.of("algorithm", "SHA-256", "encoding", "hexadecimal"));
        assertTrue(basic.checkPassword("a new long password", sha256("a new long password")));

        var e = assertThrows(IllegalArgumentException.class,
                () -> directory.add("ann", "another long password".toCharArray(), "viewer"));
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> directory.add("bob", "short".toCharArray(), "viewer"));
        assertTrue(e.getMessage().contains("at least 12"), e.getMessage());
        assertFalse(e.getMessage().contains("short"));
        assertThrows(IllegalArgumentException.class,
                () -> directory.add("bob", "with,comma,long,enough".toCharArray(), "viewer"));
        assertThrows(IllegalArgumentException.class,
                () -> directory.add("bob", "{CRYPT}abcdef0123456789{CRYPT}".toCharArray(), "viewer"));
        assertThrows(IllegalArgumentException.class, () -> directory.add("_g_:x", "long enough password".toCharArray(),
                "viewer"));
        assertThrows(IllegalArgumentException.class, () -> directory.add("bob", "long enough password".toCharArray(),
                "root"));
        assertTrue(directory.find("bob").isEmpty());
    }

    @Test
    void theLastAdministratorCannotBeRemovedOrLoweredAndRemovingKeepsTheGroupDefinitions() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> directory.remove("ops"));
        assertTrue(e.getMessage().contains("last administrator"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> directory.setRole("ops", "viewer"));

        directory.setRole("olga", "admin");
        assertEquals(Set.of("admin", "operator", "viewer"), directory.find("olga").orElseThrow().gridprintRoles());
        assertEquals(Set.of("admingroup"), directory.find("olga").orElseThrow().groups());
        directory.remove("ops");
        directory.remove("vic");
        assertTrue(directory.find("ops").isEmpty());
        // Karaf's deleteUser would have garbage-collected _g_:viewergroup with its last member
        var text = Files.readString(file);
        assertTrue(text.contains("_g_\\:viewergroup = group,viewer,ssh"), text);
        assertTrue(text.contains("_g_\\:admingroup = group,admin,manager,operator,viewer,systembundles,ssh"), text);
        directory.add("val", "val's long password".toCharArray(), "viewer");
        assertEquals(Set.of("viewer"), directory.find("val").orElseThrow().gridprintRoles());
        assertThrows(IllegalArgumentException.class, () -> directory.remove("nobody"));
    }

    @Test
    void aMissingDistributionGroupIsRecreatedWithItsRolesBeforeAnyoneIsPutInIt() throws Exception {
        Files.writeString(file, "ops = {CRYPT}" + sha256("correct horse battery") + "{CRYPT},admin,ssh\n");
        directory.setRole("ops", "admin");
        directory.add("olga", "olga's long password".toCharArray(), "operator");
        assertEquals(Set.of("operator", "viewer"), directory.find("olga").orElseThrow().gridprintRoles());
        // (Karaf's createGroup stores the group's placeholder password "group" through the encryption too)
        assertTrue(Files.readString(file).matches("(?s).*_g_\\\\:operatorgroup = [^\n]*,operator,viewer,ssh\n.*"),
                Files.readString(file));
        directory.setRole("olga", "viewer");
        assertEquals(Set.of("viewer"), directory.find("olga").orElseThrow().gridprintRoles());
        assertEquals(Set.of("viewergroup"), directory.find("olga").orElseThrow().groups());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
