package org.gridprint.allocation.costbill;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.gridprint.api.allocation.CostBill;
import org.gridprint.api.allocation.CostBillExport;

/**
 * Writes cost bills as CSV (Apache Commons CSV, RFC 4180, UTF-8, CRLF) with a {@code .sha256} file beside it in
 * sha256sum format. Both are written to temporary files in the target's directory and moved into place, so a reader
 * never sees half a file. Only regular files are written: an existing file needs {@code force}; a directory, link,
 * device or other special file at the target or the {@code .sha256} is refused.
 */
final class CostBillCsv {

    static final String[] HEADER = {"site", "dimension", "target", "period_from", "period_to", "time_zone", "line",
            "kind", "label", "quantity", "unit", "rate", "amount", "currency", "window_from", "window_to", "windows",
            "tariff", "tariff_ref", "tariff_version", "allocation_version", "rule_ref", "rule_version", "bill_ref",
            "bill_version"};

    private CostBillCsv() {
    }

    static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + ".sha256");
    }

    static CostBillExport write(List<CostBill> bills, Path file, boolean force) throws IOException {
        var target = file.toAbsolutePath().normalize();
        var name = target.getFileName() == null ? "" : target.getFileName().toString();
        if (name.isEmpty() || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\\') >= 0) {
            throw new IOException("bill file name '" + name + "' is empty or holds a line break or backslash; expected a"
                    + " plain file name (it is written into the .sha256 file)");
        }
        var dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write bills to " + target + ": directory " + dir + " does not exist");
        }
        check(target, force);
        check(sidecar(target), force);
        var digest = sha256();
        var csvTemp = Files.createTempFile(dir, "." + name, ".tmp");
        var shaTemp = Files.createTempFile(dir, "." + name, ".sha256.tmp");
        long rows = 0;
        try {
            try (var out = new DigestOutputStream(Files.newOutputStream(csvTemp), digest);
                    var w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                    var csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(HEADER).build())) {
                for (var b : bills) {
                    var zone = b.zone();
                    for (int i = 0; i < b.lines().size(); i++) {
                        var l = b.lines().get(i);
                        csv.printRecord(b.siteId(), b.dimension(), b.target(), b.from().atZone(zone).toLocalDate(),
                                b.to().atZone(zone).toLocalDate(), zone.getId(), i + 1, l.kind(), l.label(),
                                l.quantity().toPlainString(), l.unit(), l.rate().toPlainString(),
                                l.amount().toPlainString(), b.currency(), l.windowFrom().map(Object::toString)
                                        .orElse(""), l.windowTo().map(Object::toString).orElse(""), l.windows(),
                                b.tariffId(), b.tariffRef(), b.tariffVersion(), b.allocationVersion(), b.ruleRef(),
                                b.ruleVersion(), b.billRef(), b.billVersion());
                        rows++;
                    }
                }
            }
            var hex = HexFormat.of().formatHex(digest.digest());
            Files.writeString(shaTemp, hex + "  " + name + "\n", StandardCharsets.UTF_8);
            check(target, force);
            check(sidecar(target), force);
            move(csvTemp, target);
            move(shaTemp, sidecar(target));
            return new CostBillExport(target, hex, rows);
        } finally {
            Files.deleteIfExists(csvTemp);
            Files.deleteIfExists(shaTemp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void check(Path file, boolean force) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (a.isRegularFile()) {
            if (!force) {
                throw new IOException("bill file " + file + " already exists; give --force to replace it, or choose"
                        + " another file name");
            }
            return;
        }
        var kind = a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a directory" : "a special file";
        throw new IOException("bill file " + file + " is " + kind + "; expected the path of a regular file (bills are"
                + " never written to or through anything else)");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}
