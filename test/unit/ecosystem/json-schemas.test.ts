// Every `--format json` output of the compiled CLI validates against its schema in docs/schema/ (success, failure
// and refusal documents alike), every command with JSON output has a schema, and the validator itself rejects bad
// documents keyword by keyword. It does not check the Markdown or text outputs.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pythonPath, repoRoot } from '../../helpers/python.js';
import { copyProject, runCli } from '../../helpers/run-cli.js';
import { type JsonSchema, validateJson } from './json-schema.js';

const MODULE = 'apps/integrations/models.py';
const SCHEMA_DIR = join(repoRoot, 'docs/schema');

function schema(name: string): JsonSchema {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.schema.json`), 'utf8')) as JsonSchema;
}

/** Run the CLI, parse stdout as one JSON document, and assert it validates against `name`'s schema. */
function expectValid(
  name: string,
  args: readonly string[],
  cwd: string,
  status: number,
): Record<string, unknown> {
  const run = runCli(args, cwd);
  expect(run.status, run.stderr).toBe(status);
  const doc = JSON.parse(run.stdout) as Record<string, unknown>;
  expect(validateJson(schema(name), doc)).toEqual([]);
  expect(doc.schemaVersion).toBe(1);
  return doc;
}

describe('JSON outputs validate against docs/schema/', () => {
  let root: string;
  beforeAll(() => {
    root = copyProject('examples/teamhub', { git: true });
  });

  it('analyze', () => {
    const doc = expectValid('analyze', ['analyze', MODULE, '--format', 'json'], root, 0);
    expect((doc.importers as unknown[]).length).toBeGreaterThan(5);
  });

  it('plan', () => {
    const doc = expectValid('plan', ['plan', MODULE, '--format', 'json'], root, 0);
    expect(Object.keys(doc.files as object).length).toBeGreaterThan(1);
  });

  it('explain (one code, and the list)', () => {
    expectValid('explain', ['explain', 'MS301', '--format', 'json'], root, 0);
    const list = expectValid('explain-list', ['explain', '--format', 'json'], root, 0);
    expect((list.diagnostics as unknown[]).length).toBeGreaterThan(50);
  });

  it('split: a refusal, a dry run, a written split with verification; then undo twice', () => {
    const refused = expectValid(
      'split',
      ['split', MODULE, '--into', 'a.py=NoSuchName', '--dry-run', '--format', 'json'],
      root,
      2,
    );
    expect((refused.diagnostics as unknown[]).length).toBeGreaterThan(0);
    expectValid(
      'split',
      ['split', MODULE, '--plan', 'modsplit-plan.toml', '--dry-run', '--format', 'json'],
      root,
      0,
    );
    const written = expectValid(
      'split',
      [
        'split',
        MODULE,
        '--plan',
        'modsplit-plan.toml',
        '--verify',
        'echo verified',
        '--python',
        pythonPath(),
        '--format',
        'json',
      ],
      root,
      0,
    );
    expect(written.written).toBe(true);
    expect((written.verification as { after: unknown[] }).after).toHaveLength(1);

    const check = expectValid('check', ['check', '--format', 'json'], root, 0);
    expect(check.mode).toBe('package');

    expect(expectValid('undo', ['undo', '--format', 'json'], root, 0).outcome).toBe('undone');
    expect(expectValid('undo', ['undo', '--format', 'json'], root, 0).outcome).toBe('nothing-to-undo');
  });

  it('check: a module not split yet, and invalid input', () => {
    const module = expectValid('check', ['check', MODULE, '--max-lines', '900', '--format', 'json'], root, 1);
    expect(module.mode).toBe('module');
    const invalid = expectValid('check', ['check', 'apps/nothing/', '--format', 'json'], root, 2);
    expect(invalid.mode).toBeNull();
  });

  it('line-budget: within, over, and a missing file', () => {
    expectValid('line-budget', ['line-budget', MODULE, '--max-lines', '2000', '--format', 'json'], root, 0);
    expectValid('line-budget', ['line-budget', MODULE, '--format', 'json'], root, 1);
    expectValid('line-budget', ['line-budget', 'nope.py', '--format', 'json'], root, 2);
  });

  it('every command that offers --format json has a schema, and every schema belongs to a command', () => {
    const help = runCli(['--help'], root).stdout;
    const commands = [...help.matchAll(/^ {2}([a-z-]+)(?: \[[^\]]*\]| <[^>]*>)*\s{2,}/gm)].map(
      (m) => m[1] as string,
    );
    expect(commands).toEqual(
      expect.arrayContaining(['analyze', 'plan', 'split', 'undo', 'explain', 'check']),
    );
    const withJson = commands.filter((c) => /"json"/.test(runCli([c, '--help'], root).stdout));
    const schemas = readdirSync(SCHEMA_DIR).map((f) => f.replace(/\.schema\.json$/, ''));
    expect(withJson.sort()).toEqual(schemas.filter((s) => s !== 'explain-list').sort());
  });
});

describe('the schemas', () => {
  const names = readdirSync(SCHEMA_DIR).map((f) => f.replace(/\.schema\.json$/, ''));

  it.each(names)(
    '%s is draft 2020-12, requires schemaVersion 1 and rejects unknown top-level properties',
    (name) => {
      const s = schema(name);
      expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(s.required).toContain('schemaVersion');
      expect((s.properties as Record<string, unknown>).schemaVersion).toEqual({ const: 1 });
      expect(s.additionalProperties).toBe(false);
      expect(validateJson(s, { schemaVersion: 2 })).toContain('/schemaVersion: expected 1, got 2');
    },
  );
});

describe('validateJson', () => {
  const s: JsonSchema = {
    $defs: { item: { type: 'object', required: ['n'], properties: { n: { type: 'integer', minimum: 1 } } } },
    type: 'object',
    required: ['kind', 'items'],
    additionalProperties: false,
    properties: {
      kind: { enum: ['a', 'b'] },
      version: { const: 1 },
      code: { type: 'string', pattern: '^MS[0-9]{3}$' },
      maybe: { type: ['string', 'null'] },
      items: { type: 'array', items: { $ref: '#/$defs/item' } },
      map: { type: 'object', additionalProperties: { type: 'boolean' } },
    },
  };

  it('accepts a valid document', () => {
    expect(
      validateJson(s, {
        kind: 'a',
        version: 1,
        code: 'MS101',
        maybe: null,
        items: [{ n: 2 }],
        map: { x: true },
      }),
    ).toEqual([]);
  });

  it.each([
    [{ items: [] }, '/: missing required property "kind"'],
    [{ kind: 'c', items: [] }, '/kind: "c" is not one of ["a","b"]'],
    [{ kind: 'a', version: 2, items: [] }, '/version: expected 1, got 2'],
    [{ kind: 'a', code: 'X1', items: [] }, '/code: "X1" does not match ^MS[0-9]{3}$'],
    [{ kind: 'a', maybe: 3, items: [] }, '/maybe: expected string or null, got integer'],
    [{ kind: 'a', items: [{ n: 0 }] }, '/items/0/n: 0 is less than 1'],
    [{ kind: 'a', items: [{ n: 1.5 }] }, '/items/0/n: expected integer, got number'],
    [{ kind: 'a', items: [{}] }, '/items/0: missing required property "n"'],
    [{ kind: 'a', items: [], extra: 1 }, '/: unexpected property "extra"'],
    [{ kind: 'a', items: [], map: { x: 'yes' } }, '/map/x: expected boolean, got string'],
    [[], '/: expected object, got array'],
  ])('rejects %j', (value, error) => {
    expect(validateJson(s, value)).toContain(error);
  });

  it('refuses keywords it does not implement', () => {
    expect(() => validateJson({ oneOf: [] }, 1)).toThrow('unsupported JSON Schema keyword "oneOf"');
    expect(() => validateJson({ $ref: '#/$defs/missing' }, 1)).toThrow('unresolvable $ref');
  });
});
