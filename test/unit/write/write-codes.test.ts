// The MS5xx catalog matches the write stage's source: every code it emits is documented, every documented code
// is emitted, with the documented severity. Does not check wording.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCodes } from '../../../src/model/codes/ms5-write.js';
import { repoRoot } from '../../helpers/python.js';

describe('MS5xx catalog', () => {
  it('documents exactly the codes src/write emits, with their severities', () => {
    const dir = join(repoRoot, 'src/write');
    const emitted = new Map<string, Set<string>>();
    for (const name of readdirSync(dir)) {
      const source = readFileSync(join(dir, name), 'utf8');
      for (const match of source.matchAll(/writeError\(\s*'(MS5\d\d)'/g)) {
        emitted.set(match[1] as string, (emitted.get(match[1] as string) ?? new Set()).add('error'));
      }
      for (const match of source.matchAll(/writeDiagnostic\(\s*'(MS5\d\d)',\s*'(\w+)'/g)) {
        emitted.set(
          match[1] as string,
          (emitted.get(match[1] as string) ?? new Set()).add(match[2] as string),
        );
      }
    }
    const documented = new Map(writeCodes.map((d) => [d.code, d.severity]));
    expect([...emitted.keys()].sort()).toEqual([...documented.keys()].sort());
    for (const [code, severities] of emitted) expect([...severities], code).toEqual([documented.get(code)]);
    for (const doc of writeCodes) expect(doc.fix, doc.code).toMatch(/^[A-Z][a-z]+ /);
  });
});
