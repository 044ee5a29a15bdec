package io.reqldb.datum;

/** A string. RethinkDB orders strings by their UTF-8 bytes, which is code-point order. */
public record StringDatum(String value) implements Datum {
    public StringDatum {
        if (value == null) {
            throw new NullPointerException("value");
        }
    }

    @Override
    public DatumType type() {
        return DatumType.STRING;
    }

    @Override
    public String toString() {
        return DatumJson.write(this);
    }
}
