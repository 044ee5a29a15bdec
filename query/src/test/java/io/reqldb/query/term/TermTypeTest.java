package io.reqldb.query.term;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TermTypeTest {
    @Test
    void numbersMatchTheOfficialDriver() {
        for (com.rethinkdb.gen.proto.TermType official : com.rethinkdb.gen.proto.TermType.values()) {
            TermType ours = TermType.valueOf(official.name());
            assertThat(ours.number()).as(official.name()).isEqualTo(official.value);
            assertThat(TermType.forNumber(official.value)).isSameAs(ours);
        }
        assertThat(TermType.values()).hasSize(com.rethinkdb.gen.proto.TermType.values().length);
    }
}
