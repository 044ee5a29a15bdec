package io.reqldb.tools.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.tools.SmallDisk;
import io.reqldb.tools.format.FormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveRoundTripTest {
    @TempDir Path tmp;

    @Test
    void writer_commitsUnderTopFolderAndLeavesNoPartial() throws IOException {
        String top = ArchiveNames.dumpName(LocalDateTime.of(2015, 9, 17, 10, 59, 58));
        assertThat(top).isEqualTo("rethinkdb_dump_2015-09-17T10:59:58");
        Path target = tmp.resolve(top + ".tar.gz");
        Path data = Files.writeString(tmp.resolve("t.json"), "[\n]\n");
        try (ArchiveWriter writer = ArchiveWriter.toFile(top, target)) {
            writer.addBytes("db/t.info", "{\"primary_key\": \"id\"}\n".getBytes(StandardCharsets.US_ASCII));
            writer.addFileAndDelete("db/t.json", data);
            writer.commit();
        }
        assertThat(Files.exists(data)).isFalse();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(top + ".tar.gz");
        }
        assertThat(names(Files.newInputStream(target).readAllBytes())).containsExactly(
                top + "/db/t.info", top + "/db/t.json");
    }

    @Test
    void writer_compressesOnAllCoresIntoOneGzipMember_readBackWhole() throws IOException {
        // Several compression chunks, a name long enough for a POSIX extended header, and data
        // written before its size is known, as dump writes a table. One gzip member, because the
        // official restore reads archives with Python's tarfile in stream mode ("r|*"), which
        // stops at the end of the first member.
        String longTable = "t".repeat(120);
        byte[] data = new byte[3 * (1 << 20) + 12345];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + (i * 7 + i / 1000) % 26);
        }
        Path target = tmp.resolve("one.tar.gz");
        try (ArchiveWriter writer = ArchiveWriter.toFile("top", target)) {
            writer.addBytes("db/" + longTable + ".info", "{}\n".getBytes(StandardCharsets.US_ASCII));
            ArchiveWriter.Entry entry = writer.openEntry(tmp.resolve("staging"));
            entry.write(data, 0, 1000);
            entry.write(data, 1000, data.length - 1000);
            entry.close();
            writer.addEntry("db/" + longTable + ".json", entry);
            writer.commit();
        }
        assertThat(Files.exists(tmp.resolve("staging"))).isFalse();
        byte[] firstMember;
        try (InputStream in = new GzipCompressorInputStream(Files.newInputStream(target), false)) {
            firstMember = in.readAllBytes(); // also checks the trailer's CRC-32 and length
        }
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(firstMember), "test")) {
            ArchiveReader.Member info = reader.next();
            assertThat(info.path().table()).isEqualTo(longTable);
            assertThat(info.content().readAllBytes()).isEqualTo("{}\n".getBytes(StandardCharsets.US_ASCII));
            ArchiveReader.Member json = reader.next();
            assertThat(json.path().extension()).isEqualTo("json");
            assertThat(json.size()).isEqualTo(data.length);
            assertThat(json.content().readAllBytes()).isEqualTo(data);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void crc32Combine_equalsTheCrcOfTheJoinedBytes() {
        java.util.Random random = new java.util.Random(7);
        for (int lengthB : new int[] {0, 1, 7, 512, 100_000}) {
            byte[] a = new byte[333];
            byte[] b = new byte[lengthB];
            random.nextBytes(a);
            random.nextBytes(b);
            java.util.zip.CRC32 joined = new java.util.zip.CRC32();
            joined.update(a);
            joined.update(b);
            assertThat(Crc32Combine.combine(crc(a), crc(b), lengthB)).isEqualTo((int) joined.getValue());
        }
    }

    private static int crc(byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    @Test
    void writer_closedWithoutCommit_deletesPartial() throws IOException {
        Path target = tmp.resolve("x.tar.gz");
        try (ArchiveWriter writer = ArchiveWriter.toFile("top", target)) {
            writer.addBytes("db/t.info", new byte[10]);
            assertThat(Files.exists(writer.partialFile())).isTrue();
        }
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void writer_onAFullDisk_failsAndLeavesNothing() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(256)) {
            Path big = tmp.resolve("big.json");
            byte[] noise = new byte[1 << 20];
            new java.util.Random(1).nextBytes(noise);
            Files.write(big, noise);
            Path target = disk.dir().resolve("dump.tar.gz");
            assertThatThrownBy(() -> {
                try (ArchiveWriter writer = ArchiveWriter.toFile("top", target)) {
                    writer.addFileAndDelete("db/t.json", big);
                    writer.commit();
                }
            }).isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
            try (var files = Files.list(disk.dir())) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void writer_afterAFailedWrite_keepsReportingTheFirstFailure() throws IOException {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        byte[] big = new byte[1 << 20];
        new java.util.Random(1).nextBytes(big);
        try (ArchiveWriter writer = ArchiveWriter.toStream("top", full)) {
            assertThatThrownBy(() -> writer.addBytes("db/a.json", big)).hasMessage("No space left on device");
            assertThatThrownBy(() -> writer.addBytes("db/b.json", big)).hasMessage("No space left on device");
            assertThatThrownBy(writer::commit).hasMessage("No space left on device");
        }
    }

    @Test
    void reader_acceptsBzip2XzAndPlainTar() throws IOException {
        byte[] plain = tar("top/db/t.json", "top/db/t.info", "top/ignored.txt");
        assertThat(names(plain)).containsExactly("top/db/t.json", "top/db/t.info");
        assertThat(names(compress(plain, BZip2CompressorOutputStream::new))).hasSize(2);
        assertThat(names(compress(plain, XZCompressorOutputStream::new))).hasSize(2);
    }

    @Test
    void reader_rejectsWrongDepthAndMixedTops() {
        assertThatThrownBy(() -> names(tar("top/t.json"))).isInstanceOf(FormatException.class)
                .hasMessage("Error: Archive file has an unexpected directory structure: top/t.json");
        assertThatThrownBy(() -> names(tar("a/db/t.json", "b/db/t.info"))).isInstanceOf(FormatException.class)
                .hasMessage("Error: Archive file has an unexpected directory structure (a vs b)");
    }

    @Test
    void memberPath_normalisesLikeTheOfficialRestore() throws IOException {
        assertThat(MemberPath.parse(" /top/./db/x/../t.info")).isEqualTo(new MemberPath("top", "db", "t", "info"));
        assertThat(MemberPath.parse("../../etc/passwd.json")).isNull();
        assertThat(MemberPath.parse("top/db/t.ndjson")).isNull();
    }

    private interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static byte[] compress(byte[] data, Compressor compressor) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compressor.wrap(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] tar(String... names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (String name : names) {
                byte[] content = name.endsWith(".json") ? "[\n]\n".getBytes(StandardCharsets.US_ASCII) : "{}\n".getBytes(StandardCharsets.US_ASCII);
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static List<String> names(byte[] archive) throws IOException {
        List<String> names = new ArrayList<>();
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive), "test")) {
            ArchiveReader.Member member;
            while ((member = reader.next()) != null) {
                names.add(member.path().top() + "/" + member.path().db() + "/" + member.path().table() + "." + member.path().extension());
            }
        }
        return names;
    }
}
