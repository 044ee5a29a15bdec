package io.reqldb.tools.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Streams rows from a JSON data file as the official import accepts it: a JSON array of
 * objects, or whitespace-separated objects (which covers NDJSON). Unlike the official reader it
 * skips a UTF-8 byte-order mark and accepts leading whitespace in small files.
 */
public final class JsonRowReader implements RowReader {
    /** The official default cap on one document (and on a data file's read buffer). */
    public static final int DEFAULT_MAX_DOCUMENT_SIZE = 128 * 1024 * 1024;

    private final String name;
    private final long maxDocumentSize;
    private final JsonParser parser;
    private final ObjectMapper mapper;
    private final boolean array;
    private boolean finished;

    /**
     * Opens the reader and checks the first byte. {@code name} is used in messages only.
     *
     * @throws FormatException for an empty file or one that starts with neither {@code [} nor {@code {}
     */
    public JsonRowReader(InputStream in, String name, long maxDocumentSize) throws IOException {
        this(in, name, maxDocumentSize, false);
    }

    /**
     * As above; {@code allowEmpty} accepts a zero-length source as no rows, which is how
     * {@code export --format ndjson} writes an empty table.
     */
    public JsonRowReader(InputStream in, String name, long maxDocumentSize, boolean allowEmpty) throws IOException {
        this.name = name;
        this.maxDocumentSize = maxDocumentSize;
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        skipBom(buffered);
        int first = firstNonWhitespace(buffered);
        if (first < 0 && !allowEmpty) {
            throw new FormatException("Source is zero-length: " + name);
        }
        if (first >= 0 && first != '[' && first != '{') {
            throw new FormatException(
                    "Error: JSON format not recognized - file does not begin with an object or array");
        }
        this.array = first == '[';
        int limit = (int) Math.min(Integer.MAX_VALUE, Math.max(maxDocumentSize, 1 << 20));
        JsonFactory factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limit).maxNumberLength(limit).maxNestingDepth(1000).build())
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.USE_LONG_FOR_INTS);
        this.parser = factory.createParser(buffered);
        if (array) {
            try {
                parser.nextToken(); // the opening bracket
            } catch (CharConversionException e) {
                throw notJson(e);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> next() throws IOException {
        return (Map<String, Object>) row(true);
    }

    /** Tokenizes the next row without building it, which is several times faster. */
    @Override
    public boolean skip() throws IOException {
        return row(Mode.SKIP, null, null) != null;
    }

    /** Copies the row's tokens into the batch without building it. */
    @Override
    public boolean nextWire(WireRows out, Set<String> fields) throws IOException {
        if (row(Mode.COPY, out, fields) == null) {
            return false;
        }
        out.rowAdded();
        return true;
    }

    private Object row(boolean keep) throws IOException {
        return row(keep ? Mode.KEEP : Mode.SKIP, null, null);
    }

    /** What {@link #row} does with a row. */
    private enum Mode { KEEP, SKIP, COPY }

    /**
     * The next row (or, when not kept, a marker once it is checked or copied into {@code out});
     * null at the end.
     */
    private Object row(Mode mode, WireRows out, Set<String> fields) throws IOException {
        if (finished) {
            return null;
        }
        try {
            JsonToken token = parser.nextToken();
            if (token == null || (array && token == JsonToken.END_ARRAY)) {
                checkTrailer(token);
                finished = true;
                return null;
            }
            if (token != JsonToken.START_OBJECT) {
                throw new FormatException("Error: JSON data file " + name + " contains a row that is not an object: "
                        + parser.getText());
            }
            long start = parser.currentTokenLocation().getByteOffset();
            Object row = switch (mode) {
                case KEEP -> mapper.readValue(parser, Object.class);
                case SKIP -> parser.skipChildren();
                case COPY -> {
                    copyObject(out.generator(), fields);
                    yield Boolean.TRUE;
                }
            };
            if (parser.currentLocation().getByteOffset() - start > maxDocumentSize) {
                throw tooBig(start);
            }
            return row;
        } catch (StreamConstraintsException e) {
            throw tooBig(parser.currentLocation().getByteOffset());
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? bytesRead() : e.getLocation().getByteOffset();
            throw new FormatException("Error: invalid JSON in " + name + " at byte " + at + ": " + e.getOriginalMessage());
        } catch (CharConversionException e) {
            throw notJson(e);
        }
    }

    /** The object at the current token, with only {@code fields} (all when null) at this level. */
    private void copyObject(JsonGenerator g, Set<String> fields) throws IOException {
        g.writeStartObject();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (fields != null && !fields.contains(field)) {
                parser.skipChildren();
                continue;
            }
            g.writeFieldName(field);
            copyValue(g);
        }
        g.writeEndObject();
    }

    /** The value at the current token, as {@link WireRows#add} would write its decoded form. */
    private void copyValue(JsonGenerator g) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> copyObject(g, null);
            case START_ARRAY -> {
                g.writeStartArray();
                g.writeNumber(WireRows.MAKE_ARRAY);
                g.writeStartArray();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    copyValue(g);
                }
                g.writeEndArray();
                g.writeEndArray();
            }
            case VALUE_STRING -> g.writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            case VALUE_NUMBER_INT -> {
                String digits = parser.getText();
                // The number as written, but -0, which decodes to the integer 0.
                g.writeNumber(digits.equals("-0") ? "0" : digits);
            }
            case VALUE_NUMBER_FLOAT -> {
                if (parser.isNaN()) {
                    g.writeNumber(parser.getDoubleValue()); // NaN and infinities become strings
                } else {
                    g.writeNumber(parser.getText());
                }
            }
            case VALUE_TRUE -> g.writeBoolean(true);
            case VALUE_FALSE -> g.writeBoolean(false);
            case VALUE_NULL -> g.writeNull();
            default -> throw new FormatException("Error: JSON data file " + name + " has an unexpected "
                    + parser.currentToken());
        }
    }

    /**
     * NUL bytes early in a file make Jackson read it as UTF-16 or UTF-32, and then fail on
     * characters that do not exist; JSON text never holds raw NULs, so the file is simply not
     * JSON (a fuzzing find: the exception was not a {@link FormatException}).
     */
    private FormatException notJson(CharConversionException e) {
        return new FormatException("Error: invalid JSON in " + name + ": " + e.getMessage());
    }

    private FormatException tooBig(long position) {
        return new FormatException("Error: JSON max buffer size exceeded on file " + name + " (from position "
                + position + "). Use '--max-document-size' to extend your buffer.");
    }

    private void checkTrailer(JsonToken token) throws IOException {
        if (!array) {
            return; // concatenated objects simply end at end of file
        }
        if (token == null) {
            throw new FormatException("Error: JSON array did not end cleanly, rather with: <<>> (" + name
                    + " is truncated)");
        }
        String extra;
        try {
            extra = parser.nextToken() == null ? null : parser.getText();
        } catch (JsonProcessingException e) {
            extra = e.getOriginalMessage();
        } catch (CharConversionException e) {
            extra = e.getMessage();
        }
        if (extra != null) {
            throw new FormatException("Error: extra data after JSON data: " + Snippet.of(extra));
        }
    }

    @Override
    public long bytesRead() {
        return parser.currentLocation().getByteOffset();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static void skipBom(BufferedInputStream in) throws IOException {
        byte[] bom = "\uFEFF".getBytes(StandardCharsets.UTF_8);
        in.mark(3);
        byte[] head = in.readNBytes(3);
        if (head.length != 3 || head[0] != bom[0] || head[1] != bom[1] || head[2] != bom[2]) {
            in.reset();
        }
    }

    private static int firstNonWhitespace(BufferedInputStream in) throws IOException {
        while (true) {
            in.mark(1);
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                in.reset();
                return b;
            }
        }
    }
}
