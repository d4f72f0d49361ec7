// Real-world corpus: Django's five largest modules, split in place in a copy of Django's tree with hand-written
// plans (>= 3 files each), then imported by real Python (split oracle) and checked with pyflakes before/after.
// Every statement must appear exactly once, verbatim; every emitted file must parse.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyChangeSet,
  changedPythonFiles,
  findMisplacedUnits,
  findUnparsableFiles,
  renderDiagnosticsText,
  runSplit,
  type SplitRun,
} from '../../helpers/fixture-tree.js';
import { djangoSourceDir, pythonPath } from '../../helpers/python.js';
import { type CheckJob, describeSplit, runSplitOracle } from '../../helpers/split-oracle.js';

interface CorpusPlan {
  readonly module: string;
  readonly files: Readonly<Record<string, readonly string[]>>;
  /** The module needs django.setup() to import. */
  readonly setup?: boolean;
}

const PLANS: readonly CorpusPlan[] = [
  {
    module: 'django/db/models/query.py',
    files: {
      'iterables.py': ['BaseIterable', 'ModelIterable', 'ValuesListIterable', 'RelatedPopulator'],
      'prefetch.py': ['Prefetch', 'RawQuerySet', 'prefetch_related_objects', 'get_prefetcher'],
      'queryset.py': ['QuerySet', 'EmptyQuerySet', 'InstanceCheckMeta'],
    },
  },
  {
    module: 'django/db/models/base.py',
    files: {
      'state.py': ['Deferred', 'DEFERRED', 'ModelState'],
      'model_base.py': ['ModelBase', 'make_foreign_order_accessors'],
      'model.py': ['Model', 'model_unpickle'],
    },
  },
  {
    module: 'django/db/models/fields/__init__.py',
    files: {
      'base.py': ['Field', 'NOT_PROVIDED', 'BLANK_CHOICE_DASH', 'return_None'],
      'temporal.py': ['DateTimeCheckMixin', 'DateField', 'DateTimeField', 'TimeField', 'DurationField'],
      'numeric.py': [
        'IntegerField',
        'DecimalField',
        'FloatField',
        'AutoField',
        'BigAutoField',
        'SmallAutoField',
      ],
      'text.py': [
        'CharField',
        'TextField',
        'EmailField',
        'SlugField',
        'URLField',
        'BinaryField',
        'UUIDField',
      ],
    },
  },
  {
    module: 'django/db/models/sql/query.py',
    files: {
      'helpers.py': [
        'get_field_names_from_opts',
        'get_children_from_q',
        'rename_prefix_from_q',
        'get_order_dir',
      ],
      'raw.py': ['RawQuery'],
      'joins.py': ['JoinPromoter', 'JoinInfo'],
      'core.py': ['Query'],
    },
  },
  {
    module: 'django/contrib/admin/options.py',
    files: {
      'constants.py': [
        'IS_POPUP_VAR',
        'TO_FIELD_VAR',
        'IS_FACETS_VAR',
        'ShowFacets',
        'HORIZONTAL',
        'VERTICAL',
      ],
      'base_admin.py': ['BaseModelAdmin', 'get_content_type_for_model'],
      'model_admin.py': ['ModelAdmin'],
      'inlines.py': ['InlineModelAdmin', 'StackedInline', 'TabularInline'],
    },
    setup: true,
  },
];

let work = '';
const runs = new Map<string, SplitRun>();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'modsplit-django-'));
  // Python files and translations (django.setup() needs the .mo files); static files and templates are not read.
  cpSync(djangoSourceDir(), join(work, 'django'), {
    recursive: true,
    filter: (src) => !/[/\\](__pycache__|static|templates)$/.test(src),
  });
  for (const plan of PLANS) {
    const run = await runSplit(work, { module: plan.module, plan: plan.files });
    runs.set(plan.module, run);
    if (run.changeSet && !run.diagnostics.some((d) => d.severity === 'error'))
      applyChangeSet(work, run.changeSet);
  }
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function pyflakesMessages(paths: readonly string[]): string[] {
  const result = spawnSync(pythonPath(), ['-m', 'pyflakes', ...paths], { encoding: 'utf8' });
  return result.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.replace(/^.*?:\d+:(\d+:)? /, ''))
    .sort();
}

