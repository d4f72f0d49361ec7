// `__file__` folder forms moved one level deeper must point where they did: Python evaluates each expression with
// the old `__file__` (pkg/mod.py) and the rewritten one with the new (pkg/mod/sub.py) and compares.

import { describe, expect, it } from 'vitest';
import { modulePathEdits } from '../../../src/emit/module-path-edits.js';
import type { Diagnostic } from '../../../src/model/diagnostics.js';
import { applyEdits, computeLineStarts, positionAt } from '../../../src/model/text.js';
import { withParsedPython } from '../../../src/read/parse-python.js';
import { runPython } from '../../helpers/python.js';

async function rewrite(
  text: string,
  depth = 1,
  inInit = false,
): Promise<{ text: string; diagnostics: Diagnostic[] }> {
  const starts = computeLineStarts(text);
  return withParsedPython(text, (root) => {
    const result = modulePathEdits(
      text,
      root.namedChildren.filter((c) => c !== null),
      {
        depth,
        inInit,
        path: 'pkg/mod.py',
        lineOf: (o) => positionAt(starts, o),
        oldName: 'pkg.mod',
        newName: 'pkg.mod.sub',
      },
    );
    return { text: applyEdits(text, result.edits), diagnostics: result.diagnostics };
  });
}

const FORMS = [
  'Path(__file__).parent',
  'Path(__file__).resolve().parent / "templates"',
  'pathlib.Path(__file__).absolute().parent.parent',
  'Path(__file__).parents[0]',
  'Path(__file__).resolve().parents[2]',
  'os.path.dirname(__file__)',
  'os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")',
  'dirname(realpath(__file__))',
  'os.path.dirname(os.path.dirname(__file__))',
];

const EVAL = `
import json, os, pathlib, sys
from pathlib import Path
from os.path import dirname, realpath
out = []
for old, new in json.load(sys.stdin):
    a = eval(old, {"__file__": "/r/pkg/mod.py", "Path": Path, "pathlib": pathlib, "os": os, "dirname": dirname, "realpath": realpath})
    b = eval(new, {"__file__": "/r/pkg/mod/sub.py", "Path": Path, "pathlib": pathlib, "os": os, "dirname": dirname, "realpath": realpath})
    out.append(str(a) == str(b))
json.dump(out, sys.stdout)
`;

describe('modulePathEdits', () => {
  it('rewrites every known folder form so it evaluates to the same path one folder deeper', async () => {
    const pairs: [string, string][] = [];
    for (const form of FORMS) {
      const result = await rewrite(`X = ${form}\n`);
      expect(result.diagnostics.map((d) => d.code)).toEqual(['MS403']);
      pairs.push([form, result.text.slice(4, -1)]);
    }
    expect(pairs.map(([a, b]) => a !== b)).toEqual(FORMS.map(() => true));
    expect(JSON.parse(runPython(EVAL, JSON.stringify(pairs)))).toEqual(FORMS.map(() => true));
  });

  it('refuses other uses of __file__, and __package__/__spec__ (MS402), at their position', async () => {
    const result = await rewrite(
      'A = open(__file__).read()\nB = files(__package__)\nC = __spec__.name\nD = Path(__file__).name\n',
    );
    expect(result.diagnostics.map((d) => [d.code, d.location?.line, d.location?.column])).toEqual([
      ['MS402', 1, 10],
      ['MS402', 2, 11],
      ['MS402', 3, 5],
      ['MS402', 4, 10],
    ]);
  });

  it('reports loggers (MS404) and other __name__ reads (MS405), but not attribute names or keywords', async () => {
    const result = await rewrite(
      'log = logging.getLogger(__name__)\nREG = register(__name__)\nN = cls.__name__\nf(__name__=1)\n',
    );
    expect(result.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([
      ['MS404', 1],
      ['MS405', 2],
    ]);
    expect(result.text).toContain('logging.getLogger(__name__)');
  });

  it('changes nothing for a package __init__.py split (same folder, same __package__)', async () => {
    const text = 'BASE = Path(__file__).parent\nP = __package__\n';
    const result = await rewrite(text, 0);
    expect(result.text).toBe(text);
    expect(result.diagnostics).toEqual([]);
  });
});
