package org.gridprint.security.users;

import java.util.List;
import java.util.Optional;

/**
 * The users of the Karaf JAAS realm with their Gridprint roles; changes for administrators where the realm's backing
 * engine allows them (the properties realm of etc/users.properties does).
 */
public interface UserDirectory {

    /** Every user, by name. */
    List<UserAccount> users();

    Optional<UserAccount> find(String user);

    /**
     * Adds a user in the distribution's group of {@code role}; the password is hashed as the realm's encryption
     * settings say (etc/org.apache.karaf.jaas.cfg) and never kept or shown.
     *
     * @throws IllegalArgumentException a bad name or password, an existing user, an unknown role
     */
    void add(String user, char[] password, String role);

    /**
     * Removes a user.
     *
     * @throws IllegalArgumentException an unknown user, or the last administrator
     */
    void remove(String user);

    /**
     * Moves a user to the distribution's group of {@code role} (out of the other Gridprint groups).
     *
     * @throws IllegalArgumentException an unknown user or role, or taking admin from the last administrator
     */
    void setRole(String user, String role);
}
