// Group roles and resolved uses on real analyses; string annotations told apart from Django lazy references.

import { describe, expect, it } from 'vitest';
import { analyzeModule } from '../../../src/analyze/analyze-module.js';
import { collectSplitFacts, isInStringAnnotation } from '../../../src/plan/split-facts.js';
import { sourceFromText } from '../../../src/read/source-file.js';

describe('isInStringAnnotation', () => {
  const at = (text: string) => isInStringAnnotation(text, text.lastIndexOf('Invoice'));
  it('recognizes annotations, also nested in subscripts', () => {
    for (const t of [
      'x: "Invoice"',
      'def f() -> "Invoice":',
      'x: Optional["Invoice"]',
      'x: dict[str, "Invoice"]',
      'def f(a: "list[Invoice]"):',
    ]) {
      expect(at(t), t).toBe(true);
    }
  });
  it('rejects call arguments, dict values and lists', () => {
    for (const t of [
      'ForeignKey("Invoice")',
      'y = {"a": "Invoice"}',
      'f(to="Invoice")',
      'items = ["Invoice"]',
      'f = lambda x: "Invoice"',
    ]) {
      expect(at(t), t).toBe(false);
    }
  });
});

describe('collectSplitFacts', () => {
  it('gives roles by flags and resolves uses to the groups that bind them', async () => {
    const text = [
      '"""Doc."""',
      'from __future__ import annotations',
      'import os',
      'from . import signals  # noqa: F401',
      '__all__ = ["Invoice"]',
      '',
      'class Invoice:',
      '    path = os.sep',
      '',
      'def total(x: "Invoice") -> int:',
      '    return 1',
      '',
      'class Line:',
      '    invoice = ForeignKey("Invoice")',
      '',
      'if __name__ == "__main__":',
      '    total(Invoice())',
      '',
    ].join('\n');
    const { analysis } = await analyzeModule(sourceFromText('m.py', text));
    if (!analysis) throw new Error('no analysis');
    const facts = collectSplitFacts(analysis);
    const roles = facts.sourceOrder.map((id) => `${facts.groups[id]?.label}:${facts.groups[id]?.role}`);
    expect(roles).toEqual([
      'line 1:docstring',
      'annotations:future',
      'os:import',
      'signals:side-effect-import',
      '__all__:dunder',
      'Invoice:code',
      'total:code',
      'Line:code',
      'line 16:main',
    ]);
    const uses = (label: string) =>
      facts.groups
        .find((g) => g?.label === label)
        ?.uses.map((u) => `${u.name}:${u.when}${u.evaluated === false ? ':soft' : ''}`);
    expect(uses('Invoice')).toEqual(['os:import-time']);
    expect(uses('total')).toEqual(['Invoice:annotation:soft']);
    expect(uses('Line')).toEqual(['Invoice:string-ref']);
    expect(facts.groups.find((g) => g?.label === 'Line')?.unboundUses).toEqual(['ForeignKey']);
  });
});
