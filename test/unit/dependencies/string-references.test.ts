// Names inside strings: string annotations and Django lazy relation targets, with their offsets in the source.
// Scope resolution of these names is tested through collectStatementFacts (fixtures/string-references).

import { describe, expect, it } from 'vitest';
import {
  findAnnotationStringNames,
  findDjangoLazyReferences,
} from '../../../src/analyze/dependencies/string-references.js';
import { type SyntaxNode, withParsedPython } from '../../../src/read/parse-python.js';

function namesOf(text: string): string[] {
  return findAnnotationStringNames(text, 100).map((found) => `${found.name}@${found.start}`);
}

function firstCall(root: SyntaxNode): SyntaxNode {
  const found = root.descendantsOfType('call')[0];
  if (!found) throw new Error('no call');
  return found;
}

async function lazyTargets(source: string): Promise<string[]> {
  return withParsedPython(source, (root) =>
    findDjangoLazyReferences(firstCall(root)).map((found) => {
      expect(source.slice(found.start, found.start + found.name.length)).toBe(found.name);
      return found.name;
    }),
  );
}

describe('findAnnotationStringNames', () => {
  it('keeps the head of dotted names and skips keywords and numbers', () => {
    expect(namesOf('a.B | None')).toEqual(['a@100']);
    expect(namesOf('Callable[[int, 1e5], not_a_kw]')).toEqual(['Callable@100', 'int@110', 'not_a_kw@121']);
  });

  it('reads nested quoted forward references but not Literal arguments', () => {
    expect(namesOf("List['Node']")).toEqual(['List@100', 'Node@106']);
    expect(namesOf('typing.Literal[\'x\', "y"] | Other')).toEqual(['typing@100', 'Other@127']);
  });
});

describe('findDjangoLazyReferences', () => {
  it('takes the model part of the first positional argument, to= and through=', async () => {
    expect(await lazyTargets('f = models.ForeignKey("shop.Invoice", on_delete=CASCADE)\n')).toEqual([
      'Invoice',
    ]);
    expect(await lazyTargets('f = OneToOneField(on_delete=CASCADE, to="Customer")\n')).toEqual(['Customer']);
    expect(await lazyTargets('f = models.ManyToManyField("Tag", through="app.Tagging")\n')).toEqual([
      'Tag',
      'Tagging',
    ]);
  });

  it('ignores "self", f-strings, non-strings, other calls and later positional strings', async () => {
    expect(await lazyTargets('f = models.ForeignKey("self", on_delete=CASCADE)\n')).toEqual([]);
    expect(await lazyTargets('f = models.ForeignKey(f"{app}.Model", on_delete=CASCADE)\n')).toEqual([]);
    expect(await lazyTargets('f = models.ForeignKey(Invoice, "Other")\n')).toEqual([]);
    expect(await lazyTargets('f = models.CharField("Invoice")\n')).toEqual([]);
  });
});
