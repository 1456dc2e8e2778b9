package org.gridprint.allocation.tariff;

import java.util.List;

/** What a tariff configuration gave: a tariff, or every problem found. */
public sealed interface TariffResult {

    String pid();

    record Valid(String pid, Tariff tariff) implements TariffResult {
    }

    record Invalid(String pid, String tariffId, List<String> problems) implements TariffResult {
        public Invalid {
            problems = List.copyOf(problems);
        }

        public String message() {
            return String.join("; ", problems);
        }
    }
}
