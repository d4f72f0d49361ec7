// Plan input and output: `plan.toml` (`module = "..."` and a `[files]` table) and `--into github.py=A,B` arguments
// become a SplitPlan with the lines its entries came from. Only the shape is checked here; names and file names
// are checked against the module by resolvePlan.

import { parse, stringify, TomlError } from 'smol-toml';
import type { Diagnostic } from '../model/diagnostics.js';
import type { PlanOrigin, SplitPlan } from '../model/plan.js';
import { editDistance } from '../read/project-config.js';

/** A plan read from text or arguments, or the MS308 diagnostics that explain why it could not be read. */
export interface PlanInput {
  readonly plan?: SplitPlan;
  readonly diagnostics: readonly Diagnostic[];
}

const TOP_LEVEL_KEYS = ['module', 'files'] as const;

function invalidPlan(path: string, line: number, column: number, message: string, help: string): Diagnostic {
  return { code: 'MS308', severity: 'error', message, location: { path, line, column }, help };
}

/**
 * Read a plan file.
 *
 * @example
 * readPlanFile('module = "shop/models.py"\n[files]\n"orders.py" = ["Order", "LineItem"]\n', 'plan.toml')
 * // -> { plan: { module: 'shop/models.py', files: { 'orders.py': ['Order', 'LineItem'] }, origin }, diagnostics: [] }
 */
export function readPlanFile(text: string, path: string): PlanInput {
  let data: Record<string, unknown>;
  try {
    data = parse(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      const first = error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? 'invalid TOML';
      return {
        diagnostics: [
          invalidPlan(
            path,
            error.line,
            error.column,
            `the plan is not valid TOML: ${first}`,
            'fix the TOML syntax',
          ),
        ],
      };
    }
    throw error;
  }
  const lines = collectKeyLines(text);
  const diagnostics: Diagnostic[] = [];
  for (const key of Object.keys(data)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      const near = nearestWord(key, TOP_LEVEL_KEYS);
      diagnostics.push(
        invalidPlan(
          path,
          lines.topLevel.get(key) ?? 1,
          1,
          `unknown key \`${key}\` in the plan`,
          near ? `rename it to \`${near}\`` : 'remove it; a plan has `module = "..."` and a `[files]` table',
        ),
      );
    }
  }
  const module = data.module;
  if (module !== undefined && typeof module !== 'string') {
    diagnostics.push(
      invalidPlan(
        path,
        lines.topLevel.get('module') ?? 1,
        1,
        '`module` must be a string',
        'write the module path, e.g. module = "shop/models.py"',
      ),
    );
  }
  const rawFiles = data.files;
  // Maps, not object literals: a key such as `__proto__` must stay a plain key.
  const files = new Map<string, string[]>();
  const nameLines = new Map<string, Record<string, number>>();
  const fileLines = new Map<string, number>();
  if (
    rawFiles === undefined ||
    typeof rawFiles !== 'object' ||
    rawFiles === null ||
    Array.isArray(rawFiles)
  ) {
    diagnostics.push(
      invalidPlan(
        path,
        lines.topLevel.get('files') ?? 1,
        1,
        'the plan has no `[files]` table',
        'add a `[files]` table: "github.py" = ["GitHubIntegration"]',
      ),
    );
  } else {
    for (const [key, value] of flattenFileEntries(rawFiles as Record<string, unknown>)) {
      const where = lines.files.get(key);
      const line = where?.line ?? 1;
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        diagnostics.push(
          invalidPlan(
            path,
            line,
            1,
            `\`${key}\` must list names as an array of strings`,
            `write it as "${key}" = ["Name", "OtherName"]`,
          ),
        );
        continue;
      }
      files.set(key, [...value]);
      fileLines.set(key, line);
      const perName = new Map<string, number>();
      value.forEach((name, i) => {
        if (!perName.has(name)) perName.set(name, where?.names[i] ?? line);
      });
      nameLines.set(key, Object.fromEntries(perName));
    }
  }
  if (diagnostics.length > 0) return { diagnostics };
  const origin: PlanOrigin = {
    path,
    fileLines: Object.fromEntries(fileLines),
    nameLines: Object.fromEntries(nameLines),
  };
  const plan = { files: Object.fromEntries(files), origin };
  return { plan: typeof module === 'string' ? { module, ...plan } : plan, diagnostics };
}

/**
 * `[files]` keys as written: `"github.py" = [...]` is one key; a bare `github.py = [...]` is a dotted TOML key
 * (`{github: {py: [...]}}`), which we read back as the file name the user meant.
 */
function flattenFileEntries(table: Record<string, unknown>, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(table)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      out.push(...flattenFileEntries(value as Record<string, unknown>, full));
    } else {
      out.push([full, value]);
    }
  }
  return out;
}

interface KeyLines {
  readonly topLevel: Map<string, number>;
  /** `[files]` key → its line and the line of each string listed in its array. */
  readonly files: Map<string, { line: number; names: number[] }>;
}

const KEY_LINE = /^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=/;

