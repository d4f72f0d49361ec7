// The PEP 263 coding cookie every new file of a non-UTF-8 module must carry, so Python decodes it as the writer
// encodes it. It only places the original's cookie line; encoding the bytes is the write stage's job.

import type { SourceFile } from '../model/source.js';
import { findTextCodingCookie } from '../read/source-file.js';

/**
 * The source's cookie line (`# -*- coding: latin-1 -*-`, without line break) when the module is not UTF-8, else
 * undefined: a UTF-8 cookie is redundant in Python 3, so new files of a UTF-8 module get none.
 */
export function findCookieLine(source: SourceFile): string | undefined {
  if (source.encoding === 'utf-8') return undefined;
  const cookie = findTextCodingCookie(source.text);
  return cookie ? source.text.slice(0, 4096).split(/\r\n|\n|\r/, 2)[cookie.line - 1] : undefined;
}

/**
 * `text` with the module's cookie line on line 1 (line 2 below a shebang), unless it already declares one there
 * (the header of the original came along). A copy of the header further down stays: it is an ordinary comment there.
 *
 * @example
 * withCodingCookie('x = "é"\n', '# -*- coding: latin-1 -*-', '\n') // '# -*- coding: latin-1 -*-\nx = "é"\n'
 */
export function withCodingCookie(text: string, cookie: string | undefined, nl: string): string {
  if (cookie === undefined || findTextCodingCookie(text) !== null) return text;
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
