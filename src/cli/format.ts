/** Small text helpers for terminal output: colour that respects NO_COLOR, padding, wrapping. */

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

const plain: Style = {
  bold: (t) => t,
  dim: (t) => t,
  green: (t) => t,
  yellow: (t) => t,
  red: (t) => t,
  cyan: (t) => t,
};

const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

/** Colour only on a terminal and never when NO_COLOR is set (no-color.org). */
export function chooseStyle(isTty: boolean, env: Readonly<Record<string, string | undefined>>): Style {
  if (!isTty || (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb') return plain;
  return {
    bold: ansi(1, 22),
    dim: ansi(2, 22),
    green: ansi(32, 39),
    yellow: ansi(33, 39),
    red: ansi(31, 39),
    cyan: ansi(36, 39),
  };
}

/** Pads to a width, counting characters as a terminal shows them (no ANSI codes expected). */
export function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Wraps prose at a width, indenting every line. */
export function wrap(text: string, width: number, indent = ''): string {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

/** A horizontal bar of `filled` out of `total` cells, for terminal charts. */
export function bar(filled: number, total: number, width: number): string {
  const cells = total === 0 ? 0 : Math.round((Math.max(0, Math.min(filled, total)) / total) * width);
  return '█'.repeat(cells) + '░'.repeat(width - cells);
}

/** "1 piece of evidence", "3 pieces of evidence". */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "1 piece of evidence", "3 pieces of evidence": evidence is a mass noun, so never "1 evidence". */
export function evidenceCount(count: number): string {
  return plural(count, 'piece of evidence', 'pieces of evidence');
}

/** Control characters a terminal would act on (C0 but tab and newline, DEL, C1) and bidi overrides that reorder a line. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * User or ladder text as a terminal should show it: control characters
 * escaped (`\x1b`, `\x07`, `\u202e`) so a title cannot recolour, retitle or
 * clear the terminal, or hide what follows it. Every command prints text it
 * did not write through this.
 */
export function shown(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
