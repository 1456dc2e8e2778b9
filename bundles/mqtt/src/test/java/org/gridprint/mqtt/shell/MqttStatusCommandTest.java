package org.gridprint.mqtt.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.gridprint.mqtt.LinkStatus;
import org.junit.jupiter.api.Test;

class MqttStatusCommandTest {

    private static String print(List<LinkStatus> statuses, boolean noFormat) {
        var bytes = new ByteArrayOutputStream();
        MqttStatusCommand.print(statuses, new PrintStream(bytes, true, StandardCharsets.UTF_8), noFormat);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oneLinePerBrokerByIdWithItsLinkAndCounts() {
        var down = new LinkStatus("site-b", "ssl://broker-b:8883", false, 3, 4, "no answer from the broker", 12, 40, 0,
                7, 21, 2);
        var up = new LinkStatus("site-a", "tcp://127.0.0.1:1883", true, 1, 0, "", 0, 5, 0, 9, 27, 0);
        // --no-format: one plain line per broker (no header), sorted by id
        var text = print(List.of(down, up), true);
        var lines = text.strip().split("\n");
        assertTrue(lines.length == 2, text);
        assertTrue(lines[0].startsWith("site-a") && lines[0].contains("connected") && lines[0].contains("27"), text);
        assertTrue(lines[1].startsWith("site-b") && lines[1].contains("DOWN")
                && lines[1].contains("no answer from the broker"), text);
        var table = print(List.of(down, up), false);
        assertTrue(table.contains("Broker") && table.contains("Items refused") && table.contains("Last error"), table);
    }

    @Test
    void noBrokerSaysHowToConfigureOne() {
        assertTrue(print(List.of(), false).contains("etc/org.gridprint.mqtt.broker-<name>.cfg"));
    }
}
