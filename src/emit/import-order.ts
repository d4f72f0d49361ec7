// The order ruff's import sorting (isort rules, ruff defaults) gives `from` imports and their names, so generated
// import lines pass `ruff check --select I`: names by type (CONSTANTS, Classes, the rest), then case-insensitively
// in natural order; `X as X` in a statement of its own; relative modules furthest first. Never reorders user code.

/** One generated `from` import: `from <dots><module> import <names>`. */
export interface FromImport {
  /** Leading dots (1 for `from .github import X`). */
  readonly level: number;
  /** Module after the dots; '' for `from . import X`. */
  readonly module: string;
  /** Names as written (`X`, or `X as X`). */
  readonly names: readonly string[];
}

/**
 * Natural order as ruff's `natord`: runs of digits compare as numbers (`x9` < `x10`), everything else by code
 * point.
 */
export function compareNatural(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a[i] as string;
    const cb = b[j] as string;
    if (isDigit(ca) && isDigit(cb)) {
      let ei = i;
      while (ei < a.length && isDigit(a[ei] as string)) ei++;
      let ej = j;
      while (ej < b.length && isDigit(b[ej] as string)) ej++;
      const ra = a.slice(i, ei);
      const rb = b.slice(j, ej);
      if (ca === '0' || cb === '0') {
        // A leading zero reads as a fraction: digit by digit.
        if (ra !== rb) return ra < rb ? -1 : 1;
      } else if (ra.length !== rb.length) return ra.length - rb.length;
      else if (ra !== rb) return ra < rb ? -1 : 1;
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca < cb ? -1 : 1;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** ruff's member type: 0 CONSTANT (all cased letters upper, longer than 1), 1 Class (starts upper), 2 other. */
export function memberType(name: string): 0 | 1 | 2 {
  const cased = /[A-Za-z]/.test(name);
  if (name.length > 1 && cased && name === name.toUpperCase()) return 0;
  return /^[A-Z]/.test(name) ? 1 : 2;
}

/** Compare two imported names (`X` or `X as Y`) as ruff orders them inside one statement. */
export function compareMembers(a: string, b: string): number {
  const [na, aa] = splitAlias(a);
  const [nb, ab] = splitAlias(b);
  return (
    memberType(na) - memberType(nb) ||
    compareNatural(na.toLowerCase(), nb.toLowerCase()) ||
    compareNatural(na, nb) ||
    compareNatural(aa ?? '', ab ?? '')
  );
}

function splitAlias(clause: string): [string, string | undefined] {
  const m = /^(\S+)\s+as\s+(\S+)$/.exec(clause.trim());
  return m ? [m[1] as string, m[2] as string] : [clause.trim(), undefined];
}

/** Names in ruff's order. */
export function sortNames(names: Iterable<string>): string[] {
  return [...names].sort(compareMembers);
}

/** Compare two `from` imports as ruff orders statements in one section (relative: furthest first). */
export function compareFromImports(a: FromImport, b: FromImport): number {
  return (
    b.level - a.level ||
    compareNatural(a.module.toLowerCase(), b.module.toLowerCase()) ||
    compareNatural(a.module, b.module) ||
    compareMembers(a.names[0] ?? '', b.names[0] ?? '')
  );
}

/**
 * The statements ruff writes for these names of one module: the plain names together, each `X as Y` alone
 * (`combine-as-imports` is off by default), names sorted, statements sorted.
 */
export function splitFromImport(level: number, module: string, names: readonly string[]): FromImport[] {
  const plain = sortNames(names.filter((n) => splitAlias(n)[1] === undefined));
  const aliased = sortNames(names.filter((n) => splitAlias(n)[1] !== undefined));
  const out: FromImport[] = [];
  if (plain.length > 0) out.push({ level, module, names: plain });
  for (const name of aliased) out.push({ level, module, names: [name] });
  return out.sort(compareFromImports);
}

/**
 * The `from` import an import unit's text starts with (its first statement), when it is a plain `from` import;
 * undefined otherwise (`import x`, compound statements).
 */
export function parseFromImport(text: string): FromImport | undefined {
  const body = text
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))
    .join(' ');
  const m = /^from\s+(\.*)([\w.]*)\s+import\s+\(?\s*([^,)#\s]+(?:\s+as\s+\w+)?)/.exec(body);
  if (!m) return undefined;
  return { level: (m[1] as string).length, module: m[2] as string, names: [m[3] as string] };
}
