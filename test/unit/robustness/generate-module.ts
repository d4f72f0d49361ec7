// fast-check arbitraries for Python modules that import cleanly: constants, functions (some called at import time),
// classes with bases and class-level references, decorators feeding a list, `REGISTRY[...] = ...` statements,
// comments, blank lines, LF or CRLF, spaces or tabs, non-ASCII names and strings; and random plans for them.
// Generates text only; it does not split or run anything.

import fc from 'fast-check';

export interface GeneratedModule {
  readonly text: string;
  /** Every name a top-level statement of the module binds (what a plan may name), in source order. */
  readonly names: readonly string[];
  /** Python expressions over the module `m` that call its functions (state counters): equal before and after. */
  readonly probes: readonly string[];
  /** Names a plan must keep in one file (a global and the function that rebinds it with `global`). */
  readonly together: readonly (readonly string[])[];
}

/** One top-level item before rendering: its kind and random choices resolved later against earlier items. */
interface Recipe {
  readonly kind: 'const' | 'computed' | 'function' | 'call' | 'class' | 'decorated' | 'register' | 'state';
  readonly picks: readonly number[];
  readonly flag: boolean;
  readonly comment: boolean;
  readonly blank: number;
  readonly exotic: boolean;
}

const recipe: fc.Arbitrary<Recipe> = fc.record({
  kind: fc.constantFrom(
    'const',
    'computed',
    'function',
    'function',
    'call',
    'class',
    'class',
    'decorated',
    'register',
    'state',
  ),
  picks: fc.array(fc.nat({ max: 1000 }), { minLength: 0, maxLength: 3 }),
  flag: fc.boolean(),
  comment: fc.boolean(),
  blank: fc.integer({ min: 0, max: 3 }),
  exotic: fc.boolean(),
});

/** Identifier stems, some outside ASCII (Python accepts them; NFKC keeps these as they are). */
const STEMS = {
  const: ['LIMIT', 'TAUX', 'ÉCHELLE', 'ΔT'],
  function: ['compute', 'größe', 'calcular_año', 'λ_apply'],
  class: ['Model', 'Ñandú', 'Straße', 'Ωmega'],
} as const;
const STRINGS = ['plain', 'café', 'naïve “quotes”', '日本語', 'emoji 🎉', 'tab\\tinside'];

interface Item {
  readonly name: string;
  readonly kind: 'const' | 'function' | 'class';
  /** Index of the item in source order. */
  readonly index: number;
  /** Names its function body reads (for import-time calls: all must exist by then). */
  readonly bodyRefs: readonly number[];
}

function pick<T>(list: readonly T[], n: number | undefined): T | undefined {
  return list.length === 0 ? undefined : list[(n ?? 0) % list.length];
}

