// Where emit puts the module's coding cookie in a new file: line 1, line 2 below a shebang, nothing when the file
// already declares one where Python looks, nothing for UTF-8 modules. Python's tokenize confirms each result.
// It does not encode (the write stage does) or split (split-encodings.test.ts does).

import { describe, expect, it } from 'vitest';
import { findCookieLine, withCodingCookie } from '../../../src/emit/coding-cookie.js';
import { sourceFromText } from '../../../src/read/source-file.js';
import { runPython } from '../../helpers/python.js';

/** The encoding Python's tokenize finds in each text (decoded as latin-1 bytes, which every cookie here is). */
function pythonEncodings(texts: readonly string[]): string[] {
  const script = `
import io, json, sys, tokenize
print(json.dumps([tokenize.detect_encoding(io.BytesIO(t.encode("latin-1")).readline)[0] for t in json.load(sys.stdin)]))
`;
  return JSON.parse(runPython(script, JSON.stringify(texts)));
}

describe('the coding cookie in new files', () => {
  const latin = sourceFromText('m.py', '#!/usr/bin/env python\r\n# -*- coding: latin-1 -*-\r\nx = "é"\r\n');
  const cookie = findCookieLine(latin);

  it('takes the original cookie line verbatim, and none from a UTF-8 module', () => {
    expect(cookie).toBe('# -*- coding: latin-1 -*-');
    expect(findCookieLine(sourceFromText('m.py', '# -*- coding: utf-8 -*-\nx = "é"\n'))).toBeUndefined();
    expect(findCookieLine(sourceFromText('m.py', '# vim: set fileencoding=cp1252 :\n'))).toBe(
      '# vim: set fileencoding=cp1252 :',
    );
  });

  it('puts it where Python reads it, with the file newline, once', () => {
    const results = [
      withCodingCookie('x = "é"\r\n', cookie, '\r\n'),
      withCodingCookie('#!/usr/bin/env python\r\ny = 1\r\n', cookie, '\r\n'),
      withCodingCookie('# License: MIT\n# -*- coding: latin-1 -*-\nz = 2\n', cookie, '\n'),
      withCodingCookie('', cookie, '\n'),
    ];
    expect(results).toEqual([
      '# -*- coding: latin-1 -*-\r\nx = "é"\r\n',
      '#!/usr/bin/env python\r\n# -*- coding: latin-1 -*-\r\ny = 1\r\n',
      '# License: MIT\n# -*- coding: latin-1 -*-\nz = 2\n',
      '# -*- coding: latin-1 -*-\n',
    ]);
    expect(pythonEncodings(results)).toEqual(['iso-8859-1', 'iso-8859-1', 'iso-8859-1', 'iso-8859-1']);
    // A cookie below code on line 1 is not one for Python, so the file gets its own on line 1.
    const below = withCodingCookie('import os\n# -*- coding: latin-1 -*-\n', cookie, '\n');
    expect(below.split('\n')[0]).toBe(cookie);
    expect(withCodingCookie('x = 1\n', undefined, '\n')).toBe('x = 1\n');
  });
});
