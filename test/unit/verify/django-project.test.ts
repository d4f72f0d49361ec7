// A tiny real Django project (settings, one app, one model, one TestCase) split by hand: the project's own commands
// before and after, compared test by test, and the Python oracle after django.setup(). Runs the venv's Django.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compareVerifyRuns,
  findDjangoSettings,
  regressionDiagnostics,
  runVerifyCommands,
  suggestVerifyCommands,
  verifyWithPython,
} from '../../../src/verify/index.js';
import { writeProjectTree } from '../../helpers/project-tree.js';
import { pythonPath } from '../../helpers/python.js';

const python = pythonPath();

const project = {
  'manage.py': `#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
`,
  'proj/__init__.py': '',
  'proj/settings.py': `SECRET_KEY = "not-secret"
INSTALLED_APPS = ["django.contrib.contenttypes", "shop"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
`,
  'shop/__init__.py': '',
  'shop/migrations/__init__.py': '',
  'shop/migrations/0001_initial.py': `from decimal import Decimal

from django.db import migrations, models

import shop.models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Product",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=50)),
                ("price", models.DecimalField(decimal_places=2, default=shop.models.default_rate, max_digits=8)),
            ],
        ),
    ]
`,
  'shop/models.py': `from decimal import Decimal

from django.db import models


def default_rate():
    return Decimal("1.50")


class Product(models.Model):
    name = models.CharField(max_length=50)
    price = models.DecimalField(max_digits=8, decimal_places=2, default=default_rate)

    def with_tax(self):
        return self.price * Decimal("1.2")
`,
  'shop/tests.py': `from decimal import Decimal

from django.test import TestCase

from shop.models import Product


class ProductTests(TestCase):
    def test_default_price(self):
        self.assertEqual(Product.objects.create(name="pen").price, Decimal("1.50"))

    def test_with_tax(self):
        """Tax is 20 percent."""
        self.assertEqual(Product.objects.create(name="pen", price=Decimal("10")).with_tax(), Decimal("12.0"))
`,
};

const pricing = `from decimal import Decimal


def default_rate():
    return Decimal("1.50")
`;

/** The split of shop/models.py; `withDecimal: false` forgets the import that only `with_tax` needs. */
function productFile(withDecimal: boolean): string {
  return `${withDecimal ? 'from decimal import Decimal\n\n' : ''}from django.db import models

from .pricing import default_rate


class Product(models.Model):
    name = models.CharField(max_length=50)
    price = models.DecimalField(max_digits=8, decimal_places=2, default=default_rate)

    def with_tax(self):
        return self.price * Decimal("1.2")
`;
}

function splitModels(root: string, withDecimal: boolean): void {
  rmSync(join(root, 'shop/models.py'), { force: true });
  mkdirSync(join(root, 'shop/models'), { recursive: true });
  writeFileSync(
    join(root, 'shop/models/__init__.py'),
    'from .pricing import default_rate\nfrom .product import Product\n',
  );
  writeFileSync(join(root, 'shop/models/pricing.py'), pricing);
  writeFileSync(join(root, 'shop/models/product.py'), productFile(withDecimal));
}

