package org.gridprint.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The gridprint: console commands follow the roles of etc/org.apache.karaf.command.acl.gridprint.cfg in the real
 * distribution: a viewer reads, an operator also exports and accepts, an admin also recalculates and configures.
 * Each command runs as a JAAS subject with the roles of the distribution's groups (viewergroup, operatorgroup,
 * admingroup).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleRolesIT extends GridprintTestSupport {

    private static final String[] VIEWER = {"viewer", "ssh"};
    private static final String[] OPERATOR = {"operator", "viewer", "ssh"};
    private static final String[] ADMIN = {"admin", "manager", "operator", "viewer", "systembundles", "ssh"};

    @Test
    public void aViewerReadsButNeitherExportsNorRecalculates() {
        assertAllowed(executeAs("gridprint:status", VIEWER));
        assertAllowed(executeAs("gridprint:emissions", VIEWER));
        assertAllowed(executeAs("gridprint:factors CAMX", VIEWER));
        assertDenied(executeAs("gridprint:export --last 1h " + target("viewer.csv"), VIEWER));
        assertDenied(executeAs("gridprint:recalculate --from 2026-01-01 --to 2026-01-02 --reason test", VIEWER));
        assertDenied(executeAs("gridprint:backup " + target("viewer-backup"), VIEWER));
        assertDenied(executeAs("gridprint:instrument-add --id X --type REC --mwh 1 --vintage-from 2026-01-01"
                + " --vintage-to 2026-12-31 --market US --retirement R1", VIEWER));
        var instruments = executeAs("gridprint:instruments", VIEWER);
        assertAllowed(instruments);
        assertFalse("the refused instrument-add registered nothing: " + instruments, instruments.contains(" X "));
    }

    @Test
    public void anOperatorExportsAndAcceptsButDoesNotRecalculate() {
        var export = executeAs("gridprint:export --force --last 1h " + target("operator.csv"), OPERATOR);
        assertAllowed(export);
        assertDenied(executeAs("gridprint:recalculate --from 2026-01-01 --to 2026-01-02 --reason test", OPERATOR));
        assertDenied(executeAs("gridprint:accept it/none 2026-01-01T00:00:00Z --amount 1 --reason test", OPERATOR));
    }

    @Test
    public void anAdminRecalculates() {
        var out = executeAs("gridprint:recalculate --from 2026-01-01 --to 2026-01-02 --reason roles-test", ADMIN);
        assertAllowed(out);
    }

    private static String target(String name) {
        return java.nio.file.Path.of(System.getProperty("gridprint.it.target", TARGET), "roles", name).toString();
    }

    private static void assertDenied(String out) {
        assertTrue("refused for this role: " + out, out.contains("COMMAND FAILED")
                && (out.contains("Insufficient credentials") || out.contains("SecurityException")
                        || out.contains("CommandNotFoundException")));
    }

    private static void assertAllowed(String out) {
        assertFalse("allowed for this role: " + out, out.contains("Insufficient credentials")
                || out.contains("SecurityException") || out.contains("CommandNotFoundException"));
    }
}
