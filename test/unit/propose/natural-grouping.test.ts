// proposePlan without a number of files: the natural number of files (structure first, size as a soft bound), one
// topic per file, a shared file for helpers used across topics, and file names as maintainers write them. The
// bundled example is judged against its own hand-written plan (examples/teamhub/modsplit-plan.toml).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import type { ModuleAnalysis } from '../../../src/model/units.js';
import { findCompanionOwnerName } from '../../../src/plan/grouping/collect-affinity.js';
import { proposePlan } from '../../../src/plan/propose-plan.js';
import { analyzeForGrouping } from './analyze-for-grouping.js';
import { findPlanProblems } from './plan-invariants.js';

const here = new URL('.', import.meta.url).pathname;
const teamhub = join(here, '../../../examples/teamhub');

function fileOfName(files: Readonly<Record<string, readonly string[]>>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [file, names] of Object.entries(files)) for (const name of names) map.set(name, file);
  return map;
}

/** name -> files of the statements that use it (its own file included), string references left out. */
function collectUserFiles(
  analysis: ModuleAnalysis,
  fileOf: ReadonlyMap<string, string>,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const unit of analysis.units) {
    const from = unit.binds.map((n) => fileOf.get(n)).find((f) => f !== undefined);
    if (from === undefined) continue;
    for (const use of unit.uses) {
      const to = fileOf.get(use.name);
      if (use.when === 'string-ref' || to === undefined || use.name === unit.binds[0]) continue;
      const set = out.get(use.name) ?? new Set<string>();
      out.set(use.name, set);
      set.add(from);
    }
  }
  return out;
}

describe('the bundled example, with no hints', () => {
  const modulePath = 'apps/integrations/models.py';
  const text = readFileSync(join(teamhub, modulePath), 'utf8');
  const doc = parse(readFileSync(join(teamhub, 'modsplit-plan.toml'), 'utf8')) as {
    files: Record<string, string[]>;
  };

  it("groups the models as the project's own plan does, each QuerySet/Manager with its model", async () => {
    const analysis = await analyzeForGrouping(modulePath, text);
    const { plan } = proposePlan(analysis);
    expect(findPlanProblems(analysis, plan)).toEqual([]);
    const fileOf = fileOfName(plan.files);
    // Each file of the hand-written plan is one proposed file of the same name, and no two share one.
    for (const [file, names] of Object.entries(doc.files)) {
      expect(new Set(names.map((n) => fileOf.get(n)))).toEqual(new Set([file]));
    }
    expect(Object.keys(doc.files).length).toBe(4);
    // Every companion class (`FooQuerySet`, `FooManager`) sits with the model it serves.
    const companions = [...fileOf.keys()].filter((n) => {
      const owner = findCompanionOwnerName(n);
      return owner !== null && fileOf.has(owner);
    });
    expect(companions.length).toBeGreaterThanOrEqual(6);
    for (const name of companions)
      expect(fileOf.get(name)).toBe(fileOf.get(findCompanionOwnerName(name) as string));
  });

  it('puts helpers shared by several providers in a small common.py that imports nothing', async () => {
    const analysis = await analyzeForGrouping(modulePath, text);
    const { plan, reasons } = proposePlan(analysis);
    const files = Object.keys(plan.files).filter((f) => f !== '__init__.py');
    // The shared file plus the four of the plan, nothing else.
    expect(files.sort()).toEqual(['common.py', ...Object.keys(doc.files)].sort());
    expect(Object.keys(plan.files)[0]).toBe('common.py');
    const fileOf = fileOfName(plan.files);
    const userFiles = collectUserFiles(analysis, fileOf);
    const common = plan.files['common.py'] ?? [];
    const lines = (name: string): number => {
      const unit = analysis.units.find((u) => u.binds.includes(name));
      return unit ? unit.endLine - unit.line + 1 : 0;
    };
    expect(common.reduce((sum, n) => sum + lines(n), 0)).toBeLessThan(100);
    for (const name of common) {
      // Used from two or more files, or needed by another shared helper.
      const users = userFiles.get(name) ?? new Set();
      expect(users.size >= 2 || users.has('common.py'), name).toBe(true);
      expect(reasons[name]).toMatch(/shared file/);
    }
    for (const unit of analysis.units) {
      if (!unit.binds.some((n) => fileOf.get(n) === 'common.py')) continue;
      for (const use of unit.uses) {
        const to = fileOf.get(use.name);
        if (use.when !== 'string-ref' && to !== undefined) expect(to).toBe('common.py');
      }
    }
    // The helpers the module's own banner calls shared, used by GitHub, Jira and Slack models.
    for (const name of ['_record_sync_failure', '_record_sync_success', 'SyncableQuerySet', 'logger']) {
      expect(fileOf.get(name)).toBe('common.py');
    }
    // A helper only GitHub code uses follows it, even from the shared-helpers section of the source.
    expect(fileOf.get('_backoff_delay')).toBe('github.py');
  });

  it('keeps the number of files the user asks for, without a shared file', async () => {
    const analysis = await analyzeForGrouping(modulePath, text);
    for (const files of [3, 4, 5]) {
      const { plan } = proposePlan(analysis, { files });
      expect(Object.keys(plan.files)).toHaveLength(files);
      expect(Object.keys(plan.files)).not.toContain('common.py');
      expect(findPlanProblems(analysis, plan)).toEqual([]);
    }
  });
});

