package io.reqldb.query.term;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Maps each term type to its {@link TermSpec}. Families register their terms through the fluent
 * {@link #term} builder:
 * <pre>{@code
 * registry.term(TermType.FLOOR).args(1).body((t, env) -> ...);
 * registry.term(TermType.BETWEEN).args(3).optargs("index", "left_bound", "right_bound").body(...);
 * }</pre>
 */
public final class TermRegistry {
    private final Map<TermType, TermSpec> specs = new EnumMap<>(TermType.class);

    /** Starts the definition of one term. */
    public Definition term(TermType type) {
        return new Definition(type);
    }

    /** The spec of a term type, or null when no family implements it. */
    public TermSpec spec(TermType type) {
        return specs.get(type);
    }

    public boolean isRegistered(TermType type) {
        return specs.containsKey(type);
    }

    private void add(TermSpec spec) {
        if (specs.putIfAbsent(spec.type(), spec) != null) {
            throw new IllegalStateException(spec.type() + " registered twice");
        }
    }

    /** Fluent builder for one term's spec; ends with {@link #body} or {@link #factory}. */
    public final class Definition {
        private final TermType type;
        private int min;
        private int max;
        private Set<String> optargs = Set.of();
        private boolean groupable = true;

        private Definition(TermType type) {
            this.type = type;
        }

        /** Exactly {@code n} positional arguments. */
        public Definition args(int n) {
            return args(n, n);
        }

        /** Between {@code min} and {@code max} arguments; {@code max} -1 means no limit. */
        public Definition args(int min, int max) {
            this.min = min;
            this.max = max;
            return this;
        }

        public Definition optargs(String... names) {
            this.optargs = Set.of(names);
            return this;
        }

        /** The term works on GROUPED_DATA as a whole instead of per group (group, ungroup, type_of...). */
        public Definition notGroupable() {
            this.groupable = false;
            return this;
        }

        public void body(TermBody body) {
            factory((t, a, o) -> new SimpleTerm(t, a, o, body));
        }

        public void factory(TermFactory factory) {
            add(new TermSpec(type, min, max, optargs, groupable, factory));
        }
    }
}
