// The CLI as users run it: exit codes, nothing written on refusal or dry run, JSON output, rollback on regression.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonPath } from '../../helpers/python.js';
import { copyProject, runCli } from '../../helpers/run-cli.js';
import { snapshotTree } from '../../helpers/tree-snapshot.js';

const MODULE = 'apps/integrations/models.py';

/** A small project with `shop/models.py`, written from a map of files. */
function smallProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'modsplit-cli-small-'));
  writeFileSync(join(root, 'pyproject.toml'), '[project]\nname = "shop"\n');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const SHOP = {
  'shop/__init__.py': '',
  'shop/models.py': [
    'import json',
    '',
    '',
    'def helper(x):',
    '    return json.dumps(x)',
    '',
    '',
    'class Invoice:',
    '    def total(self):',
    '        return helper(1)',
    '',
    '',
    'class Customer:',
    '    pass',
    '',
  ].join('\n'),
  'shop/views.py': 'from shop.models import Invoice, Customer\n',
};

/** `split` of SHOP's module: Invoice into billing.py, Customer into customers.py. */
const SPLIT_SHOP = [
  'split',
  'shop/models.py',
  '--into',
  'billing.py=Invoice',
  '--into',
  'customers.py=Customer',
];

describe('modsplit split (CLI)', () => {
  it('--dry-run on the example lists the new files, exits 0 and writes nothing', () => {
    const root = copyProject('examples/teamhub', { git: true });
    const before = snapshotTree(root);
    const run = runCli(['split', MODULE, '--plan', 'modsplit-plan.toml', '--dry-run'], root);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('would write');
    for (const file of ['__init__.py', 'credentials.py', 'github.py', 'jira.py', 'slack.py']) {
      expect(run.stderr).toContain(`apps/integrations/models/${file}`);
    }
    expect(snapshotTree(root)).toEqual(before);
  });

  it('--format json --dry-run --diff prints one JSON document with schemaVersion 1', () => {
    const root = copyProject('examples/teamhub');
    const run = runCli(
      ['split', MODULE, '--plan', 'modsplit-plan.toml', '--dry-run', '--format', 'json'],
      root,
    );
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({
      schemaVersion: 1,
      command: 'split',
      module: MODULE,
      package: 'apps.integrations.models',
      dryRun: true,
      written: false,
    });
    const paths = (action: string) =>
      doc.files.filter((f: { action: string }) => f.action === action).map((f: { path: string }) => f.path);
    expect([...paths('create'), ...paths('rename')].sort()).toEqual(
      ['__init__.py', 'credentials.py', 'github.py', 'jira.py', 'slack.py'].map(
        (f) => `apps/integrations/models/${f}`,
      ),
    );
    // The example's tests patch helpers through the models module: those targets are rewritten, tests only.
    expect(paths('edit').length).toBeGreaterThan(0);
    expect(paths('edit').every((p: string) => /\/tests\/test_[a-z_]+\.py$/.test(p))).toBe(true);
  });

  it('--diff shows new files as unified diffs against /dev/null', () => {
    const root = smallProject(SHOP);
    const run = runCli([...SPLIT_SHOP, '--dry-run', '--diff'], root);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--- /dev/null\n+++ b/shop/models/__init__.py');
    // The largest new file is the original renamed (so `git log --follow` works): a diff from models.py.
    expect(run.stdout).toContain('--- a/shop/models.py\n+++ b/shop/models/billing.py');
    expect(run.stdout).toContain(
      '--- /dev/null\n+++ b/shop/models/customers.py\n@@ -0,0 +1,2 @@\n+class Customer:\n+    pass\n',
    );
  });

  it('refuses bad input with exit 2, a diagnostic code, and an untouched tree', () => {
    const cases: { files: Record<string, string>; args: string[]; code: string }[] = [
      {
        files: { ...SHOP, 'shop/models.py': 'def broken(:\n    pass\n' },
        args: ['--into', 'a.py=broken'],
        code: 'MS102',
      },
      { files: SHOP, args: ['--into', 'billing.py=Invoce'], code: 'MS3' },
      { files: SHOP, args: ['--into', 'billing.py=Invoice', '--into', 'other.py=Invoice'], code: 'MS3' },
      { files: SHOP, args: ['--into', 'aux.py=Invoice'], code: 'MS3' },
      {
        files: { ...SHOP, 'shop/models/__init__.py': '' },
        args: ['--into', 'billing.py=Invoice'],
        code: 'MS',
      },
      { files: SHOP, args: ['--plan', 'missing.toml'], code: 'MS163' },
      {
        files: { ...SHOP, 'pyproject.toml': '[tool.modsplit]\nverfy = ["true"]\n' },
        args: ['--into', 'billing.py=Invoice'],
        code: 'MS151',
      },
    ];
    for (const { files, args, code } of cases) {
      const root = smallProject(files);
      if (files['pyproject.toml']) writeFileSync(join(root, 'pyproject.toml'), files['pyproject.toml']);
      const before = snapshotTree(root);
      const run = runCli(['split', 'shop/models.py', ...args], root);
      expect({ args, status: run.status }).toEqual({ args, status: 2 });
      expect(run.stderr).toContain(`error[${code}`);
      expect(snapshotTree(root)).toEqual(before);
    }
  });

  it('refuses a cycle, a plan writing outside the package, case-only names and undecodable bytes (exit 2)', () => {
    const cyclic = {
      ...SHOP,
      'shop/models.py': 'def a():\n    return b()\n\n\ndef b():\n    return a()\n',
    };
    const cases: { files: Record<string, string>; args: string[]; code: string }[] = [
      { files: cyclic, args: ['--into', 'x.py=a', '--into', 'y.py=b'], code: 'MS301' },
      { files: SHOP, args: ['--into', '../evil.py=Invoice'], code: 'MS3' },
      { files: SHOP, args: ['--into', 'Billing.py=Invoice', '--into', 'billing.py=Customer'], code: 'MS3' },
      {
        files: { ...SHOP, 'shop/models.py': 'NAME = "caf\u00e9"\n' },
        args: ['--into', 'a.py=NAME'],
        code: 'MS101',
      },
    ];
    for (const { files, args, code } of cases) {
      const root = smallProject(files);
      if (code === 'MS101')
        writeFileSync(join(root, 'shop/models.py'), Buffer.from('NAME = "caf\xe9"\n', 'latin1'));
      const before = snapshotTree(root);
      const run = runCli(['split', 'shop/models.py', ...args], root);
      expect({ args, status: run.status }).toEqual({ args, status: 2 });
      expect(run.stderr).toContain(`error[${code}`);
      expect(snapshotTree(root)).toEqual(before);
    }
  });

  it('refuses a module outside the given root (exit 2, MS103)', () => {
    const root = smallProject(SHOP);
    const elsewhere = mkdtempSync(join(tmpdir(), 'modsplit-cli-elsewhere-'));
    const run = runCli(['split', 'shop/models.py', '--root', elsewhere, '--into', 'a.py=Invoice'], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('error[MS103]');
  });

  it('names each command-line problem with its own code (MS161, MS162, MS164)', () => {
    const root = smallProject(SHOP);
    writeFileSync(
      join(root, 'other-plan.toml'),
      'module = "shop/views.py"\n\n[files]\n"a.py" = ["Invoice"]\n',
    );
    const cases: [string[], string][] = [
      [['split', 'shop/modles.py', '--into', 'a.py=Invoice'], 'MS161'],
      [['split', 'shop/models.py', '--plan', 'other-plan.toml', '--into', 'a.py=Invoice'], 'MS162'],
      [['split', 'shop/models.py', '--plan', 'other-plan.toml'], 'MS164'],
    ];
    const before = snapshotTree(root);
    for (const [args, code] of cases) {
      const run = runCli(args, root);
      expect({ code, status: run.status }).toEqual({ code, status: 2 });
      expect(run.stderr).toContain(`error[${code}]`);
    }
    expect(snapshotTree(root)).toEqual(before);
  });

  it('without a plan uses the proposed one and says so (MS165)', () => {
    const root = smallProject(SHOP);
    const run = runCli(['split', 'shop/models.py', '--dry-run', '--format', 'json'], root);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.diagnostics.map((d: { code: string }) => d.code)).toContain('MS165');
  });

  it('warns loudly when the module cannot be imported before the split, and still splits (MS166)', () => {
    const root = smallProject({
      ...SHOP,
      'shop/models.py': `import not_installed_anywhere\n${SHOP['shop/models.py']}`,
    });
    const run = runCli([...SPLIT_SHOP, '--python', pythonPath()], root);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('warning[MS166]');
    expect(readFileSync(join(root, 'shop/models/billing.py'), 'utf8')).toContain('class Invoice:');
  });

  it('says so when the module is already a package', () => {
    const root = smallProject({ 'shop/__init__.py': '', 'shop/models/__init__.py': 'X = 1\n' });
    const run = runCli(['split', 'shop/models.py', '--into', 'a.py=X'], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('error[MS160]');
  });

  it('rolls back a split whose verification regresses: exit 1, files, modes and git index byte-identical', () => {
    const root = copyProject('examples/teamhub', { git: true });
    // A real regression, not `false`: a check that passes only while models.py is a single file.
    writeFileSync(
      join(root, 'check_layout.py'),
      'import importlib.util, sys\nsys.exit(0 if importlib.util.find_spec("apps.integrations.models").origin.endswith("models.py") else 1)\n',
    );
    const before = snapshotTree(root);
    const run = runCli(
      [
        'split',
        MODULE,
        '--plan',
        'modsplit-plan.toml',
        '--allow-dirty',
        '--verify',
        `${pythonPath()} check_layout.py`,
      ],
      root,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('error[MS621]');
    expect(run.stderr).toContain('rolled back');
    expect(snapshotTree(root)).toEqual(before);
  });

  it('writes the split, then `undo` restores the tree', () => {
    const root = smallProject(SHOP);
    const before = snapshotTree(root);
    const run = runCli([...SPLIT_SHOP, '--python', pythonPath()], root);
    expect(run.status).toBe(0);
    expect(readFileSync(join(root, 'shop/models/billing.py'), 'utf8')).toContain('class Invoice:');
    const undo = runCli(['undo'], root);
    expect(undo.status).toBe(0);
    expect(snapshotTree(root)).toEqual(before);
  });
});
