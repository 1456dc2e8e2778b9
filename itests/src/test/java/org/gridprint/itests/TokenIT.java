package org.gridprint.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.gridprint.api.security.TokenCheck;
import org.gridprint.api.security.TokenService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * gridprint:token and gridprint:users in the real distribution (feature gridprint-security, booted): users in
 * etc/users.properties with the distribution's groups, each command run as a JAAS subject named like that user with
 * its group's roles; tokens checked through the TokenService OSGi service the HTTPS API uses.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TokenIT extends GridprintTestSupport {

    private static final String[] VIEWER = {"viewer", "ssh"};
    private static final String[] OPERATOR = {"operator", "viewer", "ssh"};
    private static final String[] ADMIN = {"admin", "manager", "operator", "viewer", "systembundles", "ssh"};

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/users.properties", "ops", hashed("ops long password") + ",_g_:admingroup"),
            editConfigurationFilePut("etc/users.properties", "olga", hashed("olga long password") + ",_g_:operatorgroup"),
            editConfigurationFilePut("etc/users.properties", "vic", hashed("vic long password!") + ",_g_:viewergroup")};
    }

    @Test
    public void anOperatorGetsATokenThatTheTokenServiceAcceptsWithItsRoles() {
        var out = runAs("olga", OPERATOR, "gridprint:token");
        var token = lastLine(out);
        var check = service(TokenService.class).check(token);
        assertTrue(out + " → " + check, check instanceof TokenCheck.Valid);
        var valid = (TokenCheck.Valid) check;
        assertEquals("olga", valid.user());
        assertEquals(Set.of("operator", "viewer"), valid.roles());

        var narrowed = lastLine(runAs("olga", OPERATOR, "gridprint:token --roles viewer --ttl 1h"));
        assertEquals(Set.of("viewer"), ((TokenCheck.Valid) service(TokenService.class).check(narrowed)).roles());

        var forged = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
        var refused = (TokenCheck.Refused) service(TokenService.class).check(forged);
        assertEquals(TokenCheck.Refused.Reason.BAD_SIGNATURE, refused.reason());
    }

    @Test
    public void onlyAnAdminIssuesForOthersAndRevokesOthersTokens() {
        var denied = runAs("vic", VIEWER, "gridprint:token --user olga");
        assertTrue(denied, denied.contains("only an admin may issue a token for another user"));
        var out = runAs("ops", ADMIN, "gridprint:token --user vic --ttl 30m");
        var token = lastLine(out);
        var id = ((TokenCheck.Valid) service(TokenService.class).check(token)).id();
        var list = runAs("vic", VIEWER, "gridprint:token --list --no-format");
        assertTrue(list, list.contains(id) && list.contains("active"));

        var notYours = runAs("olga", OPERATOR, "gridprint:token --revoke " + id);
        assertTrue(notYours, notYours.contains("only an admin may revoke another user's token"));
        var revoked = runAs("ops", ADMIN, "gridprint:token --revoke " + id + " --reason it-test");
        assertTrue(revoked, revoked.contains("revoked"));
        var check = (TokenCheck.Refused) service(TokenService.class).check(token);
        assertEquals(TokenCheck.Refused.Reason.REVOKED, check.reason());
    }

    @Test
    public void usersListsGroupsAndGridprintRolesForAdminsOnly() {
        var list = runAs("ops", ADMIN, "gridprint:users --no-format");
        // user, groups, Karaf roles, Gridprint roles (lowest first)
        var olga = list.lines().filter(l -> l.startsWith("olga")).findFirst().orElse("");
        assertTrue(list, olga.contains("operatorgroup") && olga.strip().endsWith("viewer,operator"));
        var ops = list.lines().filter(l -> l.startsWith("ops")).findFirst().orElse("");
        assertTrue(list, ops.contains("admingroup") && ops.strip().endsWith("viewer,operator,admin"));
        var vic = list.lines().filter(l -> l.startsWith("vic")).findFirst().orElse("");
        assertTrue(list, vic.contains("viewergroup") && vic.strip().endsWith("viewer"));
        assertFalse(list, list.contains("{CRYPT}"));
        var denied = runAs("vic", VIEWER, "gridprint:users");
        assertTrue(denied, denied.contains("COMMAND FAILED") && (denied.contains("Insufficient credentials")
                || denied.contains("CommandNotFoundException") || denied.contains("SecurityException")));
    }

    private static String lastLine(String out) {
        var lines = out.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static String hashed(String password) {
        try {
            return "{CRYPT}" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8))) + "{CRYPT}";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Like executeAs, with the subject named as a user of etc/users.properties. */
    private String runAs(String user, String[] roles, String command) {
        var subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        for (var role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        var executor = Executors.newSingleThreadExecutor();
        try {
            executor.submit(() -> Subject.doAs(subject, (java.security.PrivilegedAction<Object>) () -> {
                try (Session session = sessionFactory.create(System.in, out, out)) {
                    var result = session.execute(command);
                    if (result != null) {
                        out.println(result);
                    }
                } catch (Exception e) {
                    out.println("COMMAND FAILED: " + e);
                }
                return null;
            })).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            fail("command '" + command + "' did not complete: " + e);
        } finally {
            executor.shutdownNow();
        }
        var text = bytes.toString(StandardCharsets.UTF_8);
        System.err.println("$ [" + user + "] " + command + "\n" + text);
        return text;
    }
}
