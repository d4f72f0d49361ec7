// Minimal reproductions of bugs the robustness tests found (Django corpus, random plans). Fixed bugs are plain
// tests; open ones are `it.fails` (they pass while the bug is there and fail once it is fixed: then make them `it`).

import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePlan } from '../../../src/plan/resolve-plan.js';
import { verifyWithPython } from '../../../src/verify/index.js';
import { writeProjectTree } from '../../helpers/project-tree.js';
import { djangoSourceDir, pythonPath, runPython } from '../../helpers/python.js';
import { listPythonFiles } from './django-tree.js';
import { sortImportsWithRuff } from './package-check.js';
import { applyChangeSetQuickly, attemptSplit, collectWrittenTexts } from './split-pipeline.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = writeProjectTree(files, 'modsplit-bugs-');
  temps.push(root);
  return root;
}

/** Split `modulePath` of the project at `root` with the plan `files` (no other project file scanned). */
function splitWithPlan(root: string, modulePath: string, files: Record<string, string[]>) {
  return attemptSplit({ root, modulePath, projectFiles: [], plan: () => ({ files }) });
}

describe('emit: names a decorator needs at import time', () => {
  // django/template/defaultfilters.py: `@stringfilter` runs `stringfilter`'s body (which uses `wraps` and `unwrap`)
  // at import time. Those names belong to the file defining `stringfilter`, not to every file using the decorator:
  // importing them there only adds unused imports (pyflakes F401).
  it('imports them only in the decorator’s own file', async () => {
    const root = project({
      'lib/__init__.py': '',
      'lib/filters.py': [
        'from functools import wraps',
        '',
        '',
        'def stringfilter(func):',
        '    @wraps(func)',
        '    def inner(value):',
        '        return func(str(value))',
        '',
        '    return inner',
        '',
        '',
        '@stringfilter',
        'def lower(value):',
        '    return value.lower()',
        '',
      ].join('\n'),
    });
    const attempt = await splitWithPlan(root, 'lib/filters.py', {
      'common.py': ['stringfilter'],
      'text.py': ['lower'],
    });
    expect(attempt.refusal).toEqual([]);
    const texts = collectWrittenTexts(attempt.changeSet as NonNullable<typeof attempt.changeSet>);
    expect(texts.get('lib/filters/common.py')).toContain('from functools import wraps');
    expect(texts.get('lib/filters/text.py')).toBe(
      'from .common import stringfilter\n\n\n@stringfilter\ndef lower(value):\n    return value.lower()\n',
    );
  });
});

describe('verify: lazy objects in the package namespace', () => {
  // django/http/request.py, django/db/models/base.py, django/template/defaulttags.py: the module holds Django's lazy
  // `settings`. The oracle's duplicate-definition check asked `isinstance(value, ...)`, which reads `__class__` and
  // so evaluates the lazy object: without configured settings the whole check crashed (MS619).
  it('does not evaluate them', async () => {
    const text = [
      'class Lazy:',
      '    def __getattribute__(self, name):',
      '        raise RuntimeError("a lazy object was evaluated")',
      '',
      '',
      'settings = Lazy()',
      '',
      '',
      'def read():',
      '    return settings',
      '',
    ].join('\n');
    const root = project({ 'lib/__init__.py': '', 'lib/gen.py': text });
    const attempt = await splitWithPlan(root, 'lib/gen.py', {
      'lazy.py': ['Lazy', 'settings'],
      'reader.py': ['read'],
    });
    expect(attempt.refusal).toEqual([]);
    applyChangeSetQuickly(attempt.changeSet as NonNullable<typeof attempt.changeSet>, root);
    const checked = await verifyWithPython(root, 'lib.gen', { python: pythonPath(), djangoSettings: null });
    expect(checked.diagnostics).toEqual([]);
    expect(checked.modules).toEqual(['lib.gen', 'lib.gen.lazy', 'lib.gen.reader']);
  });
});