/** A models-like module: topics of two classes each, every model calling the given helpers. */
function topicModule(topics: readonly string[], helpers: string, calls: readonly string[]): string {
  const body = topics.flatMap((topic) => [
    `class ${topic}(models.Model):`,
    '    name = models.CharField(max_length=100)',
    ...Array.from({ length: 12 }, (_, i) => `    field_${i} = models.IntegerField(default=${i})`),
    '',
    '    def sync(self):',
    ...calls.map((call) => `        ${call}(self)`),
    '        return self.name',
    '',
    '',
    `class ${topic}Entry(models.Model):`,
    `    owner = models.ForeignKey(${topic}, on_delete=models.CASCADE)`,
    ...Array.from({ length: 12 }, (_, i) => `    value_${i} = models.IntegerField(default=${i})`),
    '',
    '',
  ]);
  return ['import logging', '', 'from django.db import models', '', helpers, '', ...body].join('\n');
}

/** These synthetic modules are small (about 120 lines): files of about 60 lines keep three topics apart. */
const SMALL = { linesPerFile: 60 } as const;

const UNRELATED_HELPERS = [
  'logger = logging.getLogger(__name__)',
  'MAX_ATTEMPTS = 5',
  '',
  '',
  'def _record_failure(obj):',
  '    logger.warning("failed: %s", obj)',
  '    return MAX_ATTEMPTS',
  '',
  '',
  'def _touch(obj):',
  '    obj.save(update_fields=["name"])',
  '',
].join('\n');

describe('helpers shared by several files', () => {
  it('go to common.py when used from 3+ files and about none of their topics', async () => {
    const text = topicModule(['Invoice', 'Shipment', 'Refund'], UNRELATED_HELPERS, [
      '_record_failure',
      '_touch',
    ]);
    const analysis = await analyzeForGrouping('shop/models.py', text);
    const { plan, reasons } = proposePlan(analysis, SMALL);
    expect(findPlanProblems(analysis, plan)).toEqual([]);
    const fileOf = fileOfName(plan.files);
    for (const name of ['logger', 'MAX_ATTEMPTS', '_record_failure', '_touch'])
      expect(fileOf.get(name)).toBe('common.py');
    expect(reasons._record_failure).toMatch(/used from 3 files and about none of their topics/);
    expect(reasons.MAX_ATTEMPTS).toMatch(/needed by helpers in the shared file/);
    expect(new Set(['Invoice', 'Shipment', 'Refund'].map((n) => fileOf.get(n))).size).toBe(3);
    expect(fileOf.get('InvoiceEntry')).toBe(fileOf.get('Invoice'));
  });

  it('stay in the lowest file when it is what they are about, or when only one would be shared', async () => {
    // `_invoice_number` is about invoices, which the other files import: no shared file for it.
    const related = [
      'def _invoice_number(obj):',
      '    return f"INV-{obj.pk:06d}"',
      '',
      '',
      'def _invoice_total(obj):',
      '    return obj.pk * 2',
      '',
    ].join('\n');
    const text = topicModule(['Invoice', 'Shipment', 'Refund'], related, [
      '_invoice_number',
      '_invoice_total',
    ])
      // Shipments and refunds point at invoices, so the invoice file is the lowest.
      .replace(
        'class ShipmentEntry(models.Model):',
        'class ShipmentEntry(models.Model):\n    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE)',
      )
      .replace(
        'class RefundEntry(models.Model):',
        'class RefundEntry(models.Model):\n    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE)',
      );
    const analysis = await analyzeForGrouping('shop/models.py', text);
    const { plan } = proposePlan(analysis, SMALL);
    expect(findPlanProblems(analysis, plan)).toEqual([]);
    const fileOf = fileOfName(plan.files);
    expect(Object.keys(plan.files)).not.toContain('common.py');
    expect(fileOf.get('_invoice_number')).toBe(fileOf.get('Invoice'));
    expect(fileOf.get('_invoice_total')).toBe(fileOf.get('Invoice'));

    // A single shared helper (one logger) makes no file of its own.
    const lone = topicModule(['Invoice', 'Shipment', 'Refund'], 'logger = logging.getLogger(__name__)\n', [
      'logger.info',
    ]);
    const loneAnalysis = await analyzeForGrouping('shop/models.py', lone);
    const lonePlan = proposePlan(loneAnalysis, SMALL).plan;
    expect(Object.keys(lonePlan.files)).not.toContain('common.py');
    expect(findPlanProblems(loneAnalysis, lonePlan)).toEqual([]);
  });
});