const roots: string[] = [];
function newProject(overrides: Readonly<Record<string, string>> = {}): string {
  const root = writeProjectTree({ ...project, ...overrides }, 'modsplit-django-');
  roots.push(root);
  return root;
}
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('a Django project split by hand', () => {
  it('suggests check, makemigrations --check and the tests at verbosity 2, and finds the settings', () => {
    const root = newProject();
    expect(suggestVerifyCommands(root)).toEqual([
      'python manage.py check',
      'python manage.py makemigrations --check --dry-run',
      'python manage.py test -v 2',
    ]);
    expect(findDjangoSettings(root)).toBe('proj.settings');
  });

  it('detects the test that a missing import breaks, by test id, and only that', async () => {
    const root = newProject();
    const commands = suggestVerifyCommands(root);
    const before = await runVerifyCommands(root, commands, { python });
    expect(before.map((r) => r.exitCode)).toEqual([0, 0, 0]);
    expect(before[2]?.tests).toEqual(
      new Map([
        ['shop.tests.ProductTests.test_default_price', 'passed'],
        ['shop.tests.ProductTests.test_with_tax', 'passed'],
      ]),
    );

    splitModels(root, false);
    const after = await runVerifyCommands(root, commands, { python });
    expect(after.map((r) => r.exitCode)).toEqual([0, 0, 1]);
    expect(after[2]?.output).toContain("NameError: name 'Decimal' is not defined");
    const regressions = compareVerifyRuns(before, after);
    expect(regressions).toEqual([
      {
        command: 'python manage.py test -v 2',
        kind: 'test-failed',
        testId: 'shop.tests.ProductTests.test_with_tax',
        before: 'passed',
        after: 'error',
      },
    ]);
    expect(regressionDiagnostics(regressions).map((d) => [d.code, d.message])).toEqual([
      [
        'MS620',
        'test shop.tests.ProductTests.test_with_tax passed before the split and is an error after it (`python manage.py test -v 2`)',
      ],
    ]);

    // The oracle finds the same defect without running the tests: after django.setup(), at the line.
    const oracle = await verifyWithPython(root, 'shop.models', {
      python,
      original: { names: ['Product', 'default_rate', 'Decimal', 'models'] },
    });
    expect(oracle.djangoVersion).toMatch(/^5\.2/);
    expect(oracle.diagnostics.map((d) => `${d.code} ${d.location?.path}:${d.location?.line}`)).toEqual([
      'MS612 shop/models/product.py:11',
      'MS614 shop/models/__init__.py:1',
      'MS614 shop/models/__init__.py:1',
    ]);
    // The line is where the test run's traceback says the NameError came from.
    const traceback = /shop\/models\/product\.py", line (\d+), in with_tax/.exec(after[2]?.output ?? '');
    expect(Number(traceback?.[1])).toBe(oracle.diagnostics[0]?.location?.line);
    expect(oracle.diagnostics.slice(1).map((d) => d.message)).toEqual([
      'shop.models.Decimal resolved before the split and does not now',
      'shop.models.models resolved before the split and does not now',
    ]);
  });

  it('reports no regression for a correct split, nor for a test that failed before and after', async () => {
    const tests = project['shop/tests.py'].replace('Decimal("12.0"))', 'Decimal("12.5"))');
    const root = newProject({ 'shop/tests.py': tests });
    const commands = ['python manage.py test -v 2'];
    const before = await runVerifyCommands(root, commands, { python });
    expect(before[0]?.exitCode).toBe(1);
    expect(before[0]?.tests?.get('shop.tests.ProductTests.test_with_tax')).toBe('failed');

    splitModels(root, true);
    const after = await runVerifyCommands(root, commands, { python });
    expect(after[0]?.tests).toEqual(before[0]?.tests);
    expect(compareVerifyRuns(before, after)).toEqual([]);
    const oracle = await verifyWithPython(root, 'shop.models', { python, original: { names: ['Product'] } });
    expect(oracle.diagnostics).toEqual([]);

    // Now the split also breaks the already failing test: failed -> error is still not a regression.
    splitModels(root, false);
    const broken = await runVerifyCommands(root, commands, { python });
    expect(broken[0]?.tests?.get('shop.tests.ProductTests.test_with_tax')).toBe('error');
    expect(compareVerifyRuns(before, broken)).toEqual([]);
  });

  it('reads FAIL/ERROR headers at verbosity 1, and a crashed runner loses every test', async () => {
    const root = newProject();
    const before = await runVerifyCommands(root, ['python manage.py test -v 2'], { python });
    writeFileSync(
      join(root, 'shop/models.py'),
      `${readFileSync(join(root, 'shop/models.py'), 'utf8')}\nraise ImportError("boom")\n`,
    );
    const crashed = await runVerifyCommands(root, ['python manage.py test -v 2'], { python });
    expect(crashed[0]?.exitCode).not.toBe(0);
    expect(compareVerifyRuns(before, crashed)).toEqual([
      {
        command: 'python manage.py test -v 2',
        kind: 'command-failed',
        before: '2 tests passed',
        after: `no test results, exit ${crashed[0]?.exitCode}`,
      },
    ]);

    const failing = newProject();
    splitModels(failing, false);
    const quiet = await runVerifyCommands(failing, ['python manage.py test'], { python });
    expect(quiet[0]?.tests).toEqual(new Map([['shop.tests.ProductTests.test_with_tax', 'error']]));
  });
});
