package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.query.system.ServedProcess.Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** server_status's canonical addresses: RethinkDB's --canonical-address forms, else the bound addresses. */
class CanonicalAddressesTest {
    @Test
    void given_hostOrHostPort_orBracketedV6() {
        assertThat(CanonicalAddresses.of(List.of("db1", "db2:29100", "[::1]:29200", "fe80::1"), List.of(), 29015))
                .containsExactly(new Address("db1", 29015), new Address("db2", 29100), new Address("::1", 29200),
                        new Address("fe80::1", 29015));
    }

    @Test
    void otherwise_theBoundAddresses_everyInterfaceForAll() throws Exception {
        assertThat(CanonicalAddresses.of(List.of(), List.of(InetAddress.getByName("127.0.0.1")), 29016))
                .containsExactly(new Address("127.0.0.1", 29016));
        assertThat(CanonicalAddresses.of(null, List.of(InetAddress.getByName("0.0.0.0")), 29015))
                .contains(new Address("127.0.0.1", 29015));
    }

    @Test
    void aBadPort_isOneLine() {
        assertThatThrownBy(() -> CanonicalAddresses.of(List.of("db1:http"), List.of(), 29015))
                .hasMessage("--canonical-address db1:http: 'http' is not a port: give host or host:port (a number "
                        + "from 0 to 65535).");
    }
}
