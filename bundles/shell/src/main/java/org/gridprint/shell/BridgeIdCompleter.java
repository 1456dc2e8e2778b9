package org.gridprint.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gridprint.api.driver.ModbusCommissioning;

/** Completes Modbus bridge ids. */
@Service
public class BridgeIdCompleter implements Completer {

    @Reference(optional = true)
    ModbusCommissioning modbus;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        var delegate = new StringsCompleter();
        if (modbus != null) {
            modbus.bridgeStatus().forEach(b -> delegate.getStrings().add(b.id()));
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
