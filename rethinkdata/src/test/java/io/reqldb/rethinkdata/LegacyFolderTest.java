package io.reqldb.rethinkdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole data directories from before 2.1, written by hand ({@link LegacyFolders}): the metadata
 * file's cluster superblock, the auth key's own file, and a table file whose indexes live in its
 * secondary-index block, read through {@link DataDirectory} like a 2.4 folder.
 */
class LegacyFolderTest {
    private static final UUID TABLE = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID DB = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    /** The bytes of {@link LegacyMetadataTest#cluster116}'s databases map, its last part. */
    private static final int DATABASES_116 = 1 + (16 + 1 + 4 + 8 + 16) + (16 + 1);
    @TempDir
    Path tmp;

    private Path folder(ClusterVersion version, byte[] cluster) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("rethinkdb_data"));
        LegacyFolders.metadata(folder, version, cluster);
        Map<String, byte[]> rows = new LinkedHashMap<>();
        rows.put("Sa", LegacyFolders.row("id", "a", "tags", "x"));
        rows.put("Sb", LegacyFolders.row("id", "b", "tags", "y"));
        Out indexes = new Out().varint(1);
        LegacyFolders.index(indexes, "tags", LegacyFolders.definition(version, 2, "tags", false), false);
        LegacyFolders.tableFile(folder, TABLE, version, rows, indexes.toBytes());
        return folder;
    }

    private static List<String> rows(DataDirectory dir, TableConfig t) throws Exception {
        List<String> out = new ArrayList<>();
        try (TableFile file = dir.openTable(t)) {
            file.rows((json, length) -> out.add(new String(json, 0, length, StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void v116Folder_tablesRowsIndexesAndAdminPassword() throws Exception {
        Path folder = folder(ClusterVersion.V1_16, LegacyMetadataTest.cluster116());
        LegacyFolders.authMetadata(folder, ClusterVersion.V1_16,
                new Out().string("hunter2").i64(1).uuid(UUID.randomUUID()).toBytes());
        DataDirectory dir = DataDirectory.open(folder, false);
        assertThat(dir.metadata().version()).isEqualTo(ClusterVersion.V1_16);
        TableConfig t = dir.tables().get(0);
        assertThat(dir.databaseName(t) + "." + t.name()).isEqualTo("app.users");
        assertThat(t.indexes()).extracting(TableConfig.IndexDefinition::name).containsExactly("tags");
        assertThat(rows(dir, t)).containsExactly("{\"id\":\"a\",\"tags\":\"x\"}", "{\"id\":\"b\",\"tags\":\"y\"}");
        UserInfo admin = dir.metadata().users().get(0);
        assertThat(admin.name()).isEqualTo("admin");
        assertThat(admin.password().iterations()).isEqualTo(1);
    }

    @Test
    void v114Folder_authKeyInAVectorClock() throws Exception {
        Path folder = folder(ClusterVersion.V1_14, LegacyMetadataTest.cluster114());
        LegacyFolders.authMetadata(folder, ClusterVersion.V1_14,
                new Out().varint(1).varint(1).uuid(UUID.randomUUID()).i32(1).string("").toBytes());
        DataDirectory dir = DataDirectory.open(folder, false);
        assertThat(dir.tables()).extracting(TableConfig::name).containsExactly("orders", "users");
        TableConfig users = dir.tables().get(1);
        assertThat(users.id()).isEqualTo(TABLE);
        assertThat(users.database()).isEqualTo(DB);
        assertThat(rows(dir, users)).hasSize(2);
        assertThat(dir.metadata().users().get(0).password()).isNull(); // an empty key: admin without a password
    }

    @Test
    void metadataLargerThanItsReference_isReadFromBlobBlocks() throws Exception {
        // 1.16 metadata of the usual table and 300 more databases: about 15 KB, four blob leaves.
        Out cluster = new Out().bytes(java.util.Arrays.copyOf(LegacyMetadataTest.cluster116(),
                LegacyMetadataTest.cluster116().length - DATABASES_116));
        cluster.varint(302).uuid(DB).u8(1).string("app").i64(1).uuid(UUID.randomUUID());
        cluster.uuid(UUID.randomUUID()).u8(0);
        for (int i = 0; i < 300; i++) {
            cluster.uuid(UUID.randomUUID()).u8(1).string("db" + i).i64(1).uuid(UUID.randomUUID());
        }
        DataDirectory dir = DataDirectory.open(folder(ClusterVersion.V1_16, cluster.toBytes()), false);
        assertThat(dir.metadata().databases()).hasSize(301);
        assertThat(dir.databaseName(dir.tables().get(0))).isEqualTo("app");
    }

    @Test
    void withoutAuthFile_thereAreNoUsersToCarry() throws Exception {
        DataDirectory dir = DataDirectory.open(folder(ClusterVersion.V2_0, LegacyMetadataTest.cluster116()), false);
        assertThat(dir.metadata().users()).isEmpty();
    }

    @Test
    void aTableWhoseFileIsDamaged_failsAlone_namingTableFileAndOffset() throws Exception {
        Path folder = folder(ClusterVersion.V1_16, LegacyMetadataTest.cluster116());
        Path file = folder.resolve(TABLE.toString());
        long offset;
        try (SerializerFile f = SerializerFile.open(file)) {
            offset = f.offsetOf(4); // the store's block 3, its secondary-index block
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset + 8);
            raf.write("XXXX".getBytes());
        }
        DataDirectory dir = DataDirectory.open(folder, false);
        TableConfig t = dir.tables().get(0);
        assertThatThrownBy(() -> dir.openTable(t)).hasMessageContaining("table app.users")
                .hasMessageContaining(file.toString()).hasMessageContaining("offset " + offset)
                .hasMessageContaining("magic \"XXXX\"");
    }

    @Test
    void aTableFileThatIsMissing_failsAlone() throws Exception {
        Path folder = folder(ClusterVersion.V1_16, LegacyMetadataTest.cluster116());
        Files.delete(folder.resolve(TABLE.toString()));
        DataDirectory dir = DataDirectory.open(folder, false);
        assertThatThrownBy(() -> dir.openTable(dir.tables().get(0))).hasMessageContaining("app.users")
                .hasMessageContaining("is missing");
    }
}
