import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';

/** The records as `[line, [value@line:col, …]]`, so a table can say where each field was found. */
function located(text: string): [number, string[]][] {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(`${parsed.line}:${parsed.col}: ${parsed.message}`);
  return parsed.records.map((r) => [r.line, r.fields.map((f) => `${f.value}@${f.line}:${f.col}`)]);
}

describe('parseCsv', () => {
  it.each<[string, string, [number, string[]][]]>([
    ['one record', 'a,b,c', [[1, ['a@1:1', 'b@1:2', 'c@1:3']]]],
    [
      'LF line ends and a trailing newline',
      'a,b\nc,d\n',
      [
        [1, ['a@1:1', 'b@1:2']],
        [2, ['c@2:1', 'd@2:2']],
      ],
    ],
    [
      'CRLF line ends',
      'a,b\r\nc,d\r\n',
      [
        [1, ['a@1:1', 'b@1:2']],
        [2, ['c@2:1', 'd@2:2']],
      ],
    ],
    [
      'CR line ends',
      'a,b\rc,d',
      [
        [1, ['a@1:1', 'b@1:2']],
        [2, ['c@2:1', 'd@2:2']],
      ],
    ],
    ['a byte-order mark, dropped', '\ufeffemail,name\r\n', [[1, ['email@1:1', 'name@1:2']]]],
    [
      'blank lines, skipped but counted',
      '\na,b\n\n\r\nc,d\n\n',
      [
        [2, ['a@2:1', 'b@2:2']],
        [5, ['c@5:1', 'd@5:2']],
      ],
    ],
    ['empty fields', ',a,,\n', [[1, ['@1:1', 'a@1:2', '@1:3', '@1:4']]]],
    ['a comma at the very end', 'a,', [[1, ['a@1:1', '@1:2']]]],
    ['quoted commas and doubled quotes', '"a,b","say ""hi""",c', [[1, ['a,b@1:1', 'say "hi"@1:2', 'c@1:3']]]],
    ['an empty quoted field', '"",x', [[1, ['@1:1', 'x@1:2']]]],
    [
      'a quoted field over lines: later fields and records keep their lines',
      'a,"one\ntwo\r\nthree",b\nc,d',
      [
        [1, ['a@1:1', 'one\ntwo\r\nthree@1:2', 'b@3:3']],
        [4, ['c@4:1', 'd@4:2']],
      ],
    ],
    ['spaces kept as written', ' a , b ', [[1, [' a @1:1', ' b @1:2']]]],
    ['nothing at all', '', []],
  ])('reads %s', (_what, text, expected) => {
    expect(located(text)).toEqual(expected);
  });

  it.each<[string, string, string]>([
    [
      'an unclosed quote, where it opened',
      'a,b\nc,"d\n\ne',
      '2:2: a quoted field is never closed: add the missing closing quote (")',
    ],
    [
      'text after a closing quote',
      'a\r\n"b"c,d',
      '2:1: text follows the closing quote of a quoted field: end the field there with a comma or a line break, or double a quote inside it ("")',
    ],
    [
      'text after a closing quote on a later line of the field',
      'x,"a\nb"c',
      '2:2: text follows the closing quote of a quoted field: end the field there with a comma or a line break, or double a quote inside it ("")',
    ],
    [
      'a quote inside an unquoted field',
      'a,b\nc,d"e',
      '2:2: a quote inside an unquoted field: put the whole field in quotes and double the quote ("")',
    ],
  ])('refuses %s', (_what, text, expected) => {
    const parsed = parseCsv(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(`${parsed.line}:${parsed.col}: ${parsed.message}`).toBe(expected);
  });

  it('stops at maxRecords and says whether more were left', () => {
    const three = 'a\nb\nc\n';
    expect(parseCsv(three, { maxRecords: 2 })).toMatchObject({ ok: true, truncated: true, records: [{}, {}] });
    expect(parseCsv(three, { maxRecords: 3 })).toMatchObject({ ok: true, truncated: false });
    expect(parseCsv('a\nb\n\n\n', { maxRecords: 2 })).toMatchObject({ ok: true, truncated: false });
  });

  it('reads back any table written with RFC 4180 quoting, whatever the line ends', () => {
    const value = fc.string({ unit: fc.constantFrom('a', 'é', ',', '"', '\n', '\r', ' ', 'x') });
    const table = fc.array(fc.array(value, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), (rows, eol) => {
        // A record that is one empty field is a blank line, which the reader skips: quote it so it stays.
        const quote = (v: string) => (v === '' || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
        const text = rows.map((row) => row.map(quote).join(',')).join(eol) + eol;
        const parsed = parseCsv(text);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.records.map((r) => r.fields.map((f) => f.value))).toEqual(rows);
        // Each record starts on the line after the previous one's last line break.
        let line = 1;
        parsed.records.forEach((record, index) => {
          expect(record.line).toBe(line);
          const written = (rows[index] ?? []).map(quote).join(',') + eol;
          line += written.split(/\r\n|\n|\r/).length - 1;
        });
      }),
    );
  });
});