/** Render recipes into a module that runs: import-time references only to earlier names. */
export function renderModule(
  recipes: readonly Recipe[],
  style: { crlf: boolean; tabs: boolean; header: boolean; useImport: boolean },
): GeneratedModule {
  const nl = style.crlf ? '\r\n' : '\n';
  const ind = style.tabs ? '\t' : '    ';
  const items: Item[] = [];
  const names: string[] = [];
  const out: string[] = [];
  if (style.header)
    out.push('"""Generated module for split robustness tests (ünïcode in the docstring)."""', '');
  if (style.useImport) out.push('import math', 'from functools import reduce', '');
  let hasRegistry = false;
  let hasDecorator = false;
  const probes: string[] = [];
  const together: string[][] = [];
  const bind = (name: string, kind: Item['kind'], bodyRefs: number[] = []) => {
    items.push({ name, kind, index: items.length, bodyRefs });
    names.push(name);
  };
  const nameFor = (kind: 'const' | 'function' | 'class', exotic: boolean, n: number) => {
    const stems = STEMS[kind];
    const stem = exotic ? (pick(stems, n) as string) : (stems[0] as string);
    return `${stem}_${items.length}`;
  };
  /** An expression naming up to `picks.length` earlier items (usable at import time). */
  const earlierRefs = (picks: readonly number[]) =>
    picks.map((p) => pick(items, p)).filter((i): i is Item => i !== undefined);
  recipes.forEach((r, position) => {
    for (let b = 0; b < r.blank; b++) out.push('');
    if (r.comment) out.push(`# ${r.kind} n°${position}: ${pick(STRINGS, r.picks[0])}`);
    const refs = earlierRefs(r.picks);
    const refTuple = (list: readonly Item[]) =>
      list.length === 0 ? '()' : `(${list.map((i) => i.name).join(', ')},)`;
    switch (r.kind) {
      case 'const': {
        const name = nameFor('const', r.exotic, r.picks[1] ?? 0);
        const value = r.flag ? JSON.stringify(pick(STRINGS, r.picks[0])) : String((r.picks[0] ?? 7) % 97);
        out.push(
          `${name} = ${style.useImport && r.exotic ? `math.floor(${(r.picks[0] ?? 3) % 50} * 1.5)` : value}`,
        );
        bind(name, 'const');
        break;
      }
      case 'computed': {
        const name = nameFor('const', r.exotic, r.picks[1] ?? 0);
        out.push(`${name} = ${refTuple(refs)}`);
        bind(name, 'const');
        break;
      }
      case 'function': {
        const name = nameFor('function', r.exotic, r.picks[1] ?? 0);
        // The body may name later items too (call time); they are resolved after rendering, see below.
        const forward = r.flag;
        bind(name, 'function', forward ? r.picks.map((p) => -1 - p) : refs.map((i) => i.index));
        out.push(`def ${name}(value=None):`);
        out.push(`${ind}"""Return what it names."""`);
        out.push(`${ind}return (value, __REFS_${items.length - 1}__)`);
        break;
      }
      case 'call': {
        // Call an earlier function whose body names only items defined before this point.
        const callable = items.filter(
          (i) =>
            i.kind === 'function' &&
            !/^(hook|bump_\d+|read_\d+)$/.test(i.name) &&
            i.bodyRefs.every((b) => b >= 0 && b < items.length),
        );
        const fn = pick(callable, r.picks[0]);
        const name = nameFor('const', r.exotic, r.picks[1] ?? 0);
        if (fn) out.push(`${name} = ${fn.name}(${JSON.stringify(pick(STRINGS, r.picks[1]))})`);
        else out.push(`${name} = ${JSON.stringify(pick(STRINGS, r.picks[1]))}`);
        bind(name, 'const');
        break;
      }
      case 'class': {
        const name = nameFor('class', r.exotic, r.picks[1] ?? 0);
        const bases = refs.filter((i) => i.kind === 'class').slice(0, 2);
        const uniqueBases = [...new Set(bases.map((b) => b.name))];
        // Two bases where one derives from the other would be an MRO error: keep one base then.
        out.push(`class ${name}${uniqueBases.length > 0 ? `(${uniqueBases.slice(0, 1).join(', ')})` : ''}:`);
        const attrs = refs.filter((i) => i.kind !== 'class' || !uniqueBases.includes(i.name));
        out.push(`${ind}label = ${JSON.stringify(pick(STRINGS, r.picks[2]))}`);
        if (attrs.length > 0) out.push(`${ind}refs = ${refTuple(attrs)}`);
        out.push('');
        out.push(`${ind}def describe(self):`);
        out.push(`${ind}${ind}return (self.label, __REFS_${items.length}__)`);
        bind(name, 'class', r.flag ? r.picks.map((p) => -1 - p) : refs.map((i) => i.index));
        break;
      }
      case 'decorated': {
        if (!hasDecorator) {
          out.push(
            'HOOKS = []',
            '',
            '',
            'def hook(fn):',
            `${ind}HOOKS.append(fn.__name__)`,
            `${ind}return fn`,
            '',
            '',
          );
          bind('HOOKS', 'const');
          bind('hook', 'function', [items.length - 1]);
          hasDecorator = true;
        }
        const name = nameFor('function', r.exotic, r.picks[1] ?? 0);
        out.push('@hook', `def ${name}(value=None):`, `${ind}return (value, ${refTuple(refs)})`);
        bind(
          name,
          'function',
          refs.map((i) => i.index),
        );
        break;
      }
      case 'register': {
        if (!hasRegistry) {
          out.push('REGISTRY = {}');
          bind('REGISTRY', 'const');
          hasRegistry = true;
        }
        const target = pick(
          items.filter((i) => i.kind !== 'const'),
          r.picks[0],
        );
        if (target) out.push(`REGISTRY[${JSON.stringify(target.name)}] = ${target.name}`);
        break;
      }
      case 'state': {
        // A third of the draws only: every state block split from its reader is a (correct) MS311 refusal.
        if ((r.picks[0] ?? 0) % 3 !== 0) break;
        // A global rebound from a function (`global`), and a reader: they must share one namespace after a split.
        const k = items.length;
        out.push(`COUNTER_${k} = 0`, '', '');
        bind(`COUNTER_${k}`, 'const');
        out.push(
          `def bump_${k}():`,
          `${ind}global COUNTER_${k}`,
          `${ind}COUNTER_${k} += 1`,
          `${ind}return COUNTER_${k}`,
        );
        bind(`bump_${k}`, 'function', [k]);
        out.push('', '', `def read_${k}():`, `${ind}return COUNTER_${k}`);
        bind(`read_${k}`, 'function', [k]);
        probes.push(`(m.bump_${k}(), m.bump_${k}(), m.read_${k}())`);
        together.push([`COUNTER_${k}`, `bump_${k}`]);
        break;
      }
    }
  });
  if (items.length === 0) {
    // Every recipe drew nothing (skipped state blocks): a module needs at least one name to plan.
    out.push('VALUE = 1');
    bind('VALUE', 'const');
  }
  out.push('');
  let text = out.join('\n');
  // Resolve function and method bodies: backward references as chosen, forward ones to any item.
  items.forEach((item, index) => {
    const targets = item.bodyRefs.map((b) => (b >= 0 ? items[b] : items[(-1 - b) % items.length]));
    const refs = targets.filter((t): t is Item => t !== undefined).map((t) => t.name);
    if (style.useImport && index % 3 === 0) refs.push('reduce');
    text = text.replace(`__REFS_${index}__`, refs.length === 0 ? 'None' : `(${refs.join(', ')},)`);
  });
  // Last probe: call every function and every class's method, after the counters moved (stale reads show).
  const calls = items
    .filter((i) => i.kind !== 'const' && !/^(hook|bump_\d+)$/.test(i.name))
    .map((i) => (i.kind === 'class' ? `m.${i.name}().describe()` : `m.${i.name}()`));
  if (calls.length > 0) probes.push(`(${calls.join(', ')},)`);
  return { text: nl === '\n' ? text : text.replace(/\n/g, nl), names, probes, together };
}

