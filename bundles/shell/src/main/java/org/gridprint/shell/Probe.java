package org.gridprint.shell;

import java.util.function.Function;

/** One answer of an optional service for {@code gridprint:status}: the value, or why there is none. */
public sealed interface Probe<T> {

    record Answer<T>(T value) implements Probe<T> {
    }

    /** The service is missing, or asking it failed; the message says which. */
    record NotAvailable<T>(String message) implements Probe<T> {
    }

    /**
     * Asks {@code service} (may be null: then {@code missing} is the answer); an exception becomes a
     * {@link NotAvailable} naming it, so one failing service never hides the others.
     */
    static <S, T> Probe<T> ask(S service, String missing, Function<S, T> question) {
        if (service == null) {
            return new NotAvailable<>(missing);
        }
        try {
            return new Answer<>(question.apply(service));
        } catch (RuntimeException e) {
            return new NotAvailable<>("failed: " + e);
        }
    }
}
