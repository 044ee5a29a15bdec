package io.reqldb.rethinkdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A {@code table_config_t} as each metadata version serializes it. */
class ClusterMetadataTest {
    private static final UUID TABLE = UUID.fromString("cbb79282-df0f-4594-99f6-a81d9df26dc8");
    private static final UUID DB = UUID.fromString("9c8875eb-c1f2-4889-b8c8-1e4f900f1373");
    private static final UUID SERVER = UUID.fromString("11111111-2222-3333-4444-555555555555");

    /** A ReQL function in the 2.2+ layout: no captured variables, one parameter, a JSON body. */
    private static Out function(Out out, String body) {
        byte[] text = (body + "\0").getBytes(StandardCharsets.UTF_8);
        return out.u8(0).varint(0).i32(0).varint(1).i64(1).i32(text.length).bytes(text).i32(0);
    }

    private static Out config(boolean withHookField) {
        Out out = new Out().string("orders").uuid(DB).string("order_id");
        out.varint(2); // two shards, one replica each
        for (int s = 0; s < 2; s++) {
            out.varint(1).uuid(SERVER).varint(0).uuid(SERVER);
        }
        out.varint(1).string("user_id");
        function(out, "[31,[[10,[1]],\"user_id\"]]").u8(7).u8(0).u8(0);
        if (withHookField) {
            out.u8(1);
            function(out, "[10,[1]]").u8(7);
        }
        return out.u8(1).u8(1); // majority, soft
    }

    @Test
    void v24_hasIndexesAndWriteHook() {
        TableConfig t = ClusterMetadata.tableConfig(TABLE, new Serial(config(true).toBytes()), ClusterVersion.V2_4);
        assertThat(t.name()).isEqualTo("orders");
        assertThat(t.database()).isEqualTo(DB);
        assertThat(t.primaryKey()).isEqualTo("order_id");
        assertThat(t.shards()).isEqualTo(2);
        assertThat(t.replicas()).isEqualTo(1);
        assertThat(t.writeAcks()).isEqualTo("majority");
        assertThat(t.durability()).isEqualTo("soft");
        TableConfig.IndexDefinition index = t.indexes().get(0);
        assertThat(index.name()).isEqualTo("user_id");
        assertThat(new String(index.function(), StandardCharsets.ISO_8859_1))
                .startsWith("$reql_index_function$\u0009\u0007\u0007\u0007").contains("\"user_id\"");
        assertThat(new String(t.writeHook(), StandardCharsets.ISO_8859_1)).startsWith("$reql_write_hook_function$");
    }

    @Test
    void v22AndV23_haveNoWriteHookField() {
        for (ClusterVersion v : new ClusterVersion[] {ClusterVersion.V2_2, ClusterVersion.V2_3}) {
            TableConfig t = ClusterMetadata.tableConfig(TABLE, new Serial(config(false).toBytes()), v);
            assertThat(t.writeHook()).isNull();
            assertThat(t.durability()).isEqualTo("soft");
            assertThat(t.indexes().get(0).function()).isNotNull();
        }
    }

    @Test
    void v21_indexFunctionsInProtobuf_becomeJsonTerms() {
        Out out = new Out().string("t").uuid(DB).string("id").varint(1).varint(1).uuid(SERVER).varint(0).uuid(SERVER);
        out.varint(1).string("ix");
        // r.row("user_id") as 2.1 stored it: Term{type: BRACKET(170), args: [Term{type: IMPLICIT_VAR(13)}, "user_id"]}
        byte[] protobuf = ProtobufTermTest.term(170, ProtobufTermTest.term(13), ProtobufTermTest.datumTerm(
                ProtobufTermTest.string("user_id")));
        out.u8(0).varint(0).i32(0).varint(1).i64(1).i32(protobuf.length).bytes(protobuf).i32(7); // 2.1: uint32 backtrace
        out.u8(4).u8(1).u8(0).u8(1).u8(2);
        TableConfig t = ClusterMetadata.tableConfig(TABLE, new Serial(out.toBytes()), ClusterVersion.V2_1);
        TableConfig.IndexDefinition index = t.indexes().get(0);
        assertThat(index.multi()).isTrue();
        String blob = new String(index.function(), StandardCharsets.ISO_8859_1);
        assertThat(blob).startsWith("$reql_index_function$\u0009\u0004\u0004\u0007")
                .contains("[170,[[13,0],[1,\"user_id\",0]],0]\0");
        assertThat(t.durability()).isEqualTo("hard");
    }
}
