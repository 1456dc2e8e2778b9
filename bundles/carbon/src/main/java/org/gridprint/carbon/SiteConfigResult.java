package org.gridprint.carbon;

import java.util.List;

/** What a site configuration turned out to be. */
public sealed interface SiteConfigResult {

    /** The PID the configuration came from (for messages). */
    String pid();

    record Valid(String pid, SiteSettings settings) implements SiteConfigResult {
    }

    /**
     * The configuration cannot be used; each problem names the PID, the field, the value and what is expected.
     *
     * @param siteId the site id if it could be read, else empty: that site gets no factor
     */
    record Invalid(String pid, String siteId, List<String> problems) implements SiteConfigResult {
        public Invalid {
            problems = List.copyOf(problems);
        }

        public String message() {
            return String.join("; ", problems);
        }
    }
}
