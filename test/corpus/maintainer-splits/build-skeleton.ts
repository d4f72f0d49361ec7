// Build a structural skeleton module (module.py) from a case's skeleton.txt: the original's top-level names, order,
// bases, sizes, banners and module-level dependencies, with none of its code. Run: npx tsx build-skeleton.ts <case>.
//
// skeleton.txt, one statement per line:
//   import a b c                         names bound by an import (from an external module)
//   # Title                              a section banner comment
//   class Name(Base, models.Model) lines=40 fk=A,B use=C call=D,E
//   def name lines=12 use=A call=B       (use: import-time, e.g. decorators and defaults; call: in the body)
//   var NAME lines=1 use=A               an assignment at module level
//   stmt lines=1 use=A                   a statement that binds nothing (`post_save.connect(f, sender=A)`)

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Entry {
  readonly kind: string;
  readonly head: string;
  readonly lines: number;
  readonly fk: string[];
  readonly use: string[];
  readonly call: string[];
}

function parseEntry(line: string): Entry {
  const fields = new Map<string, string>();
  const head = line.replace(/\s(\w+)=(\S*)/g, (_m, key: string, value: string) => {
    fields.set(key, value);
    return '';
  });
  const list = (key: string): string[] => (fields.get(key) ?? '').split(',').filter((x) => x !== '');
  const [kind = '', ...rest] = head.trim().split(/\s+/);
  return {
    kind,
    head: rest.join(' '),
    lines: Number(fields.get('lines') ?? '1'),
    fk: list('fk'),
    use: list('use'),
    call: list('call'),
  };
}

function padding(indent: string, count: number): string[] {
  if (count <= 0) return [];
  if (count === 1) return [`${indent}"""(body elided)"""`];
  return [`${indent}"""(body elided)`, ...Array.from({ length: count - 2 }, () => ''), `${indent}"""`];
}

/** Python text for one entry, `lines` long when the entry's own lines allow it. */
export function renderEntry(entry: Entry): string[] {
  switch (entry.kind) {
    case 'import':
      return [`from external import ${entry.head.split(/\s+/).join(', ')}`];
    case '#':
      return ['#', `# ${entry.head}`, '#', ''];
    case 'class': {
      const body = [
        ...entry.fk.map((name, i) => `    fk_${i} = models.ForeignKey("${name}", on_delete=models.CASCADE)`),
        ...entry.use.map((name, i) => `    use_${i} = ${name}`),
        ...(entry.call.length > 0
          ? ['    def calls(self):', `        return (${entry.call.join(', ')},)`]
          : []),
      ];
      const pad = Math.max(1, entry.lines - 1 - body.length);
      return [`class ${entry.head}:`, ...padding('    ', pad), ...body, '', ''];
    }
    case 'def': {
      const decorators = entry.use.map((name) => `@${name}`);
      const body = [`    return (${entry.call.join(', ')}${entry.call.length === 1 ? ',' : ''})`];
      const pad = Math.max(0, entry.lines - 1 - decorators.length - body.length);
      return [...decorators, `def ${entry.head}():`, ...padding('    ', pad), ...body, '', ''];
    }
    case 'var': {
      const value = entry.use.length > 0 ? `(${entry.use.join(', ')},)` : '0';
      return [`${entry.head} = ${value}`, ''];
    }
    case 'stmt':
      return [`register(${entry.use.join(', ')})`, ''];
    default:
      throw new Error(`unknown skeleton entry: ${entry.kind}`);
  }
}

/** The skeleton module for a case folder. */
export function buildSkeleton(caseDir: string): string {
  const spec = readFileSync(join(caseDir, 'skeleton.txt'), 'utf8');
  const out: string[] = ['"""Structural skeleton: names, order, bases, sizes and dependencies only."""', ''];
  for (const raw of spec.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('//')) continue;
    out.push(...renderEntry(parseEntry(line.startsWith('#') ? `# ${line.slice(1).trim()}` : line)));
  }
  return `${out.join('\n').replace(/\n{3,}$/, '\n')}\n`;
}

if (process.argv[1]?.endsWith('build-skeleton.ts')) {
  const caseDir = process.argv[2];
  if (!caseDir) throw new Error('usage: npx tsx build-skeleton.ts <case folder>');
  writeFileSync(join(caseDir, 'module.py'), buildSkeleton(caseDir));
}
