package org.gridprint.carbon.market;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where instrument files are read from: PID {@code org.gridprint.carbon.instruments} (optional). */
@ObjectClassDefinition(name = "Gridprint instrument files", description = "RECs, GOs, I-RECs, PPAs and contracts"
        + " registered from CSV files")
public @interface InstrumentFilesConfig {

    @AttributeDefinition(name = "Directory", description = "Folder of *.csv instrument files; empty:"
            + " ${karaf.etc}/gridprint/instruments")
    String directory() default "";

    @AttributeDefinition(name = "Scan (seconds)", description = "How often changed files are read again, 10..3600")
    int scanSeconds() default 60;
}
