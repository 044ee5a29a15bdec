package io.reqldb.rethinkdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Protobuf terms (function bodies before 2.2) as the JSON term text RethinkDB 2.4 turns them into. */
class ProtobufTermTest {
    // Protobuf encoding by hand: a key (field << 3 | wire type), then the value.
    static byte[] varintField(int field, long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (long) field << 3);
        varint(out, v);
        return out.toByteArray();
    }

    static byte[] bytesField(int field, byte[] v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, ((long) field << 3) | 2);
        varint(out, v.length);
        out.writeBytes(v);
        return out.toByteArray();
    }

    static byte[] doubleField(int field, double v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, ((long) field << 3) | 1);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array());
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A Term of {@code type} with positional {@code args} (each an encoded Term). */
    static byte[] term(int type, byte[]... args) {
        byte[] out = varintField(1, type);
        for (byte[] a : args) {
            out = concat(out, bytesField(3, a));
        }
        return out;
    }

    static byte[] datumTerm(byte[] datum) {
        return concat(varintField(1, 1), bytesField(2, datum));
    }

    static byte[] string(String s) {
        return concat(varintField(1, 4), bytesField(4, s.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] number(double v) {
        return concat(varintField(1, 3), doubleField(3, v));
    }

    private static byte[] pair(byte[] key, byte[] val) {
        return concat(bytesField(1, key), bytesField(2, val));
    }

    private static String json(byte[] term) {
        return new String(ProtobufTerm.toJson(term), StandardCharsets.UTF_8);
    }

    @Test
    void datums_ofEveryType() {
        byte[] nul = varintField(1, 1);
        byte[] bool = concat(varintField(1, 2), varintField(2, 1));
        byte[] array = concat(varintField(1, 5), bytesField(5, number(1)), bytesField(5, number(2.5)));
        byte[] object = concat(varintField(1, 6), bytesField(6, pair("é".getBytes(StandardCharsets.UTF_8), nul)),
                bytesField(6, pair("b".getBytes(StandardCharsets.UTF_8), bool)));
        byte[] rawJson = concat(varintField(1, 7), bytesField(4, "{\"x\": [1, 2]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(json(datumTerm(nul))).isEqualTo("[1,null,0]");
        assertThat(json(datumTerm(bool))).isEqualTo("[1,true,0]");
        // rapidjson writes a double's whole number with ".0".
        assertThat(json(datumTerm(array))).isEqualTo("[1,[1.0,2.5],0]");
        assertThat(json(datumTerm(object))).isEqualTo("[1,{\"é\":null,\"b\":true},0]");
        assertThat(json(datumTerm(string("a\"b\n")))).isEqualTo("[1,\"a\\\"b\\n\",0]");
        assertThat(json(datumTerm(rawJson))).isEqualTo("[1,{\"x\":[1,2]},0]");
    }

    @Test
    void termsWithArgsAndOptargs_andMakeObj() {
        byte[] optarg = pair("index".getBytes(StandardCharsets.UTF_8), datumTerm(string("a")));
        byte[] getAll = concat(term(78, term(15, datumTerm(string("t"))), datumTerm(number(3))), bytesField(4, optarg));
        assertThat(json(getAll)).isEqualTo("[78,[[15,[[1,\"t\",0]],0],[1,3.0,0]],{\"index\":[1,\"a\",0]},0]");
        byte[] makeObj = concat(varintField(1, 3), bytesField(4, optarg));
        assertThat(json(makeObj)).isEqualTo("[3,{\"index\":[1,\"a\",0]},0]");
        assertThat(json(term(13))).isEqualTo("[13,0]");
        // Unknown fields are skipped, as protobuf readers do.
        assertThat(json(concat(term(13), varintField(15, 99)))).isEqualTo("[13,0]");
    }

    @Test
    void damagedProtobuf_isAnErrorNotACrash() {
        byte[] cut = term(170, term(13), datumTerm(string("user_id")));
        byte[] shorter = java.util.Arrays.copyOf(cut, cut.length - 3);
        assertThatThrownBy(() -> ProtobufTerm.toJson(shorter)).isInstanceOf(RethinkDataException.class);
        assertThatThrownBy(() -> ProtobufTerm.toJson(varintField(5, 1))).isInstanceOf(RethinkDataException.class)
                .hasMessageContaining("without a type");
    }

    @Test
    void pre21Function_bodyAndProtobufBacktrace_becomeTheLatestLayout() {
        byte[] body = term(170, term(13), datumTerm(string("a")));
        byte[] backtrace = {0x0a, 0x02, 0x08, 0x01};
        Out old = new Out().u8(0).varint(0).i32(0).varint(1).i64(1).i32(body.length).bytes(body).i32(backtrace.length)
                .bytes(backtrace);
        Serial in = new Serial(old.toBytes());
        byte[] latest = WireFunc.read(in, ClusterVersion.V2_0);
        assertThat(in.atEnd()).isTrue();
        byte[] text = "[170,[[13,0],[1,\"a\",0]],0]\0".getBytes(StandardCharsets.UTF_8);
        byte[] want = new Out().u8(0).varint(0).i32(0).varint(1).i64(1).i32(text.length).bytes(text).i32(0).toBytes();
        assertThat(latest).isEqualTo(want);
    }

    @Test
    void pre21JavaScriptFunction_keepsSourceAndTimeout() {
        Out old = new Out().u8(1).string("(function(x){return x;})").i64(5000).i32(0);
        byte[] latest = WireFunc.read(new Serial(old.toBytes()), ClusterVersion.V1_16);
        assertThat(latest).isEqualTo(new Out().u8(1).string("(function(x){return x;})").i64(5000).i32(0).toBytes());
    }
}
