package org.ecgpeft.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An instance of a Python class the reader does not know (argparse Namespace, omegaconf nodes,
 * numpy scalars, ...): its qualified class name, constructor arguments and the state a pickle
 * BUILD gave it. Kept so unknown configuration objects decode instead of failing the load.
 */
final class PickledObject {

    private final String className;
    private final List<Object> args;
    private Object state;

    PickledObject(String className, List<Object> args) {
        this.className = className;
        // Python None arrives as null, which List.copyOf would refuse.
        this.args = Collections.unmodifiableList(new ArrayList<>(args));
    }

    String className() {
        return className;
    }

    /** Constructor arguments (None is null). */
    List<Object> args() {
        return args;
    }

    Object state() {
        return state;
    }

    /** Sets the state from a BUILD opcode, which pickle applies after construction. */
    void setState(Object state) {
        this.state = state;
    }

    @Override
    public String toString() {
        return className + args + (state == null ? "" : " state=" + state);
    }
}
