package org.gridprint.driver.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Finds meter profiles by name: first {@code <etcDir>/<name>.yaml|.yml|.json} (operators' own models and
 * overrides, e.g. {@code etc/gridprint/modbus-profiles/}), then the profiles shipped in this bundle
 * ({@code profiles/<name>.yaml}). Parsed profiles are cached by file and modification time.
 */
public final class ProfileLoader {

    public static final String ETC_SUBDIR = "gridprint/modbus-profiles";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

    private final Path etcDir;
    private final ClassLoader resources;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(long modified, ProfileParser.Result result) {
    }

    /** @param etcDir directory of operator profiles, or null for the shipped ones only */
    public ProfileLoader(Path etcDir, ClassLoader resources) {
        this.etcDir = etcDir;
        this.resources = resources;
    }

    /** The default: {@code ${karaf.etc}/gridprint/modbus-profiles} when karaf.etc is set. */
    public static ProfileLoader standard() {
        var etc = System.getProperty("karaf.etc");
        return new ProfileLoader(etc == null ? null : Path.of(etc).resolve(ETC_SUBDIR), ProfileLoader.class.getClassLoader());
    }

    /** The profile, or errors (unknown name, unreadable, too large, invalid: each naming the file). */
    public ProfileParser.Result load(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return new ProfileParser.Result(null, List.of("profile = \"" + name + "\": expected a profile name of "
                    + "lower-case letters, digits, '.', '_' or '-', e.g. eastron-sdm630"));
        }
        if (etcDir != null) {
            for (var ext : EXTENSIONS) {
                var file = etcDir.resolve(name + ext);
                if (Files.isRegularFile(file)) {
                    return fromFile(name, file);
                }
            }
        }
        for (var ext : EXTENSIONS) {
            var resource = "profiles/" + name + ext;
            try (InputStream in = resources.getResourceAsStream(resource)) {
                if (in != null) {
                    var key = "bundle:" + resource;
                    var cached = cache.get(key);
                    if (cached != null) {
                        return cached.result();
                    }
                    var bytes = in.readNBytes(ProfileParser.MAX_PROFILE_CHARS * 4 + 1);
                    var result = ProfileParser.parse(name, "bundle " + resource, new String(bytes, StandardCharsets.UTF_8));
                    cache.put(key, new Cached(0, result));
                    return result;
                }
            } catch (IOException e) {
                return new ProfileParser.Result(null, List.of("profile " + name + " (bundle " + resource
                        + "): cannot be read: " + e.getMessage()));
            }
        }
        return new ProfileParser.Result(null, List.of("profile = \"" + name + "\": no such profile: expected one of "
                + String.join(", ", shipped()) + (etcDir != null ? ", or a file " + etcDir + "/" + name + ".yaml" : "")));
    }

    private ProfileParser.Result fromFile(String name, Path file) {
        try {
            long size = Files.size(file);
            if (size > ProfileParser.MAX_PROFILE_CHARS * 4L) {
                return new ProfileParser.Result(null, List.of("profile " + name + " (" + file + "): " + size
                        + " bytes: expected at most " + ProfileParser.MAX_PROFILE_CHARS + " characters"));
            }
            long modified = Files.getLastModifiedTime(file).toMillis();
            var key = file.toString();
            var cached = cache.get(key);
            if (cached != null && cached.modified() == modified) {
                return cached.result();
            }
            var result = ProfileParser.parse(name, file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            cache.put(key, new Cached(modified, result));
            return result;
        } catch (java.nio.charset.CharacterCodingException e) {
            return new ProfileParser.Result(null, List.of("profile " + name + " (" + file + "): not UTF-8 text: "
                    + "expected a YAML or JSON file in UTF-8"));
        } catch (IOException e) {
            return new ProfileParser.Result(null, List.of("profile " + name + " (" + file + "): cannot be read ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"));
        }
    }

    /** The names of the profiles shipped in this bundle. */
    public static List<String> shipped() {
        return List.of("abb-b23", "carlo-gavazzi-em24", "eastron-sdm120", "eastron-sdm630", "janitza-umg96rm",
                "schneider-iem3000", "gridprint-demo-meter");
    }
}