/** Split `lib/gen.py` (text) with `files`; when accepted, write it and import it next to the original in Python. */
async function splitAndImport(
  text: string,
  files: Record<string, string[]>,
  expression: string,
  options: { sortImports?: boolean } = {},
): Promise<{ refused: string[]; warnings: string[]; before?: string; after?: string }> {
  const root = project({
    'lib/__init__.py': '',
    'lib/gen.py': text,
    'orig/__init__.py': '',
    'orig/gen.py': text,
  });
  const attempt = await splitWithPlan(root, 'lib/gen.py', files);
  if (!attempt.changeSet) return { refused: attempt.refusal.map((d) => d.code), warnings: [] };
  const planned = resolvePlan(attempt.analysis, attempt.location, attempt.usage, attempt.plan).diagnostics;
  const warnings = [...planned, ...attempt.changeSet.diagnostics]
    .filter((d) => d.severity === 'warning')
    .map((d) => d.code);
  applyChangeSetQuickly(attempt.changeSet, root);
  if (options.sortImports) sortImportsWithRuff(join(root, 'lib/gen'));
  const script = `
import importlib, json, sys
sys.path.insert(0, ${JSON.stringify(root)})
out = {}
for key, name in (("before", "orig.gen"), ("after", "lib.gen")):
    try:
        m = importlib.import_module(name)
        out[key] = repr(eval(${JSON.stringify(expression)}, {"m": m}))
    except Exception as exc:
        out[key] = type(exc).__name__ + ": " + str(exc)
print(json.dumps(out))
`;
  const out = JSON.parse(runPython(script)) as { before: string; after: string };
  return { refused: [], warnings, ...out };
}

/** Module lines shared by the registration cases below: a list `HOOKS` and a decorator `hook` appending to it. */
const HOOK_REGISTRY = [
  'HOOKS = []',
  '',
  '',
  'def hook(fn):',
  '    HOOKS.append(fn.__name__)',
  '    return fn',
  '',
  '',
];

/** Module lines shared by the MS311 cases below: a global `COUNTER` and a function `bump` rebinding it. */
const COUNTER_BUMP = [
  'COUNTER = 0',
  '',
  '',
  'def bump():',
  '    global COUNTER',
  '    COUNTER += 1',
  '    return COUNTER',
  '',
  '',
];

