package io.reqldb.storage.rocksdb;

/**
 * A position in one {@link DocumentCodec} record, with the reads every walk over the format
 * shares: the decoder, the JSON writer ({@link DocumentJson}) and the peek of
 * {@link StoredDocument}.
 */
class RecordCursor {
    final byte[] b;
    int pos;

    RecordCursor(byte[] b) {
        this.b = b;
    }

    final long varint() {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int c = b[pos++];
            v |= (long) (c & 0x7F) << shift;
            if (c >= 0) {
                return v;
            }
        }
    }

    final long fixed64() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[pos++] & 0xFF);
        }
        return v;
    }

    /** Moves past the value that starts here. */
    final void skipValue() {
        int tag = b[pos++] & 0xFF;
        if (tag >= DocumentCodec.FIXSTR && tag <= DocumentCodec.FIXSTR + DocumentCodec.FIX_MAX) {
            pos += tag - DocumentCodec.FIXSTR;
            return;
        }
        switch (tag) {
            case DocumentCodec.INTEGER -> varint();
            case DocumentCodec.DOUBLE -> pos += 8;
            case DocumentCodec.STRING, DocumentCodec.BINARY -> skipBytes();
            case DocumentCodec.ARRAY -> {
                for (long n = varint(); n > 0; n--) {
                    skipValue();
                }
            }
            case DocumentCodec.OBJECT -> {
                for (long n = varint(); n > 0; n--) {
                    skipBytes();
                    skipValue();
                }
            }
            case DocumentCodec.TIME -> {
                pos += 8;
                skipBytes();
            }
            default -> {
                // null, false, true and the small integers are the tag alone
            }
        }
    }

    /** Moves past a length-prefixed byte string (a key, a string's or a binary's bytes). */
    final void skipBytes() {
        int n = (int) varint();
        pos += n;
    }
}