export const generatedModule: fc.Arbitrary<GeneratedModule> = fc
  .record({
    recipes: fc.array(recipe, { minLength: 3, maxLength: 14 }),
    crlf: fc.boolean(),
    tabs: fc.boolean(),
    header: fc.boolean(),
    useImport: fc.boolean(),
  })
  .map(({ recipes, ...style }) => renderModule(recipes, style));

export interface RandomPlan {
  /** `"p0.py"` → names; `"__init__.py"` may be one of the files. */
  readonly files: Readonly<Record<string, readonly string[]>>;
}

/**
 * Assign every name to one of 2-5 files (sometimes one of them `__init__.py`), from a list of random numbers; names
 * in one `together` group go where the group's first name goes.
 */
export function assignNames(
  names: readonly string[],
  choices: readonly number[],
  count: number,
  init: boolean,
  together: readonly (readonly string[])[] = [],
): RandomPlan {
  const stems = Array.from({ length: count }, (_, i) => (init && i === 0 ? '__init__.py' : `p${i}.py`));
  const leader = new Map<string, string>();
  for (const group of together) for (const name of group.slice(1)) leader.set(name, group[0] as string);
  const fileOf = new Map<string, string>();
  names.forEach((name, i) => {
    const first = leader.get(name);
    fileOf.set(
      name,
      (first !== undefined ? fileOf.get(first) : undefined) ??
        (stems[(choices[i % choices.length] ?? i) % stems.length] as string),
    );
  });
  // Everything in `__init__.py` would create no file: the last name (and its group) then goes to a submodule.
  if ([...fileOf.values()].every((f) => f === '__init__.py')) {
    const last = names[names.length - 1] as string;
    const group = together.find((g) => g.includes(last)) ?? [last];
    for (const name of group) fileOf.set(name, stems[stems.length - 1] as string);
  }
  const files: Record<string, string[]> = {};
  for (const name of names) {
    const file = fileOf.get(name) as string;
    files[file] = [...(files[file] ?? []), name];
  }
  return { files };
}

export const planShape = fc.record({
  count: fc.integer({ min: 2, max: 5 }),
  choices: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 40 }),
  init: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < 0.15),
});
