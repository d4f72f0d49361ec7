// The Risks section on a module with every trap: patch targets (string, patch.object), `__file__`, a `global`
// rebinding, an unnamed Celery task, receivers and registrations, a dunder, a star importer, tool configuration and
// a stub naming the module. Asserts each site is reported with its location; not the grouping.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadedModule, loadModule } from '../../../src/cli/load-module.js';
import { renderPlanningDocument } from '../../../src/report/planning-document.js';
import { writeProjectTree } from '../../helpers/project-tree.js';
import { markdownSection, tableRows } from './markdown.js';

const MODULE = `"""Jobs and hooks."""
from pathlib import Path

from celery import shared_task
from django.db.models.signals import post_save
from django.dispatch import receiver

from .registry import registry

__version__ = "1.2"
TEMPLATES = Path(__file__).parent / "templates"
COUNTER = 0


def bump():
    global COUNTER
    COUNTER += 1
    return COUNTER


def fetch(url):
    return url.upper()


class Source:
    def read(self):
        return fetch("a")


class Sink:
    def write(self):
        return fetch("b")


@shared_task
def sync_sources():
    return [Source().read() for _ in range(bump())]


@shared_task(name="jobs.tasks.drain")
def drain():
    return Sink().write()


@receiver(post_save, sender=Source)
def on_source(sender, **kwargs):
    bump()


@receiver(post_save, sender=Sink)
def on_sink(sender, **kwargs):
    bump()


registry.register(Source)
registry.register(Sink)
`;

const FILES: Record<string, string> = {
  'pyproject.toml': [
    '[project]',
    'name = "jobs"',
    '',
    '[tool.ruff.lint.per-file-ignores]',
    '"jobs/tasks.py" = ["E501"]',
    '"jobs/tasks_extra.py" = ["E501"]',
    '',
    '[[tool.mypy.overrides]]',
    'module = "jobs.tasks"',
    'ignore_errors = true',
    '',
  ].join('\n'),
  'jobs/tasks.pyi': 'def fetch(url: str) -> str: ...\n',
  'modsplit-plan.toml': 'module = "jobs/tasks.py"\n\n[files]\n"zzz.py" = ["Source"]\n',
  'jobs/__init__.py': '',
  'jobs/registry.py':
    'class Registry:\n    def register(self, cls):\n        return cls\n\n\nregistry = Registry()\n',
  'jobs/tasks.py': MODULE,
  'jobs/star_user.py': 'from jobs.tasks import *  # noqa: F403\n',
  'tests/__init__.py': '',
  'tests/test_tasks.py': `from unittest import mock

import jobs.tasks as tasks
from jobs.tasks import Sink, Source


@mock.patch("jobs.tasks.fetch")
def test_source(fetch):
    Source().read()
    fetch.assert_called_once()


def test_sink():
    with mock.patch.object(tasks, "fetch") as fetch:
        Sink().write()
        fetch.assert_called_once()


@mock.patch("jobs.tasks.Source.read")
def test_class_attribute(read):
    Source().read()
`,
};

let root: string;
let loaded: LoadedModule;
let doc: string;

beforeAll(async () => {
  root = writeProjectTree(FILES, 'modsplit-planning-risks-');
  const result = await loadModule(join(root, 'jobs/tasks.py'), { scan: true, root });
  if (!result.loaded) throw new Error(JSON.stringify(result.diagnostics));
  loaded = result.loaded;
  doc = await renderPlanningDocument(loaded, { format: 'md' });
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const lineOf = (needle: string) => MODULE.split('\n').findIndex((l) => l.includes(needle)) + 1;

function risks(title: string): string[][] {
  const section = markdownSection(markdownSection(doc, '## Risks'), `### ${title}`);
  const sites = section.includes('Each site:') ? (section.split('Each site:')[1] as string) : section;
  return tableRows(sites);
}

describe('risks of jobs/tasks.py', () => {
  it('reports every patch target, rewriting module globals and leaving class attributes', () => {
    const rows = risks('Patch targets');
    const test = FILES['tests/test_tasks.py'] as string;
    const at = (needle: string) =>
      `\`tests/test_tasks.py:${test.split('\n').findIndex((l) => l.includes(needle)) + 1}\``;
    const patchFetch = at('mock.patch("jobs.tasks.fetch")');
    const patchObject = at('patch.object(tasks, "fetch")');
    const patchMethod = at('mock.patch("jobs.tasks.Source.read")');
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set([patchFetch, patchObject, patchMethod]));
    expect(rows).toHaveLength(3);
    const byLine = new Map(rows.map((r) => [r[0], r[2] ?? '']));
    expect(byLine.get(patchFetch)).toMatch(/rewrite to `jobs\.tasks\.\w+\.fetch`/);
    expect(byLine.get(patchObject)).toMatch(/rewrite to `jobs\.tasks\.\w+\.fetch`/);
    expect(byLine.get(patchMethod)).toMatch(/attribute of class `Source`.*leave it/);
  });

  it('flags __file__, the global rebinding, the unnamed task, the dunder and the star importer', () => {
    expect(risks('`__file__`').map((r) => r[0])).toEqual([`\`jobs/tasks.py:${lineOf('TEMPLATES =')}\``]);
    const rebinding = risks('Rebound globals');
    expect(rebinding.map((r) => r[0])).toEqual([`\`jobs/tasks.py:${lineOf('def bump')}\``]);
    expect(rebinding[0]?.[1]).toContain('`COUNTER`');
    const tasks = risks('Task names');
    expect(tasks.map((r) => r[1])).toEqual(['task `sync_sources` has no explicit name']);
    expect(tasks[0]?.[2]).toContain('name="jobs.tasks.sync_sources"');
    expect(risks('Module dunders').map((r) => r[1])).toEqual(['module dunder `__version__`']);
    expect(risks('Star imports').map((r) => r[0])).toEqual(['`jobs/star_user.py:1`']);
  });

  it('says where the plan file differs from the proposal', () => {
    const line = doc.split('\n').find((l) => l.startsWith('- Plan file: `modsplit-plan.toml`')) ?? '';
    expect(line).toMatch(/They differ on `Source` \(yours `zzz\.py`, proposed `\w+\.py`\)\.$/);
  });

  it('lists configuration keyed by the module path or name, and a stub beside it', () => {
    expect(risks('Configuration that names the module').map((r) => r[0])).toEqual([
      '`pyproject.toml:5`',
      '`pyproject.toml:9`',
      '`jobs/tasks.pyi`',
    ]);
  });

  it('lists tasks, receivers and registration calls in source order', () => {
    const rows = risks('Registration order');
    const decorated = ['@shared_task\n', '@shared_task(name='].map(
      (d) => MODULE.slice(0, MODULE.indexOf(d)).split('\n').length,
    );
    expect(rows.map((r) => r[0])).toEqual(
      [
        ...decorated,
        lineOf('sender=Source'),
        lineOf('sender=Sink'),
        lineOf('register(Source)'),
        lineOf('register(Sink)'),
      ].map((l) => `\`jobs/tasks.py:${l}\``),
    );
    for (const row of rows) expect(row[2]).toMatch(/^registered when `[\w]+\.py` is imported/);
  });

  it('names the test file and the star importer among the importing files', () => {
    const files = tableRows(markdownSection(doc, '### Importing files')).map((r) => r[0]);
    expect(new Set(files)).toEqual(new Set(['`jobs/star_user.py`', '`tests/test_tasks.py`']));
    expect(markdownSection(doc, '### Tests that exercise the module')).toContain('`tests/test_tasks.py`');
    expect(doc).toContain('## Class and function dependencies');
  });
});
