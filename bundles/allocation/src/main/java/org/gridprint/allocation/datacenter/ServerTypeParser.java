package org.gridprint.allocation.datacenter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Map;

import org.gridprint.api.allocation.ServerPowerModel;

/** Parses a server-type configuration into a {@link ServerPowerModel}; errors name PID, field, value, expected. */
final class ServerTypeParser {

    static final String PID = "org.gridprint.allocation.servertype";

    private ServerTypeParser() {
    }

    static ServerPowerModel parse(Map<String, ?> props) {
        var id = Texts.string(props, "id");
        if (id.isEmpty()) {
            throw new ConfigProblem(PID, "", "id", id, "is missing; expected the server type's id, e.g. r650-2x6338");
        }
        var idle = watts(id, "idleWatts", Texts.string(props, "idleWatts"));
        var max = watts(id, "maxWatts", Texts.string(props, "maxWatts"));
        if (max.compareTo(idle) < 0) {
            throw new ConfigProblem(PID, id, "maxWatts", max.toPlainString(), "is below idleWatts "
                    + idle.toPlainString() + "; expected maxWatts >= idleWatts");
        }
        var levelsText = Texts.string(props, "loadLevels");
        var levels = new ArrayList<ServerPowerModel.LoadLevel>();
        for (var item : Texts.items(levelsText)) {
            var colon = item.indexOf(':');
            if (colon < 0) {
                throw new ConfigProblem(PID, id, "loadLevels", levelsText, "has item '" + item + "' without ':';"
                        + " expected utilisation%:watts items such as 0:120, 50:260, 100:410");
            }
            var u = number(id, "loadLevels", item.substring(0, colon).trim().replace("%", ""), levelsText);
            var w = number(id, "loadLevels", item.substring(colon + 1).trim(), levelsText);
            if (u.signum() < 0 || u.compareTo(BigDecimal.valueOf(100)) > 0 || w.signum() < 0) {
                throw new ConfigProblem(PID, id, "loadLevels", levelsText, "has item '" + item + "' out of range;"
                        + " expected utilisation 0..100 % and watts >= 0");
            }
            if (!levels.isEmpty() && u.compareTo(levels.get(levels.size() - 1).utilisationPercent()) <= 0) {
                throw new ConfigProblem(PID, id, "loadLevels", levelsText, "is not in increasing utilisation at '"
                        + item + "'; expected items ordered from 0 % to 100 %");
            }
            levels.add(new ServerPowerModel.LoadLevel(u, w));
        }
        if (!levels.isEmpty() && (levels.get(0).utilisationPercent().signum() != 0
                || levels.get(levels.size() - 1).utilisationPercent().compareTo(BigDecimal.valueOf(100)) != 0)) {
            throw new ConfigProblem(PID, id, "loadLevels", levelsText, "does not run from 0 % to 100 %; expected"
                    + " its first item at 0 and its last at 100 (or no table: linear between idleWatts and maxWatts)");
        }
        return new ServerPowerModel(id, idle, max, levels, Texts.string(props, "source"));
    }

    private static BigDecimal watts(String id, String field, String text) {
        if (text.isEmpty()) {
            throw new ConfigProblem(PID, id, field, text, "is missing; expected a power in W >= 0, e.g. 180");
        }
        var w = number(id, field, text, text);
        if (w.signum() < 0) {
            throw new ConfigProblem(PID, id, field, text, "is negative; expected a power in W >= 0");
        }
        return w;
    }

    private static BigDecimal number(String id, String field, String text, String whole) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigProblem(PID, id, field, whole, "holds '" + text + "', not a number; expected a decimal"
                    + " number such as 180 or 62.5");
        }
    }
}