describe("Django's largest modules", () => {
  for (const plan of PLANS) {
    describe(plan.module, () => {
      it('splits without errors into the planned files (plus any shared file)', () => {
        const run = runs.get(plan.module) as SplitRun;
        const errors = run.diagnostics.filter((d) => d.severity === 'error');
        expect(renderDiagnosticsText(errors)).toBe('');
        for (const file of Object.keys(plan.files)) expect(run.resolved?.fileOrder).toContain(file);
        expect(run.resolved?.fileOrder.length).toBeGreaterThanOrEqual(3);
      });

      it('keeps every statement exactly once, verbatim, in files that parse', async () => {
        const run = runs.get(plan.module) as SplitRun;
        const files = changedPythonFiles(run.changeSet as NonNullable<SplitRun['changeSet']>);
        expect(await findUnparsableFiles(work, files)).toEqual([]);
        const outputs = new Map(files.map((f) => [f, readFileSync(join(work, f), 'utf8')]));
        expect(findMisplacedUnits(run, outputs)).toEqual([]);
      });

      it('adds no pyflakes message (re-exports in __init__.py: ruff F401, which reads `X as X`)', () => {
        const run = runs.get(plan.module) as SplitRun;
        const files = changedPythonFiles(run.changeSet as NonNullable<SplitRun['changeSet']>).map((f) =>
          join(work, f),
        );
        const before = pyflakesMessages([join(djangoSourceDir(), plan.module.replace(/^django\//, ''))]);
        // pyflakes reports every import in __init__.py it cannot see used, `X as X` re-exports included: there,
        // unused imports are ruff's to judge (below); every other message counts.
        const inits = files.filter((f) => f.endsWith('__init__.py'));
        const after = [
          ...pyflakesMessages(files.filter((f) => !f.endsWith('__init__.py'))),
          ...pyflakesMessages(inits).filter((m) => !m.endsWith('imported but unused')),
        ];
        const remaining = [...before];
        const added = after.filter((m) => {
          const i = remaining.indexOf(m);
          if (i < 0) return true;
          remaining.splice(i, 1);
          return false;
        });
        expect(added).toEqual([]);
        const ruff = spawnSync(
          join(dirname(pythonPath()), 'ruff'),
          ['check', '--isolated', '--select', 'F401', '--output-format', 'concise', ...inits],
          { encoding: 'utf8' },
        );
        expect(ruff.stdout.split('\n').filter((l) => l.includes('F401'))).toEqual([]);
      });
    });
  }

  it('imports every split package in real Python with the same names, objects and import * set', () => {
    const originals = PLANS.map((plan) => runs.get(plan.module) as SplitRun);
    const collected = runSplitOracle(
      originals.map((run, i) => ({
        kind: 'collect' as const,
        root: dirname(djangoSourceDir()),
        module: run.location?.dotted ?? '',
        django: PLANS[i]?.setup === true,
      })),
    );
    const jobs: CheckJob[] = originals.map((run, i) => {
      const described = describeSplit(run);
      const star = collected[i]?.star;
      if (!star) throw new Error(`importing the original ${PLANS[i]?.module} failed: ${collected[i]?.error}`);
      return {
        kind: 'check',
        root: work,
        package: run.location?.dotted ?? '',
        files: described.files,
        reexports: described.reexports,
        required: described.required,
        star: run.analysis?.dunderAll !== null || described.starImported ? star : null,
        knownUnresolved: collected[i]?.unresolved ?? [],
        django: PLANS[i]?.setup === true,
      };
    });
    const results = runSplitOracle(jobs);
    const problems = results.flatMap((r, i) =>
      (r.error ? [r.error] : (r.problems ?? [])).map((p) => `${PLANS[i]?.module}: ${p}`),
    );
    expect(problems).toEqual([]);
    expect(Object.keys(jobs[0]?.reexports ?? {}).length).toBeGreaterThan(10);
  });
});
