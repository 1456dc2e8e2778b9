package org.gridprint.shell.allocation;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.AccessController;
import java.util.List;

import javax.security.auth.Subject;

import org.gridprint.api.allocation.ItemError;
import org.gridprint.api.allocation.SubmitReport;

/** What the job, bill and meter-log commands share: opening input files, printing a submit report, the user. */
final class Consoles {

    /** Most refused items printed; the rest are counted. */
    static final int MAX_PRINTED = 50;

    private Consoles() {
    }

    /** A reader of a regular UTF-8 file; errors name the file and what is wrong. */
    static Reader open(String option, String file) throws IOException {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException(option + ": missing; expected the path of a CSV file");
        }
        var p = Path.of(file.trim()).toAbsolutePath().normalize();
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + ": file " + p + " does not exist");
        }
        if (!a.isRegularFile() && !(a.isSymbolicLink() && Files.isRegularFile(p))) {
            throw new IllegalArgumentException(option + ": " + p + " is not a regular file; expected a CSV file");
        }
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(p), decoder)) {
            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                try {
                    return super.read(cbuf, off, len);
                } catch (CharacterCodingException e) {
                    throw new IOException("file " + p + " is not UTF-8 text", e);
                }
            }
        };
    }

    /** The file name a report names: the last part of the path. */
    static String name(String file) {
        var p = Path.of(file.trim()).getFileName();
        return p == null ? file : p.toString();
    }

    /** {@code <what>: N stored, M already there, K refused} and the refused items. */
    static void print(PrintStream out, String what, String stored, String already, SubmitReport r) {
        out.println(what + ": " + r.accepted() + " " + stored + ", " + r.duplicates() + " " + already + ", "
                + r.errors().size() + " refused");
        printErrors(out, r.errors());
    }

    static void printErrors(PrintStream out, List<ItemError> errors) {
        int shown = 0;
        for (var e : errors) {
            if (shown++ == MAX_PRINTED) {
                out.println("... and " + (errors.size() - MAX_PRINTED) + " more refused");
                break;
            }
            var where = e.item().isEmpty() ? "" : e.item();
            out.println("  " + where + (e.field().isEmpty() ? "" : " (" + e.field() + ")") + ": " + e.reason());
        }
    }

    /** {@code console:<user>} of the Karaf session's JAAS subject, or {@code console}. */
    @SuppressWarnings("removal")
    static String source() {
        try {
            var subject = Subject.getSubject(AccessController.getContext());
            if (subject != null) {
                for (var p : subject.getPrincipals()) {
                    if (p.getClass().getSimpleName().equals("UserPrincipal")) {
                        return "console:" + p.getName();
                    }
                }
            }
        } catch (RuntimeException e) {
            // no subject: a plain console
        }
        return "console";
    }
}
