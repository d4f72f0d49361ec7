// The write stage's encodings: new files encoded as their cookie declares, edits spliced into the original bytes
// of latin-1, cp1252, Shift JIS and BOM files (expected bytes from Python's encoders), MS522/MS512 refusals that
// write nothing. Through writeChangeSet on a real temp tree; splitting is covered by split-encodings.test.ts.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileChange } from '../../../src/model/changes.js';
import type { TextEdit } from '../../../src/model/text.js';
import { readProjectFileSync } from '../../../src/read/project-files.js';
import { editFileBytes, encodeNewFile } from '../../../src/write/encode-file.js';
import { writeChangeSet } from '../../../src/write/index.js';
import { runPython } from '../../helpers/python.js';
import { snapshotTree } from '../../helpers/tree-snapshot.js';

/** `text` encoded by Python's codec `encoding`. */
function pythonEncode(text: string, encoding: string): Buffer {
  const script =
    'import base64, json, sys; c = json.load(sys.stdin); print(base64.b64encode(c["t"].encode(c["e"])).decode())';
  return Buffer.from(runPython(script, JSON.stringify({ t: text, e: encoding })).trim(), 'base64');
}

function makeTree(files: Record<string, Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'modsplit-encoding-'));
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
  return root;
}

/** An edit replacing the first `old` in the file's decoded text (as the consistency passes compute them). */
function replaceEdit(root: string, path: string, old: string, newText: string): TextEdit {
  const text = readProjectFileSync(root, path);
  const start = text.indexOf(old);
  if (start < 0) throw new Error(`${old} not in ${path}`);
  return { range: { start, end: start + old.length }, newText };
}

const LATIN1_TEST =
  '# -*- coding: latin-1 -*-\n# été\nwith mock.patch("shop.models.helper", return_value="é"):\n    pass\n';
const CP1252_TEST = '# -*- coding: cp1252 -*-\r\n# “Tests” – €\r\nmock.patch("atelier.outils.œuvre")\r\n';
const SJIS_TEST =
  '# -*- coding: shift_jis -*-\n# 日本語のテスト ｶﾀｶﾅ\nmock.patch("app.models.helper", return_value="値")\n';
const BOM_TEST = '\ufeffimport app.models  # ünïcode\nmock.patch("app.models.helper")\n';

describe("edits keep every byte outside them, in the file's own encoding", () => {
  const cases: [string, string, string, string, string][] = [
    ['latin-1', LATIN1_TEST, 'latin-1', 'shop.models.helper', 'shop.models.food.helper'],
    ['cp1252', CP1252_TEST, 'cp1252', 'atelier.outils.œuvre', 'atelier.outils.oeuvres.œuvre'],
    ['shift_jis', SJIS_TEST, 'shift_jis', 'app.models.helper', 'app.models.core.helper'],
    ['utf-8 with BOM', BOM_TEST, 'utf-8', 'app.models.helper', 'app.models.core.helper'],
  ];
  for (const [name, text, encoding, old, replacement] of cases) {
    it(name, async () => {
      const original = pythonEncode(text, encoding);
      const root = makeTree({ 'tests/test_x.py': original });
      const edit = replaceEdit(root, 'tests/test_x.py', old, replacement);
      const result = await writeChangeSet({
        description: 'edit',
        root,
        changes: [{ kind: 'edit', path: 'tests/test_x.py', edits: [edit] }],
        diagnostics: [],
      });
      expect(result.diagnostics).toEqual([]);
      const written = readFileSync(join(root, 'tests/test_x.py'));
      expect(written.toString('latin1')).toBe(
        pythonEncode(text.replace(old, replacement), encoding).toString('latin1'),
      );
      // And literally: the bytes before and after the edited range are the original's.
      const oldBytes = pythonEncode(old, encoding);
      const at = original.indexOf(oldBytes);
      expect(at).toBeGreaterThan(0);
      const rest = original.subarray(at + oldBytes.length);
      expect(written.subarray(0, at).equals(original.subarray(0, at))).toBe(true);
      expect(written.subarray(written.length - rest.length).equals(rest)).toBe(true);
    });
  }
});

