/*
 * A small RFC 4180 reader that keeps positions: every field knows the line it
 * starts on and its column (its 1-based place in the record), so a problem with
 * a value can be reported as `people.csv:LINE:COL`. Written here rather than
 * taken from a library: csv-parse, the best-kept one, reports only the line a
 * record ends on and counts a CRLF inside a quoted field as two lines (seen
 * with 7.0.3), so positions in a multi-line record came out wrong. The reason
 * is in docs/ARCHITECTURE.md too. Pure: text in, records out.
 */

/** One field of a record, with where it is. */
export interface CsvField {
  value: string;
  /** 1-based line the field starts on (a quoted field may run over several lines). */
  line: number;
  /** 1-based place of the field in its record: the column number a spreadsheet shows. */
  col: number;
}

/** One record (a row): its fields, and the line it starts on. */
export interface CsvRecord {
  line: number;
  fields: CsvField[];
}

/** What reading CSV gives: the records, or the first syntax error with its position. */
export type CsvParse =
  | {
      ok: true;
      records: CsvRecord[];
      /** True when reading stopped at `maxRecords`, with more records left in the text. */
      truncated: boolean;
    }
  | { ok: false; line: number; col: number; message: string };

const QUOTE = 34; // "
const COMMA = 44; // ,
const CR = 13;
const LF = 10;

/**
 * Reads comma-separated text (RFC 4180): fields in double quotes may hold
 * commas, line breaks and doubled quotes (`""`). Lines may end in CRLF, LF or
 * CR; a byte-order mark at the start is dropped; blank lines are skipped, so a
 * trailing newline or a gap between rows is harmless. A quote inside an
 * unquoted field, text after a closing quote and an unclosed quote are errors,
 * reported where they are, rather than guessed at.
 */
export function parseCsv(text: string, options: { maxRecords?: number } = {}): CsvParse {
  const maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
  const records: CsvRecord[] = [];
  const end = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fields: CsvField[] = [];
  let recordLine = 1;

  /** Moves past a line break at `i` (CRLF, LF or CR), counting the line; true when there was one. */
  const skipLineBreak = (): boolean => {
    const c = text.charCodeAt(i);
    if (c === CR) {
      i += text.charCodeAt(i + 1) === LF ? 2 : 1;
    } else if (c === LF) {
      i += 1;
    } else {
      return false;
    }
    line += 1;
    return true;
  };

  while (i < end) {
    if (fields.length === 0) {
      recordLine = line;
      // A blank line is no record.
      if (skipLineBreak()) continue;
    }
    const col = fields.length + 1;
    const fieldLine = line;
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      let j = i + 1;
      let out = '';
      let closed = false;
      while (j < end) {
        const next = text.indexOf('"', j);
        if (next === -1) break;
        out += text.slice(j, next);
        if (text.charCodeAt(next + 1) === QUOTE) {
          out += '"';
          j = next + 2;
        } else {
          j = next + 1;
          closed = true;
          break;
        }
      }
      if (!closed) {
        return {
          ok: false,
          line: fieldLine,
          col,
          message: 'a quoted field is never closed: add the missing closing quote (")',
        };
      }
      line += countLineBreaks(out);
      value = out;
      i = j;
      const after = text.charCodeAt(i);
      if (i < end && after !== COMMA && after !== CR && after !== LF) {
        return {
          ok: false,
          line,
          col,
          message:
            'text follows the closing quote of a quoted field: end the field there with a comma or a line break, or double a quote inside it ("")',
        };
      }
    } else {
      let j = i;
      while (j < end) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === CR || c === LF) break;
        if (c === QUOTE) {
          return {
            ok: false,
            line,
            col,
            message: 'a quote inside an unquoted field: put the whole field in quotes and double the quote ("")',
          };
        }
        j += 1;
      }
      value = text.slice(i, j);
      i = j;
    }
    fields.push({ value, line: fieldLine, col });
    if (i < end && text.charCodeAt(i) === COMMA) {
      i += 1;
      // A comma at the very end still starts one more (empty) field.
      if (i === end) fields.push({ value: '', line, col: col + 1 });
      continue;
    }
    skipLineBreak();
    records.push({ line: recordLine, fields });
    fields = [];
    if (records.length >= maxRecords) {
      return { ok: true, records, truncated: hasMoreRecords(text, i) };
    }
  }
  if (fields.length > 0) records.push({ line: recordLine, fields });
  return { ok: true, records, truncated: false };
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === LF) count += 1;
    else if (c === CR && text.charCodeAt(k + 1) !== LF) count += 1;
  }
  return count;
}

/** Whether anything but line breaks follows `from`. */
function hasMoreRecords(text: string, from: number): boolean {
  for (let k = from; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c !== CR && c !== LF) return true;
  }
  return false;
}
