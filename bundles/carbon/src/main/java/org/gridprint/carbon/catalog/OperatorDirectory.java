package org.gridprint.carbon.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The operator factor files of one directory ({@code *.csv}), re-read on every {@link #scan()}: a file whose content
 * changed is parsed again. A file with problems is not used; the factors it last gave without problems (in this run)
 * stay in use meanwhile, so a typo while editing never drops factors the engine is pricing with. A series belongs to
 * one file: the same series in a later file (by name) is a problem of that later file. Files larger than
 * {@link #MAX_BYTES} or not UTF-8 are problems too.
 */
final class OperatorDirectory {

    static final long MAX_BYTES = 4L * 1024 * 1024;
    static final int MAX_FILES = 1000;

    /** Told when a file's problems change (an empty list: the file has none any more, or is gone). */
    interface Listener {
        void problems(Path file, List<String> problems);
    }

    private record FileState(String content, List<CatalogIndex.Draft> good, List<String> problems) {
    }

    private final Path dir;
    private final Listener listener;
    private final Map<Path, FileState> files = new TreeMap<>();
    private final Map<Path, List<String>> reported = new HashMap<>();
    private List<CatalogIndex.Draft> current = List.of();

    OperatorDirectory(Path dir, Listener listener) {
        this.dir = dir;
        this.listener = listener;
    }

    Path dir() {
        return dir;
    }

    /** The drafts of every usable file, in file-name order. */
    synchronized List<CatalogIndex.Draft> drafts() {
        return current;
    }

    /** Reads the directory; true if the usable factors changed. */
    synchronized boolean scan() {
        var seen = new TreeMap<Path, FileState>();
        var listingProblem = (String) null;
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.csv")) {
                int n = 0;
                for (var file : stream) {
                    if (!Files.isRegularFile(file)) {
                        continue;
                    }
                    if (++n > MAX_FILES) {
                        listingProblem = dir + ": more than " + MAX_FILES + " factor files: expected at most "
                                + MAX_FILES + "; the rest are ignored";
                        break;
                    }
                    seen.put(file, read(file, files.get(file)));
                }
            } catch (IOException e) {
                listingProblem = dir + ": cannot be listed (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + "): operator factors keep their last state";
                seen.putAll(files);
            }
        }
        files.clear();
        files.putAll(seen);
        // a series belongs to the first file (by name) that defines it
        var owner = new HashMap<String, Path>();
        var next = new ArrayList<CatalogIndex.Draft>();
        var problems = new HashMap<Path, List<String>>();
        for (var e : files.entrySet()) {
            var file = e.getKey();
            var state = e.getValue();
            var fileProblems = new ArrayList<>(state.problems());
            var usable = true;
            for (var d : state.good()) {
                var first = owner.get(d.series());
                if (first != null && !first.equals(file)) {
                    fileProblems.add(file + ": series " + d.series() + " is already defined in " + first
                            + ": expected each series in one file; the factors of " + file.getFileName()
                            + " are not used");
                    usable = false;
                    break;
                }
            }
            if (usable) {
                for (var d : state.good()) {
                    owner.put(d.series(), file);
                }
                next.addAll(state.good());
            }
            problems.put(file, fileProblems);
        }
        if (listingProblem != null) {
            problems.computeIfAbsent(dir, k -> new ArrayList<>()).add(listingProblem);
        }
        report(problems);
        boolean changed = !next.equals(current);
        current = List.copyOf(next);
        return changed;
    }

    private void report(Map<Path, List<String>> problems) {
        for (var e : problems.entrySet()) {
            var before = reported.getOrDefault(e.getKey(), List.of());
            if (!before.equals(e.getValue())) {
                listener.problems(e.getKey(), List.copyOf(e.getValue()));
            }
        }
        for (var gone : new ArrayList<>(reported.keySet())) {
            if (!problems.containsKey(gone) && !reported.get(gone).isEmpty()) {
                listener.problems(gone, List.of());
            }
        }
        reported.clear();
        problems.forEach((k, v) -> {
            if (!v.isEmpty()) {
                reported.put(k, List.copyOf(v));
            }
        });
    }

    private static FileState read(Path file, FileState before) {
        var keep = before == null ? List.<CatalogIndex.Draft>of() : before.good();
        String content;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return new FileState(null, keep, List.of(file + ": " + size + " bytes: expected at most " + MAX_BYTES
                        + " bytes of factors"));
            }
            content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            return new FileState(null, keep, List.of(file + ": not UTF-8 text: expected a CSV file in UTF-8"));
        } catch (NoSuchFileException e) {
            return new FileState(null, keep, List.of(file + ": disappeared while being read"));
        } catch (IOException e) {
            return new FileState(null, keep, List.of(file + ": cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")"));
        }
        if (before != null && Objects.equals(before.content(), content)) {
            return before;
        }
        var result = OperatorFactors.parse(content, file.toString());
        if (result instanceof OperatorFactors.Loaded loaded) {
            return new FileState(content, loaded.drafts(), List.of());
        }
        return new FileState(content, keep, ((OperatorFactors.Failed) result).problems());
    }
}
