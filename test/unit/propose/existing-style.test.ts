// collectExistingSplitStyle on the bundled example and on fixture trees written to a temp folder: which packages
// count as already split, plural versus singular names, and that proposePlan follows the style it returns.

import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  collectExistingSplitStyle,
  collectSplitPackages,
  findExistingReexportStyle,
} from '../../../src/plan/existing-style.js';
import { proposePlan } from '../../../src/plan/propose-plan.js';
import { writeProjectTree } from '../../helpers/project-tree.js';
import { analyzeForGrouping } from './analyze-for-grouping.js';

const here = new URL('.', import.meta.url).pathname;
const teamhub = join(here, '../../../examples/teamhub');

/** Every `.py` file under `root`, as sorted POSIX paths relative to it. */
function listPythonFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((p) => p.endsWith('.py') && !p.includes('__pycache__'))
    .map((p) => relative(root, join(root, p)).split('\\').join('/'))
    .sort();
}

const temps: string[] = [];
function writeTree(files: Record<string, string>): string {
  const root = writeProjectTree(files, 'modsplit-style-');
  temps.push(root);
  return root;
}
afterAll(() => {
  for (const root of temps) rmSync(root, { recursive: true, force: true });
});

describe('collectExistingSplitStyle', () => {
  it('reads the example project: apps/metrics/models/ names its files in the plural and lists __all__', () => {
    const files = listPythonFiles(teamhub);
    const packages = collectSplitPackages(files, (p) => readFileSync(join(teamhub, p), 'utf8'));
    expect(packages.map((p) => [p.folder, p.dunderAll])).toEqual([['apps/metrics/models', true]]);
    expect(findExistingReexportStyle(packages)).toBe('all');
    expect(collectExistingSplitStyle(teamhub, files)).toEqual({
      plural: true,
      fileNames: ['deployments.py', 'incidents.py', 'velocity.py'],
    });
  });

  it('finds plural names, and ignores migrations and packages that re-export nothing from their files', () => {
    const root = writeTree({
      'zerver/models/__init__.py': [
        'from .realms import Realm as Realm, RealmDomain as RealmDomain',
        'from .users import (',
        '    UserProfile,  # the user',
        '    UserGroup,',
        ')',
        'from .constants import MAX_TOPIC_NAME_LENGTH',
        '',
      ].join('\n'),
      'zerver/models/realms.py': 'class Realm: ...\nclass RealmDomain: ...\n',
      'zerver/models/users.py': 'class UserProfile: ...\nclass UserGroup: ...\n',
      'zerver/models/constants.py': 'MAX_TOPIC_NAME_LENGTH = 60\n',
      'zerver/migrations/__init__.py': 'from .helper import run\n',
      'zerver/migrations/helper.py': 'def run(): ...\n',
      'zerver/migrations/0001_initial.py': '',
      'zerver/lib/__init__.py': '"""Library."""\n',
      'zerver/lib/cache.py': '',
      'zerver/lib/upload.py': '',
    });
    const files = listPythonFiles(root);
    expect(collectSplitPackages(files, (p) => readFileSync(join(root, p), 'utf8'))).toEqual([
      {
        folder: 'zerver/models',
        files: ['constants', 'realms', 'users'],
        plural: ['constants', 'realms', 'users'],
        singular: [],
        dunderAll: false,
      },
    ]);
    expect(collectExistingSplitStyle(root, files)).toEqual({
      plural: true,
      fileNames: ['constants.py', 'realms.py', 'users.py'],
    });
  });

  it('says nothing for a project without split packages, or with unreadable ones', () => {
    const root = writeTree({ 'app/models.py': 'class A: ...\n', 'app/__init__.py': '' });
    expect(collectExistingSplitStyle(root, listPythonFiles(root))).toEqual({});
    expect(collectExistingSplitStyle(root, ['pkg/__init__.py', 'pkg/a.py', 'pkg/b.py'])).toEqual({});
  });

  it('drives the names proposePlan gives: plural in the example project, singular when told', async () => {
    const modulePath = 'apps/integrations/models.py';
    const analysis = await analyzeForGrouping(modulePath, readFileSync(join(teamhub, modulePath), 'utf8'));
    const style = collectExistingSplitStyle(teamhub, listPythonFiles(teamhub));
    expect(Object.keys(proposePlan(analysis, { existingStyle: style }).plan.files)).toContain(
      'credentials.py',
    );
    const singular = Object.keys(proposePlan(analysis, { existingStyle: { plural: false } }).plan.files);
    expect(singular).toContain('credential.py');
  });
});
