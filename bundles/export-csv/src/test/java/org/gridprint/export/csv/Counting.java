package org.gridprint.export.csv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;

/** Wraps a real service so that a test can see every call it got, by method name, in order. */
final class Counting {

    /** Runs before a call is passed on; may block or throw. */
    @FunctionalInterface
    interface Hook {
        Object[] before(String method, Object[] args) throws Exception;
    }

    private Counting() {
    }

    static <T> T of(Class<T> type, T delegate, List<String> calls) {
        return of(type, delegate, calls, (m, a) -> a);
    }

    static <T> T of(Class<T> type, T delegate, List<String> calls, Hook hook) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(delegate, args);
            }
            calls.add(method.getName());
            var passed = hook.before(method.getName(), args);
            try {
                return method.invoke(delegate, passed);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
