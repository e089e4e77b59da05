package io.keyward.station.cli;

import io.keyward.station.graph.Employee;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** Finds employees whose name or UPN starts with the text. */
@Command(name = "find", description = "Find employees by the start of their name or user principal name.")
final class FindCommand implements Callable<Integer> {

    @ParentCommand
    StationCommand station;

    @Parameters(paramLabel = "TEXT", description = "start of a display name or UPN")
    String text;

    @Override
    public Integer call() throws Exception {
        List<Employee> employees = StationSetup.open(station.config).graph().searchUsers(text);
        if (employees.isEmpty()) {
            System.out.println("Nobody's name or UPN starts with '" + text + "'.");
        }
        for (Employee employee : employees) {
            System.out.println(employee.userPrincipalName() + "  " + employee.displayName()
                    + (employee.guest() ? "  (guest: cannot get a key)" : "")
                    + (employee.accountEnabled() ? "" : "  (account disabled)"));
        }
        return 0;
    }
}
