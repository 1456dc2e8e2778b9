package org.gridprint.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** config/org.gridprint.edge-example.cfg.disabled is a configuration the component accepts as it stands. */
class ExampleConfigTest {

    static EdgeConfig fromProperties(Properties p) {
        return (EdgeConfig) Proxy.newProxyInstance(EdgeConfig.class.getClassLoader(), new Class<?>[] {EdgeConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return EdgeConfig.class;
                    }
                    // the methods are named as the properties (DS would map a leading '_' to '.': none has one)
                    var key = method.getName();
                    var text = p.getProperty(key);
                    if (text == null) {
                        var d = method.getDefaultValue();
                        if (d == null) {
                            throw new IllegalArgumentException("required property " + key + " missing");
                        }
                        return d;
                    }
                    var type = method.getReturnType();
                    return type == int.class ? Integer.valueOf(text.trim())
                            : type == long.class ? Long.valueOf(text.trim()) : text;
                });
    }

    @Test
    void theExampleParses() throws Exception {
        var file = Path.of("../../config/org.gridprint.edge-example.cfg.disabled");
        var p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        var s = EdgeSettings.parse(fromProperties(p));
        assertEquals("plant-7", s.edgeId());
        assertEquals("gridprint-edge-plant-7", s.clientId());
        assertEquals(500, s.batchReadings());
        assertEquals(5000, s.drainReadingsPerSecond());
    }
}
