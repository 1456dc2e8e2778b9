package org.gridprint.allocation.rules;

import java.util.List;

/** The energy a rule splits. */
public sealed interface Pool {

    /** Configuration text of the pool. */
    String text();

    /**
     * Every submeter (a meter with a parent) of the site that has a value for the rule's dimension and lies in no
     * other rule's pool; a tagged meter below another taken meter is already inside it and not taken again.
     */
    record Tagged() implements Pool {
        public static final String TEXT = "tagged";

        @Override
        public String text() {
            return TEXT;
        }
    }

    /**
     * The site's main meters minus every meter the other rules take below them, per window.
     *
     * @param mains the main meters; empty: every meter of the site without a parent
     */
    record Remainder(List<String> mains) implements Pool {
        public static final String TEXT = "remainder";

        public Remainder {
            mains = List.copyOf(mains);
        }

        @Override
        public String text() {
            return TEXT;
        }
    }

    /** Named meters, e.g. a shared chiller and its pumps. */
    record Meters(List<String> ids) implements Pool {
        public Meters {
            ids = List.copyOf(ids);
        }

        @Override
        public String text() {
            return String.join(", ", ids);
        }
    }
}
