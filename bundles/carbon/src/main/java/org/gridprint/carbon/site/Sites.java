package org.gridprint.carbon.site;

import java.util.Collection;
import java.util.Optional;

/** The configured sites (a service inside the carbon bundle; the engine's site configuration component offers it). */
public interface Sites {

    Optional<Site> site(String id);

    Collection<Site> sites();
}
