package org.gridprint.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes a process handed to write(2)/pwrite(2), from Linux's {@code /proc/<pid>/io} ({@code wchar}; socket sends
 * through send(2), as the JDBC driver and PostgreSQL use them, are not counted). {@code write_bytes} is not used:
 * on this machine's kernel it counts whole large page-cache folios, e.g. 2 MB for an 8 KB write followed by
 * fdatasync into a 16 MB file, hundreds of times what reaches the disk. wchar does not count what the kernel adds
 * (file system journal, rounding each synced write up to a whole flash page). -1 where the file cannot be read.
 */
final class ProcIo {

    private ProcIo() {
    }

    static long writeBytes(String pid) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc", pid, "io"))) {
                if (line.startsWith("wchar:")) {
                    return Long.parseLong(line.substring("wchar:".length()).trim());
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The parent pid of a process, -1 if unknown. */
    static long parentPid(long pid) {
        try {
            var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // pid (comm) state ppid ...; comm may hold spaces and parentheses: parse after the last ')'
            var rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(rest[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Bytes written by a process and all its direct children (a PostgreSQL postmaster and its server processes; a
     * child that exits is added to its parent's count by the kernel when it is reaped).
     */
    static long writeBytesOfTree(long parent) {
        long sum = writeBytes(Long.toString(parent));
        if (sum < 0) {
            return -1;
        }
        try (var procs = Files.list(Path.of("/proc"))) {
            for (var p : (Iterable<Path>) procs::iterator) {
                var name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && parentPid(Long.parseLong(name)) == parent) {
                    long w = writeBytes(name);
                    if (w > 0) {
                        sum += w;
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }
}