describe('bugs found by the random-plan property test', () => {
  // Kept code in __init__.py that a submodule runs at import time reads a name __init__.py binds only once that
  // submodule has finished importing: `p1.LIMIT = compute()` runs `compute`, which reads `helper` from __init__.py,
  // which gets it from p1.py. No order works: refused (MS316).
  it('kept __init__.py function called at import time by the submodule it needs (NameError)', async () => {
    const text =
      'def helper():\n    return 1\n\n\ndef compute():\n    return helper()\n\n\nLIMIT = compute()\n';
    const files = { '__init__.py': ['compute'], 'p1.py': ['helper', 'LIMIT'] };
    const result = await splitAndImport(text, files, 'm.LIMIT');
    expect(result.refused).toEqual(['MS316']);
  });

  // A decorator kept in __init__.py whose body needs a name from a submodule is moved below the submodule imports,
  // after the decorated function that uses it: `@hook` runs before `def hook` (NameError, pyflakes F821). Kept
  // units now keep their source order; here `handler` needs p1.py (HOOKS, through `hook`) and p1.py needs
  // `handler` from the package, so no order works: refused (MS316).
  it('kept decorator moved below the function it decorates', async () => {
    const text = [
      ...HOOK_REGISTRY,
      '@hook',
      'def handler():',
      '    return 1',
      '',
      '',
      'ALL = (handler,)',
      '',
    ].join('\n');
    const files = { '__init__.py': ['hook', 'handler'], 'p1.py': ['HOOKS', 'ALL'] };
    const result = await splitAndImport(text, files, '(m.HOOKS, m.ALL[0].__name__)');
    expect(result.refused).toEqual(['MS316']);
  });

  // Decorator registrations in two files run in file import order: `early` (p1.py) imports `hook` from p2.py, so
  // p2.py's `late` registers first. SPLIT-SEMANTICS §3: keep the relative order of such side effects, or flag it:
  // flagged (MS321), since `@hook` calls a function of the module that works on module state.
  it('registration order changes across files without a diagnostic', async () => {
    const text = [
      ...HOOK_REGISTRY,
      '@hook',
      'def early():',
      '    return 1',
      '',
      '',
      '@hook',
      'def late():',
      '    return 2',
      '',
    ].join('\n');
    const files = { 'p1.py': ['early'], 'p2.py': ['HOOKS', 'hook', 'late'] };
    const result = await splitAndImport(text, files, 'm.HOOKS');
    expect(result.refused).toEqual([]);
    expect(result.after).not.toBe(result.before);
    expect(result.warnings).toContain('MS321');
  });

  // MS316 refuses any kept __init__.py code that needs a submodule at import time, although importing that
  // submodule first works whenever it does not need __init__.py itself (here p1.py needs nothing).
  it('MS316 refuses a kept subclass of a class from a submodule that needs nothing back', async () => {
    const text = [
      'class Base:',
      '    pass',
      '',
      '',
      'class Child(Base):',
      '    pass',
      '',
      '',
      'def make():',
      '    return Child()',
      '',
    ].join('\n');
    const files = { 'p1.py': ['Base'], '__init__.py': ['Child'], 'p3.py': ['make'] };
    const result = await splitAndImport(
      text,
      files,
      '(m.Child.__mro__[1].__name__, type(m.make()).__name__)',
    );
    expect(result.refused).toEqual([]);
    expect(result.after).toBe(result.before);
  });

  // A statement that binds no name (`REGISTRY["fn"] = fn`) cannot be planned; resolvePlan puts it with REGISTRY,
  // which closes p0 -> p1 -> p2 -> p0, and refuses (MS301). Next to `fn` (p2.py) there is no cycle, but then p0.py's
  // `ALL = (REGISTRY,)`, below the registration in the source, would run before it: a reader that looks inside
  // (`tuple(REGISTRY)`) would silently see it empty. So the refusal stands (the statement moves with what it
  // mutates), and the diagnostic now says which statement carries the dependency.
  it('MS301 from where an unplannable registration statement was placed', async () => {
    const text = [
      'LIMIT = ()',
      '',
      '',
      'def fn():',
      '    return LIMIT',
      '',
      '',
      'REGISTRY = {}',
      'REGISTRY["fn"] = fn',
      'ALL = (REGISTRY,)',
      '',
    ].join('\n');
    const files = { 'p0.py': ['LIMIT', 'ALL'], 'p1.py': ['REGISTRY'], 'p2.py': ['fn'] };
    const root = project({ 'lib/__init__.py': '', 'lib/gen.py': text });
    const attempt = await splitWithPlan(root, 'lib/gen.py', files);
    expect(attempt.refusal.map((d) => d.code)).toEqual(['MS301']);
    expect(attempt.refusal[0]?.notes).toContain(
      "line 9 moves with REGISTRY (line 9 sets an attribute or item of `REGISTRY`), so REGISTRY's file needs `fn`",
    );
  });

  // With kept code in __init__.py the order of its submodule imports matters (p3.py must bind HOOKS before p2.py's
  // `@hook` runs), but nothing protects it from import sorters: after `ruff check --select I --fix` p2.py comes
  // first and `import lib.gen` raises NameError. SPLIT-SEMANTICS §3: make it robust to sorting, or mark the block.
  // Now `hook` sits between the two imports (it needs p3.py, p2.py needs it), which sorters never cross.
  it('kept __init__.py code: ruff’s import sorting breaks the submodule order', async () => {
    const text = [...HOOK_REGISTRY, '@hook', 'def handler():', '    return 1', ''].join('\n');
    const files = { '__init__.py': ['hook'], 'p3.py': ['HOOKS'], 'p2.py': ['handler'] };
    const unsorted = await splitAndImport(text, files, 'm.HOOKS');
    expect(unsorted.after).toBe(unsorted.before);
    const sorted = await splitAndImport(text, files, 'm.HOOKS', { sortImports: true });
    expect(sorted.after).toBe(sorted.before);
  });

  // MS311 guards readers of a global that a function rebinds (`global COUNTER`). SNAPSHOT reads COUNTER once, at
  // import time, before anything can rebind it: the copy is the same in the split, yet the plan was refused.
  // Now accepted unless a function rebinding it is called at import time.
  it('MS311 refuses a rebound global that another file reads only at import time', async () => {
    const text = [...COUNTER_BUMP, 'SNAPSHOT = (COUNTER,)', ''].join('\n');
    const files = { 'p0.py': ['SNAPSHOT'], 'p1.py': ['COUNTER', 'bump'] };
    const result = await splitAndImport(text, files, '(m.SNAPSHOT, m.bump(), m.bump(), m.SNAPSHOT)');
    expect(result.refused).toEqual([]);
    expect(result.after).toBe(result.before);
  });

  // Registrations kept in __init__.py and registrations in a submodule: `second` stays in __init__.py and p1.py needs
  // it from the package, so it registers before p1.py's `first`. The order changes with no MS321 (which flags the
  // same change between two submodules). Now flagged: kept code is placed among the submodule imports.
  it('registration order between kept __init__.py code and a submodule changes without MS321', async () => {
    const text = [
      ...HOOK_REGISTRY,
      '@hook',
      'def first():',
      '    return 1',
      '',
      '',
      '@hook',
      'def second():',
      '    return 2',
      '',
      '',
      'VALUE = second()',
      '',
    ].join('\n');
    const files = { '__init__.py': ['HOOKS', 'hook', 'second'], 'p1.py': ['first', 'VALUE'] };
    const result = await splitAndImport(text, files, 'm.HOOKS');
    expect(result.refused).toEqual([]);
    expect(result.after).not.toBe(result.before);
    expect(result.warnings).toContain('MS321');
  });
});

