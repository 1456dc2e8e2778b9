package org.gridprint.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.api.action.Completion;
import org.gridprint.api.store.StoreAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Service
@Command(scope = "gridprint", name = "backup",
        description = "Online, consistent backup of the store into a new (or empty) directory; ingest goes on")
public class BackupCommand implements Action {

    private static final Logger LOG = LoggerFactory.getLogger(BackupCommand.class);

    @Argument(index = 0, name = "dir", required = true,
            description = "Target directory: must not exist yet, or be empty (relative paths: to the Karaf folder)")
    @Completion(FileCompleter.class)
    String dir;

    @Reference(optional = true)
    StoreAdmin admin;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        var out = session.getConsole();
        if (admin == null) {
            out.println(Messages.NO_STORE_ADMIN);
            return null;
        }
        var target = Path.of(dir).toAbsolutePath().normalize();
        out.println("Backing up the store into " + target + " (online: ingest goes on) ...");
        out.flush();
        Path written;
        try {
            written = admin.backup(target);
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            out.println("Backup not made: " + e.getMessage());
            LOG.warn("gridprint:backup {} not made: {}", target, e.getMessage());
            return null;
        }
        for (var line : BackupText.lines(written.toString(), manifestOf(written))) {
            out.println(line);
        }
        return null;
    }

    private static Map<String, String> manifestOf(Path backup) throws IOException {
        try {
            return BackupText.manifest(Files.readString(backup.resolve(BackupText.MANIFEST), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Map.of();
        }
    }
}
