// Model relations against Django on a project of hard cases: app label from apps.py, abstract bases with %(class)s,
// multi-table inheritance, M2M to "self", related_name="+", AUTH_USER_MODEL, relations from another app by class
// and by lazy string. Also the dependency section of a module without models.

import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModule } from '../../../src/cli/load-module.js';
import { renderPlanningDocument } from '../../../src/report/planning-document.js';
import { writeProjectTree } from '../../helpers/project-tree.js';
import { runPython } from '../../helpers/python.js';
import { checkMermaid, documentRelations, markdownSection, sortRows, tableRows } from './markdown.js';

const here = dirname(fileURLToPath(import.meta.url));

const FILES: Record<string, string> = {
  'manage.py': 'import os\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n',
  'proj/__init__.py': '',
  'proj/settings.py': [
    'SECRET_KEY = "x"',
    'INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "catalog", "shop.apps.ShopConfig", "extra"]',
    'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}',
    'DEFAULT_AUTO_FIELD = "django.db.models.AutoField"',
    '',
  ].join('\n'),
  'shop/__init__.py': '',
  'shop/apps.py': [
    'from django.apps import AppConfig',
    '',
    '',
    'class ShopConfig(AppConfig):',
    '    name = "shop"',
    '    label = "store"',
    '',
  ].join('\n'),
  'catalog/__init__.py': '',
  'catalog/models.py': `from django.db import models


class Stamped(models.Model):
    created_by = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="%(class)s_created")

    class Meta:
        abstract = True


class Product(models.Model):
    name = models.CharField(max_length=10)
`,
  'shop/models.py': `"""Orders — with a non-ASCII docstring before every class (offsets are UTF-16)."""
from django.conf import settings
from django.db import models
from django.db.models import ForeignKey

from catalog.models import Product, Stamped


class Base(models.Model):
    name = models.CharField(max_length=10)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_owned"
    )

    class Meta:
        abstract = True


class Customer(Base):
    friends = models.ManyToManyField("self")
    followers = models.ManyToManyField("self", symmetrical=False, related_name="following")
    referrer = ForeignKey("Customer", null=True, on_delete=models.SET_NULL, related_name="+")


class Order(Stamped):
    customer = models.ForeignKey(to=Customer, on_delete=models.PROTECT)
    items = models.ManyToManyField(Product, through="OrderLine")


class OrderLine(models.Model):
    order = models.ForeignKey(Order, models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE)


class PriorityOrder(Order):
    level = models.IntegerField()


class Profile(models.Model):
    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name="profile")


def count_orders():
    return Order.objects.count()
`,
  'extra/__init__.py': '',
  'extra/models.py': `from django.db import models

import shop.models as shop_models
from shop.models import Customer as Client


class Note(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="notes")
    order = models.ForeignKey(shop_models.Order, on_delete=models.CASCADE)
    line = models.ForeignKey("store.OrderLine", on_delete=models.CASCADE, related_name="notes")
    priority = models.OneToOneField("store.priorityorder", on_delete=models.CASCADE)
`,
  'extra/tools.py': `from collections import OrderedDict


class Registry:
    def __init__(self):
        self.items = OrderedDict()

    def add(self, key):
        self.items[key] = make_entry(key)


def make_entry(key):
    return {"key": key, "slug": slugify(key)}


def slugify(value):
    return value.lower()


class LoudRegistry(Registry):
    pass


DEFAULT = Registry()
`,
};

let root: string;