describe('bugs found by the 10,000-case random-plan run', () => {
  // Kept `compute` runs at p1.py's import and reads `helper`, which __init__.py binds only at its
  // `from .p2 import helper` line. p1.py imports p2.py itself, so p2 is *loaded* first, but __init__.py lists
  // `from .p1 import VALUE` (isort order) before the p2 lines, so `helper` is not yet *bound* there: NameError.
  // Fixed: the order edge is kept although p1.py imports p2.py, so the block is fenced (# isort: off) with p2 first.
  it('a kept function called at import time reads a re-export bound after the caller is imported', async () => {
    const text = [
      'def helper(value=None):',
      '    return (value, compute)',
      '',
      '',
      'def compute(value=None):',
      '    return helper(value)',
      '',
      '',
      'BASE = (helper,)',
      '',
      '',
      'VALUE = compute(BASE)',
      '',
    ].join('\n');
    const files = { '__init__.py': ['compute'], 'p2.py': ['helper', 'BASE'], 'p1.py': ['VALUE'] };
    const result = await splitAndImport(text, files, 'm.VALUE[0][0].__name__');
    expect(result.refused).toEqual([]);
    expect(result.after).toBe(result.before);
    const sorted = await splitAndImport(text, files, 'm.VALUE[0][0].__name__', { sortImports: true });
    expect(sorted.after).toBe(sorted.before);
  });
});

describe('bugs found by random plans with other seeds', () => {
  // MODSPLIT_SEED=7: `VALUE = make()` stays in __init__.py and needs p1.py; p4.py needs VALUE from the package (call
  // time). `from .p1 import make`, `VALUE = make()`, `from .p4 import reader` works (p1 and p4 are independent),
  // but MS316 says p4.py "must be imported before" p1.py: the files' source order is taken as fixed.
  // Fixed: the files are ordered with the kept code's needs (p1.py, VALUE, p4.py).
  it('MS316 when only the source order of two independent files is in the way', async () => {
    const text = 'def reader():\n    return VALUE\n\n\ndef make():\n    return 2\n\n\nVALUE = make()\n';
    const files = { 'p4.py': ['reader'], '__init__.py': ['VALUE'], 'p1.py': ['make'] };
    const result = await splitAndImport(text, files, '(m.VALUE, m.reader())');
    expect(result.refused).toEqual([]);
    expect(result.after).toBe(result.before);
  });
});

describe('bugs found by the final 10,000-case run', () => {
  // Case 9285: `SNAPSHOT = (bump, COUNTER)` names `bump` at import time without calling it; MS311 counted the mere
  // reference as a call of a function rebinding COUNTER at import time and refused, though the copy is the same.
  // Fixed: a value only stored is no call (analysis: storedReferences); touching what holds it later still counts.
  it('MS311 counts an import-time reference to a rebinding function as a call', async () => {
    const text = [...COUNTER_BUMP, 'SNAPSHOT = (bump, COUNTER)', ''].join('\n');
    const files = { 'p0.py': ['SNAPSHOT'], 'p1.py': ['COUNTER', 'bump'] };
    const result = await splitAndImport(text, files, '(m.SNAPSHOT[1], m.bump(), m.SNAPSHOT[0]())');
    expect(result.refused).toEqual([]);
    expect(result.after).toBe(result.before);
  });
});

describe('bugs found by the Django corpus', () => {
  // proposePlan "never closes an import cycle", yet its plan for django/db/backends/oracle/base.py was refused by
  // resolvePlan with MS322: the bottom import `from .utils import Oracle_datetime, dsn` landed in the file that also
  // defines `Database` (the guarded `oracledb as Database` import), and utils.py imports `Database` from the package.
  // Fixed: given the project (`project: { location, usage }`), proposePlan keeps `Database` apart from the users of
  // such modules, and checks its plan with resolvePlan (repairing what it refuses) before returning it.
  it('proposePlan’s plan for django/db/backends/oracle/base.py is accepted', async () => {
    const { proposePlan } = await import('../../../src/plan/propose-plan.js');
    const root = dirname(djangoSourceDir());
    const request = {
      root,
      modulePath: 'django/db/backends/oracle/base.py',
      projectFiles: listPythonFiles(root),
    };
    // The pipeline's own location and importer scan (an empty plan: only they are wanted here).
    const { location, usage } = await attemptSplit({ ...request, plan: () => ({ files: {} }) });
    const attempt = await attemptSplit({
      ...request,
      plan: (analysis) => proposePlan(analysis, { project: { location, usage } }).plan,
    });
    expect(attempt.refusal.map((d) => d.code)).toEqual([]);
    expect(attempt.changeSet).toBeDefined();
  });
});
