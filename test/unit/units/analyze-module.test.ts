// analyzeModule on small modules: grouping rules, flags, the import-time closure and `__all__`. Each case states
// the Python behaviour it protects (see SPLIT-SEMANTICS.md); fixtures under test/fixtures/units cover the JSON.

import { describe, expect, it } from 'vitest';
import { analyzeModule } from '../../../src/analyze/analyze-module.js';
import type { ModuleAnalysis } from '../../../src/model/units.js';
import { sourceFromText } from '../../../src/read/source-file.js';

async function analyze(text: string): Promise<ModuleAnalysis> {
  const { analysis, diagnostics } = await analyzeModule(sourceFromText('m.py', text));
  if (!analysis) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return analysis;
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const multiGroups = (a: ModuleAnalysis) => a.groups.filter((g) => g.units.length > 1).map((g) => g.units);
const flagsOf = (a: ModuleAnalysis) => a.units.map((u) => u.flags.join(','));

describe('grouping', () => {
  it('groups an import with a later rebinding, but not two imports of one name', async () => {
    const a = await analyze(
      lines('from x import f', 'from typing import Optional', 'from typing import Optional', 'f = wrap(f)'),
    );
    expect(multiGroups(a)).toEqual([[0, 3]]);
    expect(a.units[3]?.rebinds).toEqual(['f']);
  });

  it('keeps a fallback one statement and groups transitively through shared names', async () => {
    const a = await analyze(
      lines(
        'try:',
        '    from ujson import dumps',
        'except ImportError:',
        '    def dumps(o): return o',
        'A = 1',
        'B = 2',
        'A, B = B, A',
        'C = B',
        'del C',
        'X = Y = 0',
      ),
    );
    expect(a.units).toHaveLength(7);
    expect(a.units[0]?.flags).toContain('fallback');
    expect(a.units[0]?.flags).not.toContain('import');
    expect(multiGroups(a)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(a.groups.find((g) => g.units.includes(1))?.reason).toMatch(/`A` is bound at lines 5 and 7/);
    expect(a.units[6]?.binds).toEqual(['X', 'Y']);
    expect(a.bindings).toMatchObject({ A: [1, 3], B: [2, 3], X: [6], Y: [6] });
  });

  it('joins attribute and item writes to module-defined names, not to imported ones', async () => {
    const a = await analyze(
      lines(
        'import admin',
        'class Foo: pass',
        'Foo.extra = 1',
        'REG = {}',
        'REG["k"] = Foo',
        'admin.x = Foo',
      ),
    );
    expect(multiGroups(a)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('keeps an attribute docstring with the assignment directly above it', async () => {
    const a = await analyze(
      lines('X = 1', '"""What X is."""', '', 'Y = 2', '', '"""Not attached."""', 'print(Y)'),
    );
    expect(multiGroups(a)).toEqual([[0, 1]]);
    expect(a.groups[0]?.reason).toBe('line 2 is the docstring of `X`');
  });

  it('is safe with names that exist on Object.prototype', async () => {
    const a = await analyze(lines('constructor = 1', 'toString = 2', '__proto__ = 3', 'constructor += 1'));
    expect(a.bindings.constructor).toEqual([0, 3]);
    expect(Object.getOwnPropertyDescriptor(a.bindings, '__proto__')?.value).toEqual([2]);
    expect(multiGroups(a)).toEqual([[0, 3]]);
  });
});

describe('flags', () => {
  it('recognizes the module docstring only as the first statement and never an f-string', async () => {
    expect(flagsOf(await analyze(lines('"""Doc."""', '"""Not a docstring."""')))).toEqual(['docstring', '']);
    expect(flagsOf(await analyze(lines('f"""{x}"""')))).toEqual(['side-effect']);
    expect(flagsOf(await analyze(lines('"a" "b"')))).toEqual(['docstring']);
  });

  it('reads noqa comments like ruff: bare or with F401, not other codes', async () => {
    const a = await analyze(
      lines(
        'from . import a  # noqa',
        'from . import b  # noqa:F401,E402',
        'from . import c  # noqa: E501',
        'from . import (',
        '    d,  # noqa: F401',
        ')',
        'from . import e',
        'print(c, e)',
      ),
    );
    expect(a.units.map((u) => u.flags.includes('side-effect-import'))).toEqual([
      true,
      true,
      false,
      true,
      false,
      false,
    ]);
  });

  it('finds reflection but not module-defined eval, function-local locals() or vars(obj)', async () => {
    const a = await analyze(
      lines(
        'globals().update(x=1)',
        'vars()["y"] = 2',
        'def f(): return locals(), vars(f)',
        'def eval(s): return s',
        'eval("1")',
        'def g(): exec("2")',
        '__all__ = ["a"] + other.__all__',
      ),
    );
    expect(a.units.map((u) => u.flags.includes('reflective'))).toEqual([
      true,
      true,
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(a.dunderAll).toBeNull();
    expect(a.dunderAllComputed).toBe(true);
  });

  it('flags TYPE_CHECKING, main block, conditional, module-path and side effects', async () => {
    const a = await analyze(
      lines(
        'import typing',
        'if typing.TYPE_CHECKING:',
        '    from x import Y',
        'if DEBUG:',
        '    LEVEL = 1',
        'register(Y)',
        'HERE = __file__',
        'if "__main__" == __name__:',
        '    run()',
        'pass',
      ),
    );
    expect(flagsOf(a)).toEqual([
      'import',
      'import,type-checking',
      'conditional',
      'side-effect',
      'module-path',
      'main-block,module-path',
      '',
    ]);
  });
});

describe('import-time closure', () => {
  it('follows calls through function bodies, once, with via naming the function whose body needs the name', async () => {
    const a = await analyze(
      lines(
        'K = 1',
        'def leaf(): return K',
        'def mid(): return leaf() + mid()',
        'def top(): return mid()',
        'class C:',
        '    x = top()',
        'def later(): return top()',
      ),
    );
    const c = a.units[4];
    const needs = c?.uses
      .filter((u) => u.when === 'import-time')
      .map((u) => `${u.name}${u.via ? `<${u.via}` : ''}`);
    expect(needs).toEqual(['top', 'mid<top', 'leaf<mid', 'K<leaf']);
    expect(a.units[5]?.uses.every((u) => u.when === 'call-time')).toBe(true);
  });

  it('makes both definitions of a conditionally defined function count', async () => {
    const a = await analyze(
      lines(
        'A = 1',
        'B = 2',
        'if cond:',
        '    def f(): return A',
        'else:',
        '    def f(): return B',
        'X = f()',
      ),
    );
    const x = a.units[3];
    expect(x?.uses.filter((u) => u.via === 'f').map((u) => u.name)).toEqual(['A', 'B']);
  });
});

describe('__all__ and future annotations', () => {
  it('reads literal __all__ with += and extend, and futureAnnotations', async () => {
    const a = await analyze(
      lines(
        'from __future__ import annotations',
        '__all__ = ("a",)',
        '__all__ += ["b"]',
        '__all__.extend(["c", \'d\'])',
        'a = b = c = d = 1',
      ),
    );
    expect(a.dunderAll).toEqual(['a', 'b', 'c', 'd']);
    expect(a.dunderAllComputed).toBe(false);
    expect(a.futureAnnotations).toBe(true);
  });

  it('treats __all__ set inside a block as computed, and no __all__ as absent', async () => {
    const inBlock = await analyze(lines('if X:', '    __all__ = ["a"]', 'else:', '    __all__ = []'));
    expect([inBlock.dunderAll, inBlock.dunderAllComputed]).toEqual([null, true]);
    expect(inBlock.units[0]?.flags).toContain('reflective');
    const none = await analyze(lines('a = 1'));
    expect([none.dunderAll, none.dunderAllComputed, none.futureAnnotations]).toEqual([null, false, false]);
  });
});

describe('diagnostics', () => {
  it('returns MS102 without an analysis on a syntax error', async () => {
    const result = await analyzeModule(sourceFromText('pkg/m.py', 'x = 1\nclass (:\n'));
    expect(result.analysis).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['MS102', 2]]);
  });
});
