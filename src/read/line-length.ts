// The project's line length, for wrapping generated import lines: ruff's config, else black's, else flake8's, else
// 88. Reads only the project root's files (no hierarchical lookup, no `extend`); it never changes anything.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import type { Diagnostic } from '../model/diagnostics.js';

/** ruff's and black's default, and modsplit's when the project sets nothing. */
export const DEFAULT_LINE_LENGTH = 88;
/** ruff refuses a `line-length` above 320. */
const MAX_LINE_LENGTH = 320;

export interface LineLengthSetting {
  /** Longest line generated code may have. */
  readonly lineLength: number;
  /** Where it came from (`pyproject.toml [tool.ruff] line-length`), undefined for the default. */
  readonly source?: string;
  /** MS153 for each setting that was present but unusable (and skipped). */
  readonly diagnostics: readonly Diagnostic[];
}

type Table = Record<string, unknown>;

function tableAt(doc: unknown, ...keys: readonly string[]): Table | undefined {
  let current = doc;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Table)[key];
  }
  return typeof current === 'object' && current !== null && !Array.isArray(current)
    ? (current as Table)
    : undefined;
}

/**
 * Where `section` + `key` is set in a TOML or INI text: the key's line under the `[section]` header (before the next
 * header), at the top for `''`; else the first line setting the key; else 1:1.
 */
function lineOf(text: string, section: string, key: string): { line: number; column: number } {
  const lines = text.split(/\r\n|\r|\n/);
  const keyPattern = new RegExp(`^\\s*["']?${key.replace(/[-_]/g, '[-_]')}["']?\\s*[=:]`);
  const header = (l: string) => /^\s*\[/.test(l);
  const wanted = section.replace(/\s/g, '');
  let inside = section === '';
  let index = -1;
  for (let i = 0; i < lines.length && index < 0; i++) {
    const line = lines[i] as string;
    if (header(line)) inside = line.trim().replace(/\s/g, '') === `[${wanted}]`;
    else if (inside && keyPattern.test(line)) index = i;
  }
  if (index < 0) index = lines.findIndex((l) => keyPattern.test(l));
  return index < 0
    ? { line: 1, column: 1 }
    : { line: index + 1, column: (lines[index] as string).search(/\S/) + 1 };
}

class LineLengthReader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly texts = new Map<string, string | undefined>();
  private readonly docs = new Map<string, Table | undefined>();

  constructor(readonly root: string) {}

  text(file: string): string | undefined {
    if (!this.texts.has(file)) {
      const path = join(this.root, file);
      let text: string | undefined;
      try {
        text = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      } catch {
        text = undefined;
      }
      this.texts.set(file, text);
    }
    return this.texts.get(file);
  }

  toml(file: string): Table | undefined {
    if (!this.docs.has(file)) {
      const text = this.text(file);
      let doc: Table | undefined;
      if (text !== undefined) {
        try {
          doc = parse(text) as Table;
        } catch (error) {
          const at =
            error instanceof TomlError ? { line: error.line, column: error.column } : { line: 1, column: 1 };
          // pyproject.toml's own syntax errors are MS150 when modsplit reads its config; report the others here.
          if (file !== 'pyproject.toml') {
            const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
            this.warn(`${file} is not valid TOML (${reason}), so its line length is not read`, file, at);
          }
        }
      }
      this.docs.set(file, doc);
    }
    return this.docs.get(file);
  }

  warn(message: string, file: string, at: { line: number; column: number }): void {
    this.diagnostics.push({
      code: 'MS153',
      severity: 'warning',
      message,
      location: { path: file, ...at },
      help: `set it to a whole number between 1 and ${MAX_LINE_LENGTH}`,
    });
  }

  /** A usable length from `value` of `section` + `key` in `file`, or undefined (MS153 when it is unusable). */
  check(value: unknown, file: string, section: string, key: string): number | undefined {
    if (value === undefined) return undefined;
    // INI values (flake8) are text; TOML ones must be numbers, as ruff and black require.
    const ini = !file.endsWith('.toml');
    const number = ini && typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof number === 'number' && Number.isInteger(number) && number >= 1 && number <= MAX_LINE_LENGTH)
      return number;
    const shown = section === '' ? key : `${section}.${key}`;
    this.warn(
      `${shown} in ${file} is ${JSON.stringify(value)}, not a line length, so it is ignored`,
      file,
      lineOf(this.text(file) ?? '', section, key),
    );
    return undefined;
  }
}

/**
 * ruff reads the first of `.ruff.toml`, `ruff.toml`, `pyproject.toml` with a `[tool.ruff]` table. Its
 * `line-length` is the width its import sorter and formatter wrap at; `lint.pycodestyle.max-line-length` (E501's own
 * limit, older spelling `pycodestyle.max-line-length`) wins when it is shorter, so no generated line is flagged.
 */
