// Non-UTF-8 modules split through the real CLI: every new file carries the module's coding cookie (line 1, or line 2
// below a shebang) and is encoded as it declares, each unit and comment lands byte for byte, Python imports the
// package with the same values as the unsplit module, and edited files (patch targets, --rewrite-imports) differ
// from their original bytes only in the edited text. Fixtures: test/fixtures/encoding/<case>/ (args.json, input/).

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonPath, repoRoot } from '../../helpers/python.js';
import { copyProject, runCli } from '../../helpers/run-cli.js';
import { snapshotTree } from '../../helpers/tree-snapshot.js';
import { collectSourcePieces, describeBehaviour, readAsPython, readOneAsPython } from './encoding-oracle.js';

interface EncodingCase {
  readonly module: string;
  readonly args: readonly string[];
  readonly probes: readonly string[];
  readonly tests: readonly (readonly [string, string])[];
  /** Importer module path -> probes evaluated in it before and after. */
  readonly importers: Readonly<Record<string, readonly string[]>>;
  /** One CLI run per entry, on a fresh copy; `edits`: file -> [old, new] text replacements it must make. */
  readonly runs: readonly {
    readonly flags: readonly string[];
    readonly edits: Readonly<Record<string, readonly (readonly [string, string])[]>>;
  }[];
}

const FIXTURES = 'test/fixtures/encoding';
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function listFiles(root: string, dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.name === '.git' || entry.name === '__pycache__') return [];
    return entry.isDirectory() ? listFiles(root, path) : [path];
  });
}

function readTree(root: string): Map<string, Buffer> {
  return new Map(listFiles(root).map((path) => [path, readFileSync(join(root, path))]));
}

/** Python's codec name for an encoding `tokenize.detect_encoding` reports. */
function nodeCodec(pythonEncoding: string): string {
  return pythonEncoding === 'iso-8859-1'
    ? 'latin1'
    : pythonEncoding === 'utf-8-sig'
      ? 'utf8'
      : pythonEncoding;
}

/** `text` in a Python encoding, asking Python for those Node has no Buffer codec for (cp1252). */
function encodeAs(pythonEncoding: string, text: string): Buffer {
  const codec = nodeCodec(pythonEncoding);
  if (codec === 'latin1' || codec === 'utf8') return Buffer.from(text, codec);
  const script = `import sys, base64; print(base64.b64encode(sys.stdin.buffer.read().decode("utf-8").encode(${JSON.stringify(pythonEncoding)})).decode())`;
  const result = spawnSync(pythonPath(), ['-c', script], { input: Buffer.from(text, 'utf8') });
  if (result.status !== 0) throw new Error(result.stderr.toString());
  return Buffer.from(result.stdout.toString().trim(), 'base64');
}

function countOccurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

const cases = readdirSync(join(repoRoot, FIXTURES)).sort();

