package org.gridprint.driver.bacnet.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Finds device-model profiles by name: first {@code <etc>/gridprint/bacnet-profiles/<name>.yaml|.yml|.json}
 * (operators' models and overrides), then the bundle's {@code profiles/<name>.yaml}. YAML is read with SnakeYAML's
 * safe loader: maps, lists and scalars only; duplicate keys, more than 10 aliases and files over 256 KiB refused.
 */
public final class ProfileLoader {

    public static final int MAX_BYTES = 256 * 1024;
    public static final int MAX_PROFILE_POINTS = 2_000;

    private final Path dir;
    private final ClassLoader bundled;

    public ProfileLoader(Path dir, ClassLoader bundled) {
        this.dir = dir;
        this.bundled = bundled;
    }

    /** The default: {@code ${karaf.etc}/gridprint/bacnet-profiles} when karaf.etc is set, and this bundle's profiles. */
    public static ProfileLoader standard() {
        var etc = System.getProperty("karaf.etc");
        return new ProfileLoader(etc == null ? null : Path.of(etc, "gridprint", "bacnet-profiles"),
                ProfileLoader.class.getClassLoader());
    }

    /**
     * Loads profile {@code name}.
     *
     * @throws IllegalArgumentException naming the profile, its file and the problem
     */
    public Profile load(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("profile = \"" + name + "\": expected a name of letters, digits, '.', "
                    + "'_' and '-' (the file name without .yaml)");
        }
        if (dir != null) {
            for (var ext : List.of(".yaml", ".yml", ".json")) {
                var file = dir.resolve(name + ext);
                if (Files.isRegularFile(file)) {
                    try {
                        if (Files.size(file) > MAX_BYTES) {
                            throw new IllegalArgumentException("profile " + name + " (" + file + ") is "
                                    + Files.size(file) + " bytes: expected at most " + MAX_BYTES);
                        }
                        return parse(name, file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new IllegalArgumentException("profile " + name + " (" + file + ") cannot be read: " + e);
                    }
                }
            }
        }
        try (InputStream in = bundled.getResourceAsStream("profiles/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("profile = \"" + name + "\": no such profile: expected a file "
                        + (dir == null ? "" : dir.resolve(name + ".yaml") + " or ") + "a bundled profile ("
                        + String.join(", ", bundledNames()) + ")");
            }
            var bytes = in.readNBytes(MAX_BYTES + 1);
            return parse(name, "bundle:profiles/" + name + ".yaml", new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("profile " + name + " cannot be read from the bundle: " + e);
        }
    }

    private List<String> bundledNames() {
        try (var in = bundled.getResourceAsStream("profiles/index.txt")) {
            return in == null ? List.of() : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Parses a profile's text; every error names the profile and the file. */
    @SuppressWarnings("unchecked")
    public static Profile parse(String name, String file, String text) {
        var where = "profile " + name + " (" + file + ")";
        Object doc;
        try {
            var options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit(MAX_BYTES);
            doc = new Yaml(new SafeConstructor(options)).load(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + " is not valid YAML/JSON: " + firstLine(e.getMessage()));
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected a map with model, source and points");
        }
        var errors = new ArrayList<String>();
        var model = string(map.get("model"));
        if (model == null) {
            errors.add(where + ": model is missing: expected the device model's name");
        }
        String source = null;
        if (map.get("source") instanceof Map<?, ?> s && s.get("document") != null) {
            source = s.get("document") + (s.get("revision") == null ? "" : ", " + s.get("revision"));
        } else {
            errors.add(where + ": source.document is missing: expected where the object table comes from");
        }
        var points = new ArrayList<Map<String, Object>>();
        if (!(map.get("points") instanceof List<?> list) || list.isEmpty()) {
            errors.add(where + ": points is missing or empty: expected a list of points");
        } else if (list.size() > MAX_PROFILE_POINTS) {
            errors.add(where + ": " + list.size() + " points: expected at most " + MAX_PROFILE_POINTS);
        } else {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> p) {
                    var copy = new java.util.LinkedHashMap<String, Object>();
                    p.forEach((k, v) -> copy.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
                    if (copy.containsKey("meter")) {
                        errors.add(where + ": points[" + i + "].meter: a profile does not name meters: expected the "
                                + "device configuration's meter");
                    }
                    points.add(copy);
                } else {
                    errors.add(where + ": points[" + i + "]: expected a map with name, quantity, object, unit");
                }
            }
        }
        // check every point now, so a bad profile is reported when it is loaded
        var names = new java.util.HashSet<String>();
        for (int i = 0; i < points.size(); i++) {
            var p = points.get(i);
            var pn = string(p.get("name"));
            if (pn == null) {
                errors.add(where + ": points[" + i + "].name is missing: expected a unique name");
            } else if (!names.add(pn)) {
                errors.add(where + ": points[" + i + "].name = \"" + pn + "\": already used: expected a unique name");
            }
            PointParser.point(where, i, "points[" + i + "]", p, "-", errors);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return new Profile(name, file, model, string(map.get("manufacturer")), source, points);
    }

    private static String string(Object o) {
        return o == null || String.valueOf(o).isBlank() ? null : String.valueOf(o).trim();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
