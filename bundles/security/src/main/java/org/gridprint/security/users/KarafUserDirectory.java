package org.gridprint.security.users;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.BackingEngineFactory;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The users of Karaf's {@code karaf} JAAS realm (the one the SSH console and the command ACLs use), read and changed
 * through the realm's own {@link BackingEngine}: the {@link JaasRealm} service named {@code karaf} (highest rank), its
 * first login-module entry for which a {@link BackingEngineFactory} service exists (etc/users.properties through
 * {@code PropertiesLoginModule} in the distribution), built with that entry's options — so groups, roles and password
 * hashing ({@code encryption.*} of etc/org.apache.karaf.jaas.cfg) are exactly the realm's, as {@code jaas:realm-manage}
 * does it. Reading users.properties ourselves would duplicate the realm's rules and miss a realm configured otherwise.
 */
@Component(service = UserDirectory.class)
public class KarafUserDirectory implements UserDirectory {

    public static final String REALM = "karaf";

    private final List<JaasRealm> realms = new CopyOnWriteArrayList<>();
    private final List<BackingEngineFactory> factories = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRealm(JaasRealm realm) {
        realms.add(realm);
    }

    void removeRealm(JaasRealm realm) {
        realms.remove(realm);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFactory(BackingEngineFactory factory) {
        factories.add(factory);
    }

    void removeFactory(BackingEngineFactory factory) {
        factories.remove(factory);
    }

    private BackingEngineDirectory directory() {
        JaasRealm realm = null;
        for (var r : realms) {
            if (REALM.equals(r.getName()) && (realm == null || r.getRank() > realm.getRank())) {
                realm = r;
            }
        }
        if (realm == null) {
            throw new IllegalStateException("no JAAS realm '" + REALM + "' (Karaf's jaas feature provides it)");
        }
        for (AppConfigurationEntry entry : realm.getEntries()) {
            var module = entry.getOptions().get(ProxyLoginModule.PROPERTY_MODULE);
            for (var factory : factories) {
                if (factory.getModuleClass().equals(module)) {
                    var options = entry.getOptions();
                    var prefix = options.get("encryption.prefix");
                    return new BackingEngineDirectory(() -> {
                        var engine = factory.build(options);
                        if (engine == null) {
                            throw new IllegalStateException("JAAS realm '" + REALM + "': the users of module "
                                    + module + " cannot be read (see the log for the file)");
                        }
                        return engine;
                    }, prefix == null ? "" : prefix.toString());
                }
            }
        }
        throw new IllegalStateException("JAAS realm '" + REALM + "' has no login module with a backing engine (users "
                + "cannot be listed or changed)");
    }

    @Override
    public List<UserAccount> users() {
        return directory().users();
    }

    @Override
    public Optional<UserAccount> find(String user) {
        return directory().find(user);
    }

    @Override
    public void add(String user, char[] password, String role) {
        directory().add(user, password, role);
    }

    @Override
    public void remove(String user) {
        directory().remove(user);
    }

    @Override
    public void setRole(String user, String role) {
        directory().setRole(user, role);
    }
}
