'use strict';
// Reads a polyglot test file the way RethinkDB's own test runner does (test/common/parsePolyglot.py),
// not as YAML: every scalar stays the raw source text it is in the file (`ot: {'a': 1}` is
// JavaScript to evaluate later, `True` is a word to translate, ` #` is not a comment), nesting
// comes from indentation alone, and the few files a strict YAML parser reads differently are
// read as RethinkDB read them.

/** A scalar: its source text and the line it starts on. */
class Source {
  constructor(text, line) {
    this.text = text;
    this.line = line;
  }

  toString() {
    return this.text;
  }
}

const isSource = (x) => x instanceof Source;
const isMap = (x) => x !== null && typeof x === 'object' && !Array.isArray(x) && !isSource(x);

// Python's \w on text is Unicode-aware; so are the word classes here.
const WORD = '\\p{L}\\p{N}_';
const LINE = new RegExp(`^( *)(?:(- +)([^\\n]*)|(?:([${WORD}.]+)(: *))?([^\\n]*))$`, 'u');
const COMMENT = /^\s*#/;
const BLOCK_MARKERS = new Set(['|', '|-', '>']);

class Lines {
  constructor(text) {
    this.lines = text.replace(/\r\n?/g, '\n').split('\n');
    if (this.lines[this.lines.length - 1] === '') this.lines.pop();
    this.next = 0;
    this.pushedBack = [];
  }

  take() {
    if (this.pushedBack.length) return this.pushedBack.pop();
    if (this.next >= this.lines.length) return null;
    this.next += 1;
    return { number: this.next, text: this.lines[this.next - 1] };
  }

  /** A line goes back, possibly rewritten: "key: value" continues as an indented "value". */
  giveBack(number, text) {
    this.pushedBack.push({ number, text });
  }
}

function describeKind(x) {
  if (Array.isArray(x)) return 'list';
  return isSource(x) ? 'value' : 'dict';
}

/** Reads the block that starts at the next line and is indented at least `minIndent`. */
function readBlock(lines, minIndent) {
  let block = null;
  let indent = minIndent;
  for (let line = lines.take(); line !== null; line = lines.take()) {
    if (line.text.trim() === '' || COMMENT.test(line.text)) continue;
    const m = LINE.exec(line.text.replace(/\s+$/u, ''));
    if (!m) throw new Error(`unreadable line ${line.number}: ${line.text}`);
    const [, lead, itemMarker, itemText, key, keyColon, valueText] = m;
    if (lead.length < indent) {
      lines.giveBack(line.number, line.text);
      return block;
    }
    const content = (valueText || itemText || '').trim();
    const wrongKind = (wanted) =>
      new Error(`got a ${wanted} on line ${line.number} inside a ${describeKind(block)}: ${line.text}`);
    if (itemMarker) {
      if (block === null) {
        block = [];
        indent = lead.length;
      } else if (!Array.isArray(block)) throw wrongKind('list item');
      lines.giveBack(line.number, ' '.repeat(lead.length + itemMarker.length) + content);
      block.push(readBlock(lines, indent + 1));
    } else if (key) {
      if (block === null) {
        block = Object.create(null);
        indent = lead.length;
      } else if (!isMap(block)) throw wrongKind('key');
      lines.giveBack(line.number, ' '.repeat(lead.length + key.length + keyColon.length) + content);
      block[key] = readBlock(lines, indent + 1);
    } else if (block === null) {
      block = new Source(BLOCK_MARKERS.has(content) ? '' : content, line.number);
    } else if (!isSource(block)) {
      throw wrongKind('value');
    } else {
      // continuation lines join with a newline, whatever the block style
      block = block.text ? new Source(`${block.text}\n${content}`, block.line) : new Source(content, line.number);
    }
  }
  return block;
}

/** The file's top-level mapping (desc, table_variable_name, tests, ...). */
function readPolyglot(text) {
  return readBlock(new Lines(text), 0);
}

module.exports = { Source, isSource, isMap, readPolyglot };
