package io.followup.template;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.UberspectImpl;
import org.apache.velocity.util.introspection.VelMethod;
import org.apache.velocity.util.introspection.VelPropertyGet;
import org.apache.velocity.util.introspection.VelPropertySet;

/**
 * Velocity's introspection for templates, reduced to plain values: a template may read map keys and call methods of
 * strings, numbers, booleans, characters, maps and collections, nothing else. No {@code getClass}, no
 * {@code .class}, no method of any other type (so no reflection, class loading, file or process access through
 * whatever object a template gets hold of), and no property assignment. A refused call resolves to nothing, which
 * strict mode reports as an error at the template's line and column. Stateless; thread-safe.
 */
public final class SandboxUberspector extends UberspectImpl {

    private static final Set<String> FORBIDDEN_NAMES = Set.of("getClass", "class", "wait", "notify", "notifyAll",
            "getDeclaringClass", "getClassLoader");

    /** Whether templates may call {@code name} on a value of this type (the linter uses the same rule). */
    static boolean allowed(Class<?> type, String name) {
        return !FORBIDDEN_NAMES.contains(name) && plainValue(type);
    }

    private static boolean plainValue(Class<?> type) {
        return CharSequence.class.isAssignableFrom(type) || Number.class.isAssignableFrom(type)
                || type == Boolean.class || type == Character.class || Map.class.isAssignableFrom(type)
                || Collection.class.isAssignableFrom(type) || Map.Entry.class.isAssignableFrom(type);
    }

    /** Whether a method or property name is refused whatever the receiver ({@code getClass}, {@code class}...). */
    static boolean forbiddenName(String name) {
        return FORBIDDEN_NAMES.contains(name);
    }

    @Override
    public VelMethod getMethod(Object target, String methodName, Object[] args, Info info) {
        if (target == null || !allowed(target.getClass(), methodName)) {
            return null;
        }
        return super.getMethod(target, methodName, args, info);
    }

    @Override
    public VelPropertyGet getPropertyGet(Object target, String identifier, Info info) {
        if (target == null || !allowed(target.getClass(), identifier)) {
            return null;
        }
        return super.getPropertyGet(target, identifier, info);
    }

    @Override
    public VelPropertySet getPropertySet(Object target, String identifier, Object arg, Info info) {
        return null;
    }

    @Override
    public Iterator<?> getIterator(Object target, Info info) {
        if (target == null || !(plainValue(target.getClass()) || target.getClass().isArray())) {
            return null;
        }
        return super.getIterator(target, info);
    }
}
