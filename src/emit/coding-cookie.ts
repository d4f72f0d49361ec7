// The PEP 263 coding cookie every new file of a non-UTF-8 module must carry, so Python decodes it as the writer
// encodes it. It only places the original's cookie line; encoding the bytes is the write stage's job.

import type { SourceFile } from '../model/source.js';

const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/;

/** The first two lines of `text`, without their line breaks. */
function headLines(text: string): string[] {
  return text.slice(0, 4096).split(/\r\n|\n|\r/, 2);
}

/** Whether `text` declares an encoding where Python looks: line 1, or line 2 below a comment or blank line 1. */
function declaresEncoding(text: string): boolean {
  const [first = '', second = ''] = headLines(text);
  if (COOKIE.test(first)) return true;
  return /^[ \t\f]*(#.*)?$/.test(first) && COOKIE.test(second);
}

/**
 * The source's cookie line (`# -*- coding: latin-1 -*-`, without line break) when the module is not UTF-8, else
 * undefined: a UTF-8 cookie is redundant in Python 3, so new files of a UTF-8 module get none.
 */
export function findCookieLine(source: SourceFile): string | undefined {
  if (source.encoding === 'utf-8') return undefined;
  const [first = '', second = ''] = headLines(source.text);
  if (COOKIE.test(first)) return first;
  return COOKIE.test(second) ? second : undefined;
}

/**
 * `text` with the module's cookie line on line 1 (line 2 below a shebang), unless it already declares one there
 * (the header of the original came along). A copy of the header further down stays: it is an ordinary comment there.
 *
 * @example
 * withCodingCookie('x = "é"\n', '# -*- coding: latin-1 -*-', '\n') // '# -*- coding: latin-1 -*-\nx = "é"\n'
 */
export function withCodingCookie(text: string, cookie: string | undefined, nl: string): string {
  if (cookie === undefined || declaresEncoding(text)) return text;
  if (text.startsWith('#!')) {
    const end = /\r\n|\n|\r/.exec(text);
    if (end) {
      const at = end.index + end[0].length;
      return text.slice(0, at) + cookie + nl + text.slice(at);
    }
    return text + nl + cookie + nl;
  }
  return cookie + nl + text;
}
