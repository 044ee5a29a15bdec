package io.reqldb.rethinkdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The metablock RethinkDB 2.4 starts from, chosen among the seven slots. */
class MetablockTest {
    @Test
    void slots_areTheSevenBlocksAfterTheStaticHeader() {
        assertThat(Metablock.slotOffsets(2 << 20)).containsExactly(4096L, 8192L, 12288L, 16384L, 20480L, 24576L, 28672L);
    }

    @Test
    void choose_takesTheNewestValidSlot() {
        List<byte[]> slots = List.of(Metablocks.slot(1), Metablocks.slot(2), Metablocks.slot(3), new byte[4096],
                new byte[4096], new byte[4096], new byte[4096]);
        assertThat(Metablock.choose(slots).version()).isEqualTo(3);
    }

    @Test
    void choose_afterWrapAround_stopsAtTheFirstOlderSlot() {
        // Written in a ring: slots 1..2 hold 8 and 9, slots 3..7 the older 3..7.
        List<byte[]> slots = List.of(Metablocks.slot(8), Metablocks.slot(9), Metablocks.slot(3), Metablocks.slot(4),
                Metablocks.slot(5), Metablocks.slot(6), Metablocks.slot(7));
        Metablock chosen = Metablock.choose(slots);
        assertThat(chosen.version()).isEqualTo(9);
        assertThat(chosen.slot()).isEqualTo(1);
    }

    @Test
    void choose_aTornNewestWrite_fallsBackToThePreviousMetablock() {
        List<byte[]> slots = List.of(Metablocks.slot(5), Metablocks.slot(6), Metablocks.torn(7), Metablocks.slot(3),
                Metablocks.slot(4), new byte[4096], new byte[4096]);
        assertThat(Metablock.choose(slots).version()).isEqualTo(6);
    }

    @Test
    void choose_aTruncatedFile_usesTheSlotsThatArePresent() {
        List<byte[]> slots = List.of(Metablocks.slot(1), Metablocks.slot(2), new byte[0], new byte[0], new byte[0],
                new byte[0], new byte[0]);
        assertThat(Metablock.choose(slots).version()).isEqualTo(2);
    }

    @Test
    void choose_noValidSlot_saysEveryCrcFails() {
        List<byte[]> slots = List.of(Metablocks.torn(1), new byte[4096]);
        assertThatThrownBy(() -> Metablock.choose(slots)).hasMessageContaining("no valid metablock");
    }

    @Test
    void choose_everyFormatFrom114To24_isRead() {
        for (ClusterVersion v : ClusterVersion.values()) {
            Metablock mb = Metablock.choose(List.of(Metablocks.slot(1, v.code, List.of(), List.of())));
            assertThat(mb.format()).isEqualTo(v);
        }
    }

    @Test
    void choose_format113_pointsAtRethinkDb20() {
        assertThatThrownBy(() -> Metablock.choose(List.of(Metablocks.slot(1, 1, List.of(), List.of()))))
                .hasMessageContaining("1.13").hasMessageContaining("2.0");
    }

    @Test
    void choose_newerFormat_isRefused() {
        assertThatThrownBy(() -> Metablock.choose(List.of(Metablocks.slot(1, 10, List.of(), List.of()))))
                .hasMessageContaining("newer RethinkDB");
    }
}