/** Lines of keys and of the strings in `[files]` arrays (smol-toml gives values, not positions). */
function collectKeyLines(text: string): KeyLines {
  const topLevel = new Map<string, number>();
  const files = new Map<string, { line: number; names: number[] }>();
  const rows = text.split(/\r\n|\r|\n/);
  let table = '';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as string;
    const header = /^\s*\[\s*([^\]]+?)\s*\]/.exec(row);
    if (header) {
      table = (header[1] as string).replace(/["']/g, '');
      if (!topLevel.has(table)) topLevel.set(table, i + 1);
      continue;
    }
    const key = KEY_LINE.exec(row);
    if (!key) continue;
    const raw = key[1] as string;
    const name = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw.replace(/^'|'$/g, '');
    if (table === '') {
      if (!topLevel.has(name)) topLevel.set(name, i + 1);
    } else if (table === 'files') {
      files.set(name, { line: i + 1, names: collectStringLines(rows, i, key[0].length) });
    }
  }
  return { topLevel, files };
}

/** Line of each string literal in the array that starts at `rows[row]` column `col`, up to its closing `]`. */
function collectStringLines(rows: readonly string[], row: number, col: number): number[] {
  const lines: number[] = [];
  let depth = 0;
  for (let r = row; r < rows.length; r++) {
    const text = rows[r] as string;
    for (let c = r === row ? col : 0; c < text.length; c++) {
      const ch = text[c];
      if (ch === '#') break;
      if (ch === '[') depth++;
      else if (ch === ']') {
        depth--;
        if (depth <= 0) return lines;
      } else if (ch === '"' || ch === "'") {
        lines.push(r + 1);
        const close = text.indexOf(ch, c + 1);
        c = close < 0 ? text.length : close;
      }
    }
  }
  return lines;
}

/**
 * A plan from `--into` arguments, one per file: `github.py=GitHubIntegration,GitHubRepo`. Repeating a file
 * appends to its list. Line numbers in diagnostics are argument numbers.
 *
 * @example
 * planFromIntoArgs(['github.py=GitHubIntegration,GitHubRepo', 'jira.py=JiraIssue'])
 */
export function planFromIntoArgs(args: readonly string[]): PlanInput {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string[]>();
  const fileLines = new Map<string, number>();
  const nameLines = new Map<string, Map<string, number>>();
  args.forEach((arg, i) => {
    const eq = arg.indexOf('=');
    const file = eq < 0 ? '' : arg.slice(0, eq).trim();
    if (eq < 0 || file === '') {
      diagnostics.push(
        invalidPlan(
          '--into',
          i + 1,
          1,
          `\`--into ${arg}\` does not say which file gets which names`,
          'write it as --into github.py=GitHubIntegration,GitHubRepo',
        ),
      );
      return;
    }
    const names = arg
      .slice(eq + 1)
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n !== '');
    const list = files.get(file) ?? [];
    const lines = nameLines.get(file) ?? new Map<string, number>();
    if (!fileLines.has(file)) fileLines.set(file, i + 1);
    for (const name of names) {
      list.push(name);
      if (!lines.has(name)) lines.set(name, i + 1);
    }
    files.set(file, list);
    nameLines.set(file, lines);
  });
  if (diagnostics.length > 0) return { diagnostics };
  const origin: PlanOrigin = {
    path: '--into',
    fileLines: Object.fromEntries(fileLines),
    nameLines: Object.fromEntries([...nameLines].map(([f, m]) => [f, Object.fromEntries(m)])),
  };
  return { plan: { files: Object.fromEntries(files), origin }, diagnostics };
}

/**
 * A plan as TOML, the form `readPlanFile` reads. `comments` adds `# ...` lines above a file's entry (reasons).
 *
 * @example
 * renderPlanFile({ module: 'shop/models.py', files: { 'orders.py': ['Order'] } })
 * // 'module = "shop/models.py"\n\n[files]\n"orders.py" = ["Order"]\n'
 */
export function renderPlanFile(
  plan: SplitPlan,
  comments: Readonly<Record<string, readonly string[]>> = {},
): string {
  const out: string[] = [];
  if (plan.module !== undefined) out.push(`module = ${stringify({ v: plan.module }).slice(4).trim()}`, '');
  out.push('[files]');
  for (const [file, names] of Object.entries(plan.files)) {
    const lines = Object.hasOwn(comments, file) ? comments[file] : undefined;
    for (const comment of lines ?? []) out.push(`# ${comment}`);
    const key = JSON.stringify(file);
    const items = names.map((n) => JSON.stringify(n));
    const oneLine = `${key} = [${items.join(', ')}]`;
    if (oneLine.length <= 100) out.push(oneLine);
    else out.push(`${key} = [`, ...items.map((item) => `    ${item},`), ']');
  }
  return `${out.join('\n')}\n`;
}

/**
 * The candidate closest to `word` when it is close enough to be a plausible typo (a third of its length,
 * case differences counting little), else undefined. Ties go to the earliest candidate.
 */
export function nearestWord(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const score =
      editDistance(lower, candidate.toLowerCase()) + (candidate.toLowerCase() === lower ? 0.1 : 0);
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best !== undefined && bestScore <= Math.max(1, Math.ceil(word.length / 3)) ? best : undefined;
}
