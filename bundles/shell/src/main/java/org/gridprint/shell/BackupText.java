package org.gridprint.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code gridprint:backup}: what to print after a backup, from its manifest ({@code BACKUP.txt}). */
public final class BackupText {

    /** The manifest a store backup writes into its directory. */
    public static final String MANIFEST = "BACKUP.txt";

    private BackupText() {
    }

    /** The {@code key = value} lines of a manifest (comment lines skipped), in order. */
    public static Map<String, String> manifest(String text) {
        var out = new LinkedHashMap<String, String>();
        for (var raw : text.split("\n")) {
            var line = raw.strip();
            int eq = line.indexOf(" = ");
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            out.put(line.substring(0, eq).strip(), line.substring(eq + 3).strip());
        }
        return out;
    }

    public static List<String> lines(String where, Map<String, String> manifest) {
        var out = new ArrayList<String>();
        out.add("Backup written to " + where);
        if (manifest.isEmpty()) {
            out.add("(no " + MANIFEST + " in it)");
            return out;
        }
        var head = manifest.getOrDefault("ledgerHeadEntry", "?");
        out.add("Ledger head:  " + ("none".equals(head) ? "none (empty ledger)"
                : "#" + head + " " + manifest.getOrDefault("ledgerHeadHash", "?")));
        out.add("Readings:     " + manifest.getOrDefault("readings", "?"));
        out.add("Files:        " + manifest.getOrDefault("files", "?") + " " + MANIFEST);
        out.add("Took:         " + manifest.getOrDefault("tookMillis", "?") + " ms");
        out.add("Restore: see " + MANIFEST + " in the backup (stop the store, put db/ and the files in place, "
                + "start, gridprint:verify --full)");
        return out;
    }
}
