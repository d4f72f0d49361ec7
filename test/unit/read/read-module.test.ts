// parseModule: clean trees come back, syntax errors become MS102 at the first ERROR/MISSING node (1-based).
// Python's compile() confirms that each rejected input really is invalid; locations are checked by hand.

import { describe, expect, it } from 'vitest';
import { parseModule, withParsedModule } from '../../../src/read/read-module.js';
import { sourceFromText } from '../../../src/read/source-file.js';
import { runPython } from '../../helpers/python.js';

async function locate(text: string) {
  const parsed = await parseModule(sourceFromText('app/m.py', text));
  if (parsed.ok) {
    parsed.tree.delete();
    return null;
  }
  return { code: parsed.diagnostic.code, ...parsed.diagnostic.location };
}

describe('parseModule', () => {
  it('returns a clean tree for valid code', async () => {
    const parsed = await parseModule(sourceFromText('m.py', 'class A:\n    x = "é"\n'));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.tree.rootNode.namedChildCount).toBe(1);
      parsed.tree.delete();
    }
  });

  it('points MS102 at the first bad token, counting columns in characters after non-ASCII text', async () => {
    expect(await locate('x = 1\r\nname = "日本" )\r\n')).toEqual({
      code: 'MS102',
      path: 'app/m.py',
      line: 2,
      column: 13,
    });
    expect(await locate('def f(:\n    pass\n')).toMatchObject({ line: 1 });
    expect(await locate('a = 1\nb = (\n')).toMatchObject({ code: 'MS102', line: 2 });
  });

  it('accepts everything Python accepts and rejects only what Python rejects', async () => {
    // tree-sitter is more lenient than CPython (it accepts `print "a"`, a body without indentation and a bad
    // dedent), so the check is one-directional: MS102 never fires on valid code, and every MS102 is real.
    const samples = [
      'x = [1,\n 2]\n',
      'x = [1,\n 2\n',
      'if x:\npass\n',
      'print "a"\n',
      'match x:\n    case [a, *rest]:\n        pass\n',
      'class C:\n    def m(self):\n        return\n  x = 1\n',
      'x = 1\nname = "日本" )\n',
      'async def f():\n    async with a as b:\n        yield b\n',
      'def f(a, /, b, *, c):\n    return (y := a)\n',
      'x = f"{a!r:>{w}}"\n',
      'def f(:\n',
    ];
    const script =
      'import sys, json\nout=[]\nfor s in json.load(sys.stdin):\n    try:\n        compile(s, "m.py", "exec"); out.append(True)\n    except SyntaxError:\n        out.append(False)\nprint(json.dumps(out))';
    const python: boolean[] = JSON.parse(runPython(script, JSON.stringify(samples)));
    const ours = await Promise.all(samples.map(async (s) => (await locate(s)) === null));
    samples.forEach((sample, i) => {
      if (python[i]) expect(ours[i], sample).toBe(true);
      if (!ours[i]) expect(python[i], sample).toBe(false);
    });
    expect(ours.filter((ok) => !ok).length).toBeGreaterThanOrEqual(3);
  });

  it('parses lone-CR line endings as Python does, keeping offsets into the original text', async () => {
    const text = 'x = 1\ry = "é"\r\rdef f():\r    return y\r';
    const parsed = await parseModule(sourceFromText('m.py', text));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const spans = parsed.tree.rootNode.namedChildren.map((n) => text.slice(n?.startIndex, n?.endIndex));
    parsed.tree.delete();
    expect(spans).toEqual(['x = 1', 'y = "é"', 'def f():\r    return y']);
  });

  it('withParsedModule runs the callback only on a clean tree', async () => {
    const good = await withParsedModule(sourceFromText('m.py', 'a = 1\n'), (root) => root.namedChildCount);
    expect(good).toEqual({ ok: true, value: 1 });
    let called = false;
    const bad = await withParsedModule(sourceFromText('m.py', 'a = (\n'), () => {
      called = true;
    });
    expect(bad.ok).toBe(false);
    expect(called).toBe(false);
  });
});
