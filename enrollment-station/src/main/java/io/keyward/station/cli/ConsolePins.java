package io.keyward.station.cli;

import io.keyward.station.enrollment.PinSource;
import io.keyward.station.graph.Employee;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** PINs typed at the terminal without echo; from standard input, one per line, when there is no terminal. */
final class ConsolePins implements PinSource {

    private final Console console = System.console();
    private final BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    private final PrintStream out;
    private final String who;

    ConsolePins(PrintStream out, String who) {
        this.out = out;
        this.who = who;
    }

    @Override
    public char[] newPin(Employee employee, int minLength) {
        while (true) {
            char[] pin = read(who + ": choose a PIN for " + employee.displayName() + "'s key (at least " + minLength + " characters): ");
            char[] again = read(who + ": type the PIN again: ");
            if (pin.length >= minLength && java.util.Arrays.equals(pin, again)) {
                java.util.Arrays.fill(again, '\0');
                return pin;
            }
            out.println(pin.length < minLength ? "That PIN is too short." : "The two PINs differ.");
        }
    }

    @Override
    public char[] existingPin(Employee employee, int retriesLeft) {
        return read(who + ": the key already has a PIN; type it (" + retriesLeft + " tries left before it locks): ");
    }

    private char[] read(String prompt) {
        if (console != null) {
            char[] pin = console.readPassword("%s", prompt);
            return pin == null ? new char[0] : pin;
        }
        out.print(prompt);
        out.flush();
        try {
            String line = stdin.readLine();
            return line == null ? new char[0] : line.toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