describe('the size rail', () => {
  it('keeps a small module in few files, whatever its topics, unless files are asked to be small', async () => {
    const text = topicModule(['Invoice', 'Shipment', 'Refund'], UNRELATED_HELPERS, [
      '_record_failure',
      '_touch',
    ]);
    const analysis = await analyzeForGrouping('shop/models.py', text);
    const lines = text.split('\n').length;
    expect(lines).toBeLessThan(200);
    // Files average at least a third of linesPerFile (300): under 200 lines, two files at most.
    const files = Object.keys(proposePlan(analysis).plan.files);
    expect(files.length).toBe(2);
    expect(Object.keys(proposePlan(analysis, SMALL).plan.files).length).toBeGreaterThanOrEqual(4);
    expect(findPlanProblems(analysis, proposePlan(analysis).plan)).toEqual([]);
  });
});

describe('file names', () => {
  const text = topicModule(['Invoice', 'Shipment', 'Refund'], UNRELATED_HELPERS, ['_record_failure']);

  it('pluralize the head noun in a `models` module, and follow the project style when given', async () => {
    const models = await analyzeForGrouping('shop/models.py', text);
    const plural = Object.keys(proposePlan(models, SMALL).plan.files);
    expect(plural).toEqual(expect.arrayContaining(['invoices.py', 'shipments.py', 'refunds.py']));
    const singular = Object.keys(
      proposePlan(models, { ...SMALL, existingStyle: { plural: false } }).plan.files,
    );
    expect(singular).toEqual(expect.arrayContaining(['invoice.py', 'shipment.py', 'refund.py']));
    const services = await analyzeForGrouping('shop/services.py', text);
    expect(Object.keys(proposePlan(services, SMALL).plan.files)).toEqual(
      expect.arrayContaining(['invoice.py', 'shipment.py', 'refund.py']),
    );
    const styled = proposePlan(services, { ...SMALL, existingStyle: { plural: true } });
    expect(Object.keys(styled.plan.files)).toEqual(expect.arrayContaining(['invoices.py']));
  });

  it('name a file by what sets it apart, never pluralizing a qualifier (`GitHubIntegration` -> github.py)', async () => {
    // `integration` names two files' models, so `github` and `jira` say more; `invoice` is a head noun.
    const qualified = text
      .replaceAll('Shipment', 'GitHubIntegration')
      .replaceAll('Refund', 'JiraIntegration');
    const analysis = await analyzeForGrouping('shop/models.py', qualified);
    const files = Object.keys(proposePlan(analysis, { files: 3 }).plan.files);
    expect(files).toEqual(expect.arrayContaining(['github.py', 'jira.py', 'invoices.py']));
  });

  it('prefer the project’s own name for a shared file', async () => {
    const shared = topicModule(['Invoice', 'Shipment', 'Refund'], UNRELATED_HELPERS, [
      '_record_failure',
      '_touch',
    ]);
    const analysis = await analyzeForGrouping('shop/models.py', shared);
    expect(Object.keys(proposePlan(analysis, SMALL).plan.files)).toContain('common.py');
    const based = proposePlan(analysis, { ...SMALL, existingStyle: { fileNames: ['base.py', 'orders.py'] } });
    expect(Object.keys(based.plan.files)).toContain('base.py');
    expect(Object.keys(based.plan.files)).not.toContain('common.py');
  });
});