beforeAll(() => {
  root = writeProjectTree(FILES, 'modsplit-model-relations-');
  // A git work tree (files untracked): the project listing and the lazy-reference search go through git.
  execFileSync('git', ['init', '-q'], { cwd: root });
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

async function documentOf(module: string): Promise<string> {
  const result = await loadModule(join(root, module), { scan: true, root });
  if (!result.loaded) throw new Error(JSON.stringify(result.diagnostics));
  return renderPlanningDocument(result.loaded, { format: 'md' });
}

describe('model relations against Django', () => {
  it('lists what _meta.get_fields() lists for every model of shop/models.py', async () => {
    const script = join(here, 'list-model-relations.py');
    const code = `import os, runpy, sys\nos.chdir(${JSON.stringify(root)})\nsys.argv = [${JSON.stringify(script)}, "proj.settings", "shop.models"]\nrunpy.run_path(${JSON.stringify(script)}, run_name="__main__")`;
    const oracle = JSON.parse(runPython(code, '', root)) as Record<
      string,
      { forward: string[][]; reverse: string[][] }
    >;
    expect(Object.keys(oracle).sort()).toEqual([
      'Customer',
      'Order',
      'OrderLine',
      'PriorityOrder',
      'Profile',
    ]);
    const doc = await documentOf('shop/models.py');
    for (const [model, expected] of Object.entries(oracle)) {
      const listed = documentRelations(doc, model);
      expect(listed, model).toBeDefined();
      expect(listed?.forward, `${model} forward`).toEqual(sortRows(expected.forward));
      expect(listed?.reverse, `${model} reverse`).toEqual(sortRows(expected.reverse));
    }
    // The abstract base is described, but it is no model of its own in Django's registry.
    expect(documentRelations(doc, 'Base')?.forward).toEqual([['owner', 'FK', 'auth.User']]);
    const customer = markdownSection(doc, '### `Customer` →');
    expect(customer).toContain('`%(app_label)s_%(class)s_owned` → `store_customer_owned`');
    expect(customer).toMatch(
      /\| `referrer` \| FK \| `store.Customer` \(\S+\) \| string `"Customer"` \| yes \| SET_NULL \| `\+` \|/,
    );
    const lazy = tableRows(markdownSection(doc, '### Django lazy references')).map((r) =>
      r.slice(0, 3).join(' '),
    );
    expect(lazy).toEqual([
      '`extra/models.py` 10 `store.OrderLine`',
      '`extra/models.py` 11 `store.priorityorder`',
    ]);
    expect(checkMermaid([...doc.matchAll(/```mermaid\n([\s\S]*?)```/g)][0]?.[1] ?? '').problems).toEqual([]);
    // Import lines sliced right after the non-ASCII docstring (UTF-16 offsets): whole statements only.
    const init = markdownSection(doc, '#### `shop/models/__init__.py`');
    const lines = (/```python\n([\s\S]*?)```/.exec(init)?.[1] ?? '').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line).toMatch(/^(from \.\w+ import \(?|import | {4}\w+ as \w+,|\))/);
  });

  it('lists class and function dependencies for a module without models', async () => {
    const doc = await documentOf('extra/tools.py');
    expect(doc).not.toContain('## Model dependencies');
    const section = markdownSection(doc, '## Class and function dependencies');
    const rows = tableRows(section);
    const byName = new Map(rows.map((r) => [r[0]?.replace(/`/g, ''), r]));
    expect([...byName.keys()].sort()).toEqual(['LoudRegistry', 'Registry', 'make_entry', 'slugify']);
    expect(byName.get('LoudRegistry')?.[4]).toBe('`Registry`');
    expect(byName.get('LoudRegistry')?.[6]).toBe('`Registry`');
    expect(byName.get('Registry')?.[6]).toBe('—');
    expect(byName.get('slugify')?.[6]).toBe('');
    expect(byName.get('Registry')?.[5]).toBe('`make_entry`');
    expect(byName.get('make_entry')?.[5]).toBe('`slugify`');
    const diagram = checkMermaid([...section.matchAll(/```mermaid\n([\s\S]*?)```/g)][0]?.[1] ?? '');
    expect(diagram.problems).toEqual([]);
    expect(section).toContain('d_LoudRegistry --> d_Registry');
    expect(section).toContain('d_Registry -.-> d_make_entry');
  });
});
