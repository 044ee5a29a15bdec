package io.reqldb.query.term;

import java.util.Set;

/**
 * How a term is called: its argument count range, the optargs it accepts, whether it applies per
 * group when its first argument is grouped data, and how to build it.
 *
 * @param minArgs   fewest positional arguments
 * @param maxArgs   most positional arguments, or -1 for no limit
 * @param optargs   accepted optional argument names
 * @param groupable applied to each group separately when argument 0 is GROUPED_DATA (RethinkDB's default for operations)
 */
public record TermSpec(TermType type, int minArgs, int maxArgs, Set<String> optargs, boolean groupable,
                       TermFactory factory) {

    boolean acceptsCount(int n) {
        return n >= minArgs && (maxArgs < 0 || n <= maxArgs);
    }

    /** RethinkDB's wording of the expected count: "1 argument", "2 or more arguments", "between 1 and 2 arguments". */
    String describeArity() {
        if (minArgs == maxArgs) {
            return minArgs + (minArgs == 1 ? " argument" : " arguments");
        }
        if (maxArgs < 0) {
            return minArgs + " or more arguments";
        }
        return "between " + minArgs + " and " + maxArgs + " arguments";
    }
}