describe('splitting non-UTF-8 and BOM modules through the CLI', () => {
  for (const name of cases) {
    const spec = JSON.parse(
      readFileSync(join(repoRoot, FIXTURES, name, 'args.json'), 'utf8'),
    ) as EncodingCase;
    // `pkg/mod.py` becomes `pkg/mod/`; a package's `pkg/__init__.py` is split in place.
    const packageDir = spec.module.replace(/(\/__init__)?\.py$/, '');
    const dotted = packageDir.replaceAll('/', '.');
    spec.runs.forEach((run, runIndex) => {
      it(`${name} ${run.flags.join(' ') || '(defaults)'}`, () => {
        const root = copyProject(`${FIXTURES}/${name}/input`, { git: true });
        const before = readTree(root);
        const moduleBytes = before.get(spec.module) as Buffer;
        const reading = readOneAsPython(join(root, spec.module));
        const behaviourBefore = describeBehaviour(root, dotted, spec.probes, spec.tests);
        const importersBefore = Object.entries(spec.importers).map(([path, probes]) =>
          describeBehaviour(root, path.replace(/\.py$/, '').replaceAll('/', '.'), probes, []),
        );
        const pieces = collectSourcePieces(join(root, spec.module));

        const cli = runCli(
          ['split', spec.module, ...spec.args, ...run.flags, '--python', pythonPath()],
          root,
        );
        expect(cli.status, cli.stderr).toBe(0);
        const after = readTree(root);

        // The new files: cookie where Python looks, bytes in the module's encoding, BOM kept.
        const newFiles = [...after.keys()].filter((p) => p.startsWith(`${packageDir}/`)).sort();
        expect(newFiles.length).toBeGreaterThanOrEqual(2);
        const readings = readAsPython(newFiles.map((p) => join(root, p)));
        const lines = moduleBytes.toString('latin1').split(/\r\n|\n|\r/);
        const cookieLine = [lines[0], lines[1]].find((l) => /^[ \t\f]*#.*?coding[:=]/.test(l ?? ''));
        const hasBom = moduleBytes.subarray(0, 3).equals(UTF8_BOM);
        for (const path of newFiles) {
          const bytes = after.get(path) as Buffer;
          expect(readings[join(root, path)]?.encoding, path).toBe(reading.encoding);
          expect(bytes.subarray(0, 3).equals(UTF8_BOM), `${path} BOM`).toBe(hasBom);
          const head = bytes.toString('latin1').split(/\r\n|\n|\r/);
          if (cookieLine !== undefined) {
            const at = head[0]?.startsWith('#!') ? 1 : 0;
            expect(head[at], `${path} cookie`).toBe(cookieLine);
          } else {
            expect(/coding[:=]/.test(`${head[0]}\n${head[1]}`), `${path} gets no cookie`).toBe(false);
          }
        }
        // Every statement (imports aside) exactly once, every comment at least once, as the original bytes.
        const newBytes = newFiles.map((p) => after.get(p) as Buffer);
        expect(pieces.statements.length).toBeGreaterThan(2);
        for (const statement of pieces.statements) {
          const found = newBytes.reduce((n, b) => n + countOccurrences(b, statement), 0);
          expect(found, statement.toString('latin1')).toBe(1);
        }
        for (const comment of pieces.comments) {
          expect(
            newBytes.some((b) => b.includes(comment)),
            comment.toString('latin1'),
          ).toBe(true);
        }
        // Non-ASCII really is there in the module's encoding (not re-encoded as UTF-8 behind the cookie).
        const nonAscii = [...reading.text].filter((c) => c.charCodeAt(0) > 0x7f && c !== '\ufeff');
        expect(nonAscii.length).toBeGreaterThan(5);
        const allNew = Buffer.concat(newBytes);
        for (const char of new Set(nonAscii)) {
          expect(allNew.includes(encodeAs(reading.encoding, char)), char).toBe(true);
        }

        // Edited files: the original bytes with only the expected replacements; every other file untouched.
        for (const [path, original] of before) {
          if (path === spec.module) continue;
          const replacements = run.edits[path];
          const now = after.get(path);
          if (replacements === undefined) {
            expect(now?.equals(original), `${path} unchanged`).toBe(true);
            continue;
          }
          const fileReading = readOneAsPython(join(root, path));
          let expected = original;
          for (const [from, to] of replacements) {
            const old = encodeAs(fileReading.encoding, from);
            const at = expected.indexOf(old);
            expect(at, `${path}: ${from}`).toBeGreaterThanOrEqual(0);
            expected = Buffer.concat([
              expected.subarray(0, at),
              encodeAs(fileReading.encoding, to),
              expected.subarray(at + old.length),
            ]);
          }
          expect(now?.toString('latin1'), path).toBe(expected.toString('latin1'));
        }

        // Python: same values through the package, same test outcomes, importers unchanged in behaviour.
        const behaviourAfter = describeBehaviour(root, dotted, spec.probes, spec.tests);
        expect(behaviourAfter.probes).toEqual(behaviourBefore.probes);
        expect(Object.values(behaviourBefore.probes).some((v) => v.startsWith('!'))).toBe(false);
        expect(behaviourAfter.names).toEqual(behaviourBefore.names);
        expect(behaviourAfter.tests).toEqual(behaviourBefore.tests);
        for (const outcome of Object.values(behaviourAfter.tests)) expect(outcome).toBe('ok');
        Object.entries(spec.importers).forEach(([path, probes], i) => {
          const dottedImporter = path.replace(/\.py$/, '').replaceAll('/', '.');
          expect(describeBehaviour(root, dottedImporter, probes, []).probes).toEqual(
            importersBefore[i]?.probes,
          );
        });

        // The patch-target rewrite is what keeps the tests testing: with the test files' original bytes back,
        // the patched name is no longer the one the moved code reads, and the tests fail.
        if (runIndex === 0 && spec.tests.length > 0) {
          for (const path of Object.keys(run.edits))
            writeFileSync(join(root, path), before.get(path) as Buffer);
          const naive = describeBehaviour(root, dotted, [], spec.tests);
          for (const outcome of Object.values(naive.tests)) expect(outcome).toMatch(/^!AssertionError/);
        }
      });
    });
  }
});

describe('characters the encoding lacks', () => {
  it('refuses with MS522 and writes nothing when a new file name is not latin-1 (`œuvres.py`)', () => {
    const root = copyProject(`${FIXTURES}/latin1-shop/input`, { git: true });
    const before = snapshotTree(root);
    const cli = runCli(
      ['split', 'shop/models.py', '--into', 'œuvres.py=CAFÉ', '--python', pythonPath()],
      root,
    );
    expect(cli.status, cli.stderr).toBe(2);
    // `from .œuvres import CAFÉ as CAFÉ` in __init__.py, and the patch target `shop.models.œuvres.helper`.
    expect(cli.stderr).toMatch(/error\[MS522\]: `œ` \(U\+0153\) cannot be encoded in `latin-1`/);
    expect(cli.stderr).toContain('--> shop/models/__init__.py:');
    expect(cli.stderr).toMatch(/--> tests\/test_models\.py:9:\d+/);
    expect(snapshotTree(root)).toEqual(before);
  });
});