describe('what cannot be written is refused (MS522, MS512), and nothing is written', () => {
  it("a character the file's encoding lacks, located where the edit starts", async () => {
    const root = makeTree({
      'tests/test_x.py': pythonEncode(LATIN1_TEST, 'latin-1'),
      'tests/test_y.py': pythonEncode(SJIS_TEST, 'shift_jis'),
    });
    const before = snapshotTree(root);
    const changes: FileChange[] = [
      {
        kind: 'create',
        path: 'shop/models/__init__.py',
        text: '# -*- coding: latin-1 -*-\nx = "é"\n',
        encoding: 'latin-1',
      },
      {
        kind: 'edit',
        path: 'tests/test_x.py',
        edits: [replaceEdit(root, 'tests/test_x.py', 'shop.models.helper', 'shop.models.œuvres.helper')],
      },
      {
        kind: 'edit',
        path: 'tests/test_y.py',
        edits: [replaceEdit(root, 'tests/test_y.py', 'app.models.helper', 'app.models.日本.helper')],
      },
    ];
    const result = await writeChangeSet({ description: 'x', root, changes, diagnostics: [] });
    expect(result.diagnostics.map((d) => [d.code, d.location])).toEqual([
      ['MS522', { path: 'tests/test_x.py', line: 3, column: 18 }],
      ['MS522', { path: 'tests/test_y.py', line: 3, column: 13 }],
    ]);
    expect(result.diagnostics[0]?.message).toContain('`œ` (U+0153) cannot be encoded in `latin-1`');
    expect(result.diagnostics[1]?.message).toContain(
      'cannot write non-ASCII text such as `日` (U+65E5) in `shift-jis`',
    );
    expect(snapshotTree(root)).toEqual(before);
  });

  it('a new file whose cookie and encoding disagree, or a BOM on a non-UTF-8 file', () => {
    const latin = '# -*- coding: latin-1 -*-\nx = "é"\n';
    const ok = encodeNewFile('a.py', latin);
    expect(ok.ok && [...ok.bytes.subarray(-3)]).toEqual([0xe9, 0x22, 0x0a]);
    const refusals = [
      encodeNewFile('b.py', 'x = "é"\n', { encoding: 'latin-1' }),
      encodeNewFile('c.py', latin, { encoding: 'cp1252' }),
      encodeNewFile('d.py', latin, { bom: true }),
      encodeNewFile('e.py', '# -*- coding: latin-1 -*-\nprix = "5 €"\n'),
    ];
    expect(refusals.map((r) => (r.ok ? 'ok' : r.diagnostic.code))).toEqual([
      'MS522',
      'MS522',
      'MS522',
      'MS522',
    ]);
    expect(refusals[0]?.ok === false && refusals[0].diagnostic.message).toContain('declares no encoding');
    expect(refusals[3]?.ok === false && refusals[3].diagnostic.location).toEqual({
      path: 'e.py',
      line: 2,
      column: 11,
    });
    // A UTF-8 BOM file stays UTF-8; ASCII needs no cookie.
    const bom = encodeNewFile('f.py', 'x = "ü"\n', { bom: true });
    expect(bom.ok && [...bom.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(encodeNewFile('g.py', 'x = 1\n', { encoding: 'ascii' }).ok).toBe(true);
  });

  it('an edit that would change the cookie, and a file that does not decode by its cookie', () => {
    const latin = pythonEncode(LATIN1_TEST, 'latin-1');
    const cookie = editFileBytes('t.py', latin, [{ range: { start: 14, end: 21 }, newText: 'utf-8' }]);
    expect(cookie.ok === false && [cookie.diagnostic.code, cookie.diagnostic.message]).toEqual([
      'MS522',
      'the edits of `t.py` change its encoding from `latin-1` to `utf-8`',
    ]);
    // 0x81 has no character in Python's cp1252.
    const bad = Buffer.concat([
      Buffer.from('# coding: cp1252\nx = "', 'latin1'),
      Buffer.from([0x81]),
      Buffer.from('"\n'),
    ]);
    const undecodable = editFileBytes('u.py', bad, [{ range: { start: 0, end: 0 }, newText: '#\n' }]);
    expect(undecodable.ok === false && undecodable.diagnostic.code).toBe('MS512');
  });
});
