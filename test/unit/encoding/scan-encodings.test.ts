// The project scan reads candidate files by their coding cookie: latin-1 and cp1252 importers and patch targets
// are found with the names and positions Python's own ast gives, through git grep and through the plain-read path.
// It does not split or write (split-encodings.test.ts does).

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanProjectUsage } from '../../../src/analyze/importers/index.js';
import { locateModule } from '../../../src/read/module-location.js';
import { readProjectFileSync } from '../../../src/read/project-files.js';
import { runPython } from '../../helpers/python.js';
import { copyProject } from '../../helpers/run-cli.js';

interface PythonSites {
  readonly imports: { file: string; line: number; column: number; names: string[] }[];
  readonly strings: { file: string; line: number; column: number; value: string }[];
}

/** Every `from <module> import ...` and every string naming something in `<module>`, located as the scan locates
 *  them (1-based line, 1-based column in characters; a string's column is its first character inside the quotes). */
const SITES = `
import ast, io, json, sys, tokenize
cfg = json.load(sys.stdin)
out = {"imports": [], "strings": []}
for path in cfg["files"]:
    data = open(cfg["root"] + "/" + path, "rb").read()
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    text = data.decode(encoding)
    lines = text.splitlines(True)
    col = lambda node: len(lines[node.lineno - 1].encode("utf-8")[: node.col_offset].decode("utf-8")) + 1
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom) and node.module == cfg["module"]:
            out["imports"].append({"file": path, "line": node.lineno, "column": col(node),
                                   "names": [a.name for a in node.names]})
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(cfg["module"] + "."):
            out["strings"].append({"file": path, "line": node.lineno, "column": col(node) + 1, "value": node.value})
print(json.dumps(out, ensure_ascii=True))
`;

const cases = [
  {
    fixture: 'latin1-shop',
    module: 'shop/models.py',
    dotted: 'shop.models',
    files: ['shop/report.py', 'tests/test_models.py'],
  },
  {
    fixture: 'cp1252-crlf-shebang',
    module: 'atelier/outils.py',
    dotted: 'atelier.outils',
    files: ['tests/test_outils.py'],
  },
];

describe('scanning importers that declare a coding cookie', () => {
  for (const c of cases) {
    for (const git of [true, false]) {
      it(`${c.fixture} (${git ? 'git grep' : 'reading every file'})`, async () => {
        const root = copyProject(`test/fixtures/encoding/${c.fixture}/input`, { git });
        if (!git) rmSync(join(root, '.git'), { recursive: true, force: true });
        const location = locateModule(root, join(root, c.module)).location;
        if (!location) throw new Error('module not located');
        const usage = await scanProjectUsage(location);
        const expected = JSON.parse(
          runPython(SITES, JSON.stringify({ root, module: c.dotted, files: c.files })),
        ) as PythonSites;
        expect(expected.imports.length + expected.strings.length).toBeGreaterThan(0);
        expect(usage.diagnostics).toEqual([]);

        const fromImports = usage.importers
          .filter((s) => s.form === 'from-import')
          .map(({ file, line, column, names }) => ({ file, line, column, names: [...names] }));
        expect(fromImports).toEqual(expected.imports);
        const strings = usage.dottedStrings.map(({ file, line, column, value }) => ({
          file,
          line,
          column,
          value,
        }));
        expect(strings).toEqual(expected.strings);
        // Ranges index the cookie-decoded text, which is what the edits and the writer use.
        for (const site of usage.dottedStrings) {
          const text = readProjectFileSync(root, site.file);
          expect(text.slice(site.range.start, site.range.end)).toBe(site.value);
        }
        for (const site of usage.importers) {
          const text = readProjectFileSync(root, site.file);
          expect(text.slice(site.range.start, site.range.end)).toMatch(/^from \S+ import /);
          for (const name of site.names) expect(text.slice(site.range.start, site.range.end)).toContain(name);
        }
      });
    }
  }
});
