package org.ecgpeft.peft;

import java.util.List;

/** peft's rule for matching a module's dotted name against a configured short name. */
final class ModuleNames {

    private ModuleNames() {}

    /** True when {@code moduleName} equals one of {@code names} or ends with {@code "." + name}. */
    static boolean matchesAny(String moduleName, List<String> names) {
        for (String n : names) {
            if (moduleName.equals(n) || moduleName.endsWith("." + n)) {
                return true;
            }
        }
        return false;
    }
}
