// Generated imports pass ruff's import sorting (I001) and E402 wherever the original module did: the order
// functions against real ruff on random names, every split fixture, Django modules and the example project.
// It does not check isort (PyCQA) itself; ruff implements the same rules with the defaults we target.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compareFromImports, type FromImport, splitFromImport } from '../../../src/emit/import-order.js';
import { readLineLength } from '../../../src/read/line-length.js';
import { listFixtureCases } from '../../helpers/fixture-tree.js';
import { repoRoot } from '../../helpers/python.js';
import { copyDjangoTree } from '../robustness/django-tree.js';
import { applyChangeSetQuickly, attemptSplit } from '../robustness/split-pipeline.js';

const RUFF = join(repoRoot, '.venv/bin/ruff');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** ruff's I001/E402 findings (`path:line:col: CODE`), run with its defaults (or `lineLength`) in `cwd`. */
function ruffFindings(cwd: string, paths: readonly string[], select = 'I,E402', lineLength = 88): string[] {
  const result = spawnSync(
    RUFF,
    [
      'check',
      '--isolated',
      '--no-cache',
      '--line-length',
      String(lineLength),
      '--select',
      select,
      '--output-format',
      'concise',
      ...paths,
    ],
    { cwd, encoding: 'utf8' },
  );
  return result.stdout.split('\n').filter((line) => /:\d+:\d+: [A-Z]+\d+/.test(line));
}

const identifier = fc
  .tuple(
    fc.constantFrom('', '_', '__'),
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,6}$/),
    fc.constantFrom('', '1', '2', '10', '_9'),
  )
  .map(([a, b, c]) => a + b + c)
  .filter((n) => !/^(as|if|in|is|or|and|def|del|for|not|try|from|import|class|with)$/.test(n));

describe('import order matches ruff', () => {
  it('sorts names, aliases and relative modules as ruff does (random cases)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'modsplit-ruff-order-'));
    temps.push(dir);
    const cases = fc.sample(
      fc.uniqueArray(
        fc.record({
          level: fc.integer({ min: 1, max: 3 }),
          module: fc.oneof(
            fc.constant(''),
            identifier.map((n) => n.toLowerCase()),
          ),
          names: fc.uniqueArray(
            fc.tuple(identifier, fc.boolean()).map(([n, alias]) => (alias ? `${n} as ${n}` : n)),
            { minLength: 1, maxLength: 6, selector: (n) => n.split(' ')[0] },
          ),
        }),
        { minLength: 1, maxLength: 5, selector: (imp) => `${imp.level}${imp.module}` },
      ),
      60,
    );
    cases.forEach((imports, i) => {
      const statements: FromImport[] = imports
        .flatMap((imp) => splitFromImport(imp.level, imp.module, imp.names))
        .sort(compareFromImports);
      const text = statements
        .map(
          (s) =>
            `from ${'.'.repeat(s.level)}${s.module} import (\n${s.names.map((n) => `    ${n},\n`).join('')})\n`,
        )
        .join('');
      writeFileSync(join(dir, `case_${i}.py`), text);
    });
    expect(ruffFindings(dir, ['.'], 'I')).toEqual([]);
    // And the check is not blind: reversing one statement's names is reported.
    writeFileSync(join(dir, 'case_reversed.py'), 'from .m import (\n    b,\n    a,\n)\n');
    expect(ruffFindings(dir, ['case_reversed.py'], 'I')).toHaveLength(1);
  });
});

describe('generated imports are ruff-clean where the original was', () => {
  it('in every split fixture', () => {
    const dir = join(repoRoot, 'test/fixtures/split');
    let checked = 0;
    for (const name of listFixtureCases(dir)) {
      const caseDir = join(dir, name);
      const report = readFileSync(join(caseDir, 'expected-report.txt'), 'utf8');
      if (report.includes('error[')) continue;
      const args = JSON.parse(readFileSync(join(caseDir, 'args.json'), 'utf8')) as { module: string };
      const packageDir = args.module.endsWith('/__init__.py')
        ? args.module.slice(0, -'/__init__.py'.length)
        : args.module.slice(0, -3);
      // A fixture project that sets its line length is split (and checked) at that length.
      const lineLength = readLineLength(join(caseDir, 'input')).lineLength;
      const before = ruffFindings(join(caseDir, 'input'), [args.module], 'I,E402', lineLength);
      const after = ruffFindings(join(caseDir, 'expected'), [packageDir], 'I,E402', lineLength);
      const codes = (lines: string[]) => new Set(lines.map((l) => /: ([A-Z]+\d+)/.exec(l)?.[1]));
      for (const code of codes(after)) expect(codes(before), `${name}: ${after.join('\n')}`).toContain(code);
      checked++;
    }
    expect(checked).toBeGreaterThan(25);
  });

  it('marks imports that must follow kept code with `# noqa: E402` (which ruff would report otherwise)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'modsplit-e402-'));
    temps.push(dir);
    const init = readFileSync(
      join(repoRoot, 'test/fixtures/split/init-keeps-planned-base/expected/shop/models/__init__.py'),
      'utf8',
    );
    expect(init).toContain('from .orders import Order as Order  # noqa: E402\n');
    writeFileSync(join(dir, 'with_noqa.py'), init);
    writeFileSync(join(dir, 'without_noqa.py'), init.replaceAll('  # noqa: E402', ''));
    expect(ruffFindings(dir, ['with_noqa.py'])).toEqual([]);
    expect(ruffFindings(dir, ['without_noqa.py']).filter((l) => l.includes('E402'))).toHaveLength(2);
  });

  it('in Django modules split with the proposed plan', async () => {
    const root = copyDjangoTree();
    temps.push(root);
    const modules = [
      'django/db/models/base.py',
      'django/forms/widgets.py',
      'django/http/request.py',
      'django/template/defaulttags.py',
      'django/db/backends/oracle/base.py',
      'django/contrib/auth/models.py',
    ];
    for (const module of modules) {
      expect(ruffFindings(root, [module]), module).toEqual([]);
      const attempt = await attemptSplit({ root, modulePath: module, projectFiles: [] });
      expect(attempt.refusal, module).toEqual([]);
      applyChangeSetQuickly(attempt.changeSet as NonNullable<typeof attempt.changeSet>, root);
      expect(existsSync(join(root, module.replace(/\.py$/, ''), '__init__.py'))).toBe(true);
      expect(ruffFindings(root, [module.replace(/\.py$/, '')]), module).toEqual([]);
    }
  });
});
