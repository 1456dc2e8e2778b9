package org.gridprint.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the printed figures were measured on: the commit, the machine's load. */
final class RunInfo {

    private RunInfo() {
    }

    /** {@code git describe}-like: the commit checked out in the working directory, "+ local changes" if dirty. */
    static String commit() {
        var head = git("rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "unknown (not run from a git working tree)";
        }
        var subject = git("log", "-1", "--format=%s");
        var dirty = git("status", "--porcelain", "--untracked-files=no");
        return "commit " + head + (dirty.isEmpty() ? "" : " + local changes") + " (" + subject + ")";
    }

    static String loadAverage() {
        try {
            var parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The machine's dirty page cache (/proc/meminfo Dirty) in KiB, 0 if unknown. */
    static long dirtyKiB() {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("Dirty:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no waiting
        }
        return 0;
    }

    private static String git(String... args) {
        var cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            var p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "";
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
