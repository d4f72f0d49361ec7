// The bytes the writer puts on disk: a new file encoded as its coding cookie declares (with its BOM), an edited
// file spliced byte for byte (bytes outside the edits copied, only the new text encoded, in the file's own
// encoding). Problems are MS511/MS512/MS522 diagnostics; it reads and writes no file itself.

import { Buffer } from 'node:buffer';
import type { Diagnostic } from '../model/diagnostics.js';
import { applyEdits, computeLineStarts, positionAt, type TextEdit } from '../model/text.js';
import { decodeSource, findDeclaredEncoding } from '../read/source-file.js';
import { encodeText, findByteOffsets, normalizeEncodingName } from '../read/text-codec.js';
import { writeError } from './write-diagnostics.js';

export type FileBytes =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Bytes of a new file (or a renamed file's new text). `encoding` defaults to what the text's PEP 263 cookie
 * declares, else UTF-8; a text whose cookie names another encoding than `encoding` is refused, since Python decodes
 * by the cookie.
 *
 * @example
 * encodeNewFile('shop/models/a.py', '# -*- coding: latin-1 -*-\nx = "é"\n') // é written as the byte 0xe9
 */
export function encodeNewFile(
  path: string,
  text: string,
  options: { readonly bom?: boolean; readonly encoding?: string } = {},
): FileBytes {
  const declared = findDeclaredEncoding(text);
  const encoding =
    options.encoding === undefined ? (declared ?? 'utf-8') : normalizeEncodingName(options.encoding);
  if (encoding !== (declared ?? 'utf-8') && !(declared === null && encoding === 'ascii')) {
    const says =
      declared === null ? 'declares no encoding (so Python reads it as UTF-8)' : `declares \`${declared}\``;
    return refuse(path, `\`${path}\` is to be written in \`${encoding}\` but its text ${says}`, {
      help: 'Put the coding cookie of the original module on line 1 or 2 of the new file, then run again.',
    });
  }
  if (options.bom && encoding !== 'utf-8') {
    return refuse(path, `\`${path}\` cannot start with a UTF-8 BOM and be written in \`${encoding}\``, {
      help: 'Drop the BOM or the coding cookie, then run again.',
    });
  }
  const encoded = encodeText(text, encoding);
  if (!encoded.ok) return refuseUnencodable(path, text, encoding, encoded);
  return { ok: true, bytes: options.bom ? Buffer.concat([UTF8_BOM, encoded.bytes]) : encoded.bytes };
}

/**
 * Apply `edits` (offsets into the file's decoded text, as `decodeSource` gives it) to the file's bytes. The BOM,
 * the encoding and every byte outside the edited ranges stay exactly as they were.
 */
export function editFileBytes(path: string, original: Uint8Array, edits: readonly TextEdit[]): FileBytes {
  const decoded = decodeSource(path, original);
  if (!decoded.ok) {
    return refuse(
      path,
      `\`${path}\` cannot be decoded, so its edits cannot be applied: ${decoded.diagnostic.message}`,
      {
        code: 'MS512',
        help: 'Fix the bytes or the coding cookie so Python can read the file, or edit it by hand.',
      },
    );
  }
  const { text, encoding, hasBom } = decoded.source;
  let edited: string;
  try {
    edited = applyEdits(text, edits);
  } catch (error) {
    return refuse(path, `the edits of \`${path}\` do not apply to it: ${(error as Error).message}`, {
      code: 'MS511',
      help: 'Run the split again on the current tree.',
    });
  }
  const declared = findDeclaredEncoding(edited) ?? 'utf-8';
  if (declared !== encoding) {
    return refuse(
      path,
      `the edits of \`${path}\` change its encoding from \`${encoding}\` to \`${declared}\``,
      {
        help: 'Leave the coding cookie as it is, or re-encode the file by hand.',
      },
    );
  }
  const body = original.subarray(hasBom ? 3 : 0);
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const bounds = findByteOffsets(
    body,
    text,
    encoding,
    sorted.flatMap((e) => [e.range.start, e.range.end]),
  );
  if (bounds === null) {
    return refuse(
      path,
      `the edits of \`${path}\` do not fall on character boundaries of its \`${encoding}\` text`,
      {
        code: 'MS511',
        help: 'Run the split again on the current tree.',
      },
    );
  }
  const parts: Uint8Array[] = hasBom ? [UTF8_BOM] : [];
  let cursor = 0;
  for (const [i, edit] of sorted.entries()) {
    const encoded = encodeText(edit.newText, encoding);
    if (!encoded.ok) {
      // Located where the edit starts in the file as it is now (what a code frame shows).
      return refuseUnencodable(path, text, encoding, { ...encoded, offset: edit.range.start });
    }
    parts.push(body.subarray(cursor, bounds[2 * i] as number), encoded.bytes);
    cursor = bounds[2 * i + 1] as number;
  }
  parts.push(body.subarray(cursor));
  const bytes = Buffer.concat(parts);
  // Our own safety net: the spliced bytes must read back as exactly the edited text.
  const check = decodeSource(path, bytes);
  if (!check.ok || check.source.text !== edited) {
    throw new Error(`editing ${path} in ${encoding} did not give back the edited text`);
  }
  return { ok: true, bytes };
}

/** MS522 located at the character that cannot be written. */
function refuseUnencodable(
  path: string,
  text: string,
  encoding: string,
  failure: { readonly reason: 'missing' | 'unsupported'; readonly offset: number; readonly char: string },
): FileBytes {
  const { line, column } = positionAt(computeLineStarts(text), failure.offset);
  const code = (failure.char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  const message =
    failure.reason === 'missing'
      ? `\`${failure.char}\` (U+${code}) cannot be encoded in \`${encoding}\`, the encoding of \`${path}\``
      : `modsplit cannot write non-ASCII text such as \`${failure.char}\` (U+${code}) in \`${encoding}\` (\`${path}\`)`;
  const diagnostic = writeError('MS522', message, {
    path,
    help: `Use only characters \`${encoding}\` has (in a string, an escape such as \`\\u20ac\`; in the plan, another file name), or convert the file to UTF-8 first.`,
  });
  return { ok: false, diagnostic: { ...diagnostic, location: { path, line, column } } };
}

function refuse(
  path: string,
  message: string,
  extras: { readonly code?: 'MS511' | 'MS512'; readonly help: string },
): FileBytes {
  const diagnostic =
    extras.code === 'MS511'
      ? writeError('MS511', message, { path, help: extras.help })
      : extras.code === 'MS512'
        ? writeError('MS512', message, { path, help: extras.help })
        : writeError('MS522', message, { path, help: extras.help });
  return { ok: false, diagnostic };
}
