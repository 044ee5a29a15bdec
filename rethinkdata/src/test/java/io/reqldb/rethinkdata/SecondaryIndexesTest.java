package io.reqldb.rethinkdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Index definitions kept in a table's own file before 2.1, for each version that wrote them. */
class SecondaryIndexesTest {
    private final MemoryBlocks blocks = new MemoryBlocks(4088);

    private List<TableConfig.IndexDefinition> read(ClusterVersion version, Out map) {
        Out block = new Out().ascii("sin" + version.magicLetter);
        LegacyFolders.inlineBlob(block, map.toBytes());
        blocks.put(7, block.toBytes());
        return SecondaryIndexes.read(blocks, 7);
    }

    @Test
    void v116_indexes_becomeTwoFourBlobs_theOneBeingDeletedLeftOut() {
        Out map = new Out().varint(2);
        LegacyFolders.index(map, "gone", LegacyFolders.definition(ClusterVersion.V1_16, 2, "x", false), true);
        LegacyFolders.index(map, "tags", LegacyFolders.definition(ClusterVersion.V1_16, 2, "tags", true), false);
        List<TableConfig.IndexDefinition> indexes = read(ClusterVersion.V1_16, map);
        assertThat(indexes).extracting(TableConfig.IndexDefinition::name).containsExactly("tags");
        TableConfig.IndexDefinition tags = indexes.get(0);
        assertThat(tags.multi()).isTrue();
        assertThat(tags.geo()).isFalse();
        // Serialized as 2.4 serializes it, ReQL 1.16 (2) its original and compatible version, the body as JSON.
        assertThat(new String(tags.function(), StandardCharsets.ISO_8859_1))
                .startsWith("$reql_index_function$\u0009\u0002\u0002\u0007")
                .contains("[170,[[13,0],[1,\"tags\",0]],0]\0");
    }

    @Test
    void v114_definitionHasNoGeoByte() {
        Out map = new Out().varint(1);
        LegacyFolders.index(map, "n", LegacyFolders.definition(ClusterVersion.V1_14, 2, "n", false), false);
        assertThat(read(ClusterVersion.V1_14, map)).singleElement().satisfies(i -> assertThat(i.geo()).isFalse());
    }

    @Test
    void v22Block_readsTheKeyRangeStillToBuild() {
        Out map = new Out().varint(1);
        byte[] def = LegacyFolders.definition(ClusterVersion.V2_0, 3, "n", false);
        // 2.2+: instead of a "built" bool, the key range still to build: left key, unbounded, right key.
        map.string("n").u8(0).i64(9).varint(def.length).bytes(def).u8(0).u8(1).u8(0).u8(0).uuid(LegacyFolders.SERVER);
        assertThat(read(ClusterVersion.V2_2, map)).extracting(TableConfig.IndexDefinition::name).containsExactly("n");
    }

    @Test
    void indexFromBeforeOneSixteen_isRefusedAsRethinkDbRefusesIt() {
        Out map = new Out().varint(1);
        LegacyFolders.index(map, "old", LegacyFolders.definition(ClusterVersion.V1_14, 1, "n", false), false);
        assertThatThrownBy(() -> read(ClusterVersion.V1_14, map)).hasMessageContaining("`old`")
                .hasMessageContaining("before RethinkDB 1.16").hasMessageContaining("RethinkDB 2.1 can update it");
    }

    @Test
    void blockFromOneThirteen_orOfAnotherKind_isRefused() {
        blocks.put(7, new Out().ascii("sind").toBytes());
        assertThatThrownBy(() -> SecondaryIndexes.read(blocks, 7)).hasMessageContaining("RethinkDB 1.13");
        blocks.put(7, new Out().ascii("junk").toBytes());
        assertThatThrownBy(() -> SecondaryIndexes.read(blocks, 7)).hasMessageContaining("magic \"junk\"");
    }
}