function fromRuff(reader: LineLengthReader): Omit<LineLengthSetting, 'diagnostics'> | undefined {
  const found: { file: string; table: Table; prefix: string }[] = [];
  for (const file of ['.ruff.toml', 'ruff.toml']) {
    const doc = reader.toml(file);
    if (doc) found.push({ file, table: doc, prefix: '' });
  }
  const pyproject = tableAt(reader.toml('pyproject.toml'), 'tool', 'ruff');
  if (pyproject) found.push({ file: 'pyproject.toml', table: pyproject, prefix: 'tool.ruff.' });
  const config = found[0];
  if (!config) return undefined;
  const { file, table, prefix } = config;
  const lineLength = reader.check(table['line-length'], file, prefix.replace(/\.$/, ''), 'line-length');
  let pycodestyle: { value: number; key: string } | undefined;
  for (const keys of [['lint', 'pycodestyle'], ['pycodestyle']] as const) {
    const section = `${prefix}${keys.join('.')}`;
    const found = tableAt(table, ...keys)?.['max-line-length'];
    const value = reader.check(found, file, section, 'max-line-length');
    if (value !== undefined) pycodestyle ??= { value, key: `${keys.join('.')}.max-line-length` };
  }
  const where = (key: string) => `${file} ${prefix === '' ? '' : `[${prefix.slice(0, -1)}] `}${key}`;
  if (pycodestyle !== undefined && (lineLength === undefined || pycodestyle.value < lineLength))
    return { lineLength: pycodestyle.value, source: where(pycodestyle.key) };
  if (lineLength !== undefined) return { lineLength, source: where('line-length') };
  return undefined;
}

function fromBlack(reader: LineLengthReader): Omit<LineLengthSetting, 'diagnostics'> | undefined {
  const black = tableAt(reader.toml('pyproject.toml'), 'tool', 'black');
  const value = black?.['line-length'] ?? black?.line_length;
  const key =
    black?.['line-length'] === undefined && black?.line_length !== undefined ? 'line_length' : 'line-length';
  const lineLength = reader.check(value, 'pyproject.toml', 'tool.black', key);
  return lineLength === undefined
    ? undefined
    : { lineLength, source: 'pyproject.toml [tool.black] line-length' };
}

/** The `[flake8]` section's keys of an INI text (flake8 reads it with configparser: `=` or `:`, `#`/`;` comments). */
function flake8Section(text: string): Map<string, string> | undefined {
  let inside = false;
  let found = false;
  const keys = new Map<string, string>();
  for (const line of text.split(/\r\n|\r|\n/)) {
    const section = /^\s*\[([^\]]+)\]/.exec(line);
    if (section) {
      inside = (section[1] as string).trim() === 'flake8';
      found ||= inside;
      continue;
    }
    if (!inside || /^\s*[#;]/.test(line)) continue;
    const pair = /^\s*([\w-]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (pair) keys.set((pair[1] as string).toLowerCase().replace(/_/g, '-'), pair[2] as string);
  }
  return found ? keys : undefined;
}

/** flake8 takes the first of setup.cfg, tox.ini, .flake8 that has a `[flake8]` section. */
function fromFlake8(reader: LineLengthReader): Omit<LineLengthSetting, 'diagnostics'> | undefined {
  for (const file of ['setup.cfg', 'tox.ini', '.flake8']) {
    const text = reader.text(file);
    const section = text === undefined ? undefined : flake8Section(text);
    if (!section) continue;
    const lineLength = reader.check(section.get('max-line-length'), file, 'flake8', 'max-line-length');
    return lineLength === undefined ? undefined : { lineLength, source: `${file} [flake8] max-line-length` };
  }
  return undefined;
}

/**
 * The line length generated imports wrap at, from the project root's configuration, first found wins:
 * 1. ruff: `line-length` of `.ruff.toml`, `ruff.toml` or `pyproject.toml [tool.ruff]` (the first of those files
 *    ruff itself would use), or E501's `lint.pycodestyle.max-line-length` there when it is shorter;
 * 2. `pyproject.toml [tool.black] line-length`;
 * 3. `max-line-length` in the `[flake8]` section of setup.cfg, tox.ini or .flake8 (flake8's own order);
 * 4. 88.
 *
 * ```toml
 * [tool.ruff]
 * line-length = 120     # -> { lineLength: 120, source: 'pyproject.toml [tool.ruff] line-length' }
 * ```
 * An unusable value (not a whole number from 1 to 320) is skipped with an MS153 warning.
 */
export function readLineLength(root: string): LineLengthSetting {
  const reader = new LineLengthReader(root);
  const found = fromRuff(reader) ?? fromBlack(reader) ?? fromFlake8(reader);
  return { lineLength: DEFAULT_LINE_LENGTH, ...found, diagnostics: reader.diagnostics };
}
