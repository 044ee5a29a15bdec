package io.reqldb.query.term;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.query.terms.TermFamilies;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TermRegistryTest {
    /** Term types the compiler handles itself, or that exist in the protocol but no server accepts. */
    private static final Set<TermType> NOT_IN_REGISTRY = EnumSet.of(
            TermType.DATUM, TermType.MAKE_OBJ, TermType.VAR, TermType.IMPLICIT_VAR, TermType.FUNC,
            TermType.BETWEEN_DEPRECATED);

    @Test
    void everyTermTypeIsRegisteredOrHandledByTheCompiler() {
        TermRegistry registry = new TermRegistry();
        TermFamilies.registerAll(registry);
        List<TermType> missing = new ArrayList<>();
        for (TermType t : TermType.values()) {
            if (!registry.isRegistered(t) && !NOT_IN_REGISTRY.contains(t)) {
                missing.add(t);
            }
        }
        assertThat(missing).isEmpty();
    }
}
