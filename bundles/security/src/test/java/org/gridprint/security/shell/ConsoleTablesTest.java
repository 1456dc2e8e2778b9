package org.gridprint.security.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gridprint.api.security.IssuedToken;
import org.gridprint.security.token.IssuedRecord;
import org.gridprint.security.users.UserAccount;
import org.junit.jupiter.api.Test;

/** What gridprint:users and gridprint:token print (plain --no-format rows, the token last and alone). */
class ConsoleTablesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T15:00:00Z");

    private static String print(java.util.function.Consumer<PrintStream> printer) {
        var bytes = new ByteArrayOutputStream();
        printer.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static List<String> cells(String line) {
        return java.util.Arrays.stream(line.split("\t")).map(String::strip).toList();
    }

    @Test
    void usersPlainRowsShowGroupsAndGridprintRolesLowestFirst() {
        var out = print(o -> UsersCommand.print(List.of(
                new UserAccount("ops", Set.of("admingroup"), Set.of("admin", "operator", "viewer", "ssh"),
                        Set.of("admin", "operator", "viewer")),
                new UserAccount("svc", Set.of(), Set.of("ssh"), Set.of())), o, true));
        var lines = out.strip().split("\n");
        assertEquals(2, lines.length, out);
        assertEquals(List.of("ops", "admingroup", "admin,operator,ssh,viewer", "viewer,operator,admin"), cells(lines[0]));
        assertEquals(List.of("svc", "-", "ssh", "(none)"), cells(lines[1]));
        assertTrue(print(o -> UsersCommand.print(List.of(), o, true)).contains("bin/gridprint-admin add"));
    }

    @Test
    void anIssuedTokenIsPrintedOnceOnTheLastLineWithItsIdAndExpiry() {
        var token = new IssuedToken("aaa.bbb.ccc", "ID1", "olga", Set.of("viewer", "operator"),
                NOW.plusSeconds(3600));
        var out = print(o -> TokenCommand.printIssued(token, NOW, o));
        var lines = out.strip().split("\n");
        assertEquals("aaa.bbb.ccc", lines[lines.length - 1]);
        assertTrue(lines[0].contains("Token ID1 for olga, roles operator, viewer, expires 2026-12-06T16:00:00Z (in 1h)"),
                lines[0]);
        assertEquals(1, out.split("aaa\\.bbb\\.ccc", -1).length - 1, "the token appears once");
    }

    @Test
    void theListShowsActiveExpiredAndRevokedButNeverATokenText() {
        var records = List.of(
                new IssuedRecord("A", "olga", Set.of("viewer"), NOW.minusSeconds(60), NOW.plusSeconds(840),
                        "console:olga", Optional.empty()),
                new IssuedRecord("B", "olga", Set.of("viewer"), NOW.minusSeconds(7200), NOW.minusSeconds(3600),
                        "api", Optional.empty()),
                new IssuedRecord("C", "vic", Set.of("viewer"), NOW.minusSeconds(60), NOW.plusSeconds(840),
                        "console:ops", Optional.of(new IssuedRecord.Revocation(NOW, "console:ops", "lost"))));
        var out = print(o -> TokenCommand.printList(records, NOW, o, true));
        var lines = out.strip().split("\n");
        assertEquals("active", cells(lines[0]).get(5));
        assertEquals("expired", cells(lines[1]).get(5));
        assertEquals("revoked 2026-12-06T15:00:00Z by console:ops (lost)", cells(lines[2]).get(5));
        assertEquals(List.of("C", "vic", "viewer"), cells(lines[2]).subList(0, 3));
    }
}
