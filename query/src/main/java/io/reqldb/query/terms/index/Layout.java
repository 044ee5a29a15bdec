package io.reqldb.query.terms.index;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The document model and 80-column layout RethinkDB uses to print functions: text, conditional
 * breaks (a short form when the enclosing group fits, else a tail, a newline and a continuation),
 * hard line breaks, concatenation, and nests (a group whose breaks indent to the column where
 * it starts). A group is printed flat when it fits before the right edge.
 */
final class Layout {
    private Layout() {
    }

    /** A piece of document. */
    sealed interface Doc permits Text, Cond, Break, Concat, Nest {
    }

    record Text(String text) implements Doc {
    }

    /** Prints {@code small} when its group fits; otherwise {@code tail}, a newline, the indent and {@code cont}. */
    record Cond(String small, String cont, String tail) implements Doc {
    }

    /** An unconditional line break. */
    record Break() implements Doc {
    }

    record Concat(List<Doc> parts) implements Doc {
    }

    record Nest(Doc child) implements Doc {
    }

    static Doc text(String s) {
        return new Text(s);
    }

    static Doc concat(Doc... parts) {
        return new Concat(List.of(parts));
    }

    static Doc concat(List<Doc> parts) {
        return new Concat(List.copyOf(parts));
    }

    static Doc nest(Doc child) {
        return new Nest(child);
    }

    /** nest(concat(parts)). */
    static Doc nc(Doc... parts) {
        return nest(concat(parts));
    }

    static final Doc COND_BREAK = new Cond(" ", "", "");
    static final Doc DOT_BREAK = new Cond(".", ".", "");
    static final Doc COMMA_BREAK = concat(text(","), new Cond(" ", "", ""));

    // ----------------------------------------------------------------- layout

    /** One element of the flattened document: positions are columns in the one-line layout. */
    private static final class Element {
        final char kind; // T text, C cond, R break, N nest begin, n nest end, G group begin, g group end
        final Doc doc;
        long pos = -1;

        Element(char kind, Doc doc) {
            this.kind = kind;
            this.doc = doc;
        }
    }

    private static void flatten(Doc d, List<Element> out) {
        if (d instanceof Text) {
            out.add(new Element('T', d));
        } else if (d instanceof Cond) {
            out.add(new Element('C', d));
        } else if (d instanceof Break) {
            out.add(new Element('R', d));
        } else if (d instanceof Concat c) {
            for (Doc p : c.parts()) {
                flatten(p, out);
            }
        } else if (d instanceof Nest n) {
            out.add(new Element('N', d));
            out.add(new Element('G', d));
            flatten(n.child(), out);
            out.add(new Element('g', d));
            out.add(new Element('n', d));
        }
    }

    /** Lays the document out within {@code width} columns. */
    static String print(Doc doc, int width) {
        List<Element> stream = new ArrayList<>();
        flatten(doc, stream);
        // Flat-layout positions; a group's begin learns where its end falls.
        long position = 0;
        Deque<Element> open = new ArrayDeque<>();
        for (Element e : stream) {
            switch (e.kind) {
                case 'T' -> {
                    position += ((Text) e.doc).text().length();
                    e.pos = position;
                }
                case 'C' -> {
                    position += ((Cond) e.doc).small().length();
                    e.pos = position;
                }
                case 'R', 'n' -> e.pos = position;
                case 'G' -> open.push(e);
                case 'g' -> {
                    e.pos = position;
                    open.pop().pos = position;
                }
                default -> {
                }
            }
        }
        StringBuilder out = new StringBuilder();
        long fitting = 0;
        long rightEdge = width;
        long hpos = 0;
        Deque<Long> indent = new ArrayDeque<>();
        for (Element e : stream) {
            switch (e.kind) {
                case 'T' -> {
                    String s = ((Text) e.doc).text();
                    out.append(s);
                    hpos += s.length();
                }
                case 'R' -> {
                    long current = indent.isEmpty() ? 0 : indent.peek();
                    out.append('\n').append(" ".repeat((int) current));
                    fitting = 0;
                    hpos = current;
                    rightEdge = (width - hpos) + e.pos;
                }
                case 'C' -> {
                    Cond c = (Cond) e.doc;
                    if (fitting == 0) {
                        long current = indent.isEmpty() ? 0 : indent.peek();
                        out.append(c.tail()).append('\n').append(" ".repeat((int) current)).append(c.cont());
                        hpos = current + c.cont().length();
                        rightEdge = (width - hpos) + e.pos;
                    } else {
                        out.append(c.small());
                        hpos += c.small().length();
                    }
                }
                case 'G' -> fitting = fitting != 0 || e.pos <= rightEdge ? fitting + 1 : 0;
                case 'g' -> fitting = fitting != 0 ? fitting - 1 : 0;
                case 'N' -> indent.push(hpos);
                case 'n' -> indent.pop();
                default -> {
                }
            }
        }
        return out.toString();
    }
}
