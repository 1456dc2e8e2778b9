package org.gridprint.carbon.site;

import java.util.List;

/** What a site configuration turned out to be. */
public sealed interface SiteConfigResult {

    /** The PID the configuration came from (for messages). */
    String pid();

    /** @param notes things worth a log line that do not stop the site (e.g. obsolete fields) */
    record Valid(String pid, Site site, List<String> notes) implements SiteConfigResult {
        public Valid {
            notes = List.copyOf(notes);
        }
    }

    /**
     * The configuration cannot be used; each problem names the PID, the field, the value and what is expected.
     *
     * @param siteId the site id if it could be read, else empty
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
