// Fixture projects for the importers scan: each case's input/ tree is copied to a temp folder (plus files the repo
// cannot hold, such as .gitignore and .venv), optionally made a git repo, scanned, and compared with expected/usage.json.
// UPDATE_FIXTURES=1 rewrites the expectations; review them like code.

import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanProjectUsage } from '../../../src/analyze/importers/index.js';
import { locateModule } from '../../../src/read/module-location.js';
import { findProjectRoot, listProjectFiles } from '../../../src/read/project-files.js';
import { repoRoot } from '../../helpers/python.js';

interface CaseArgs {
  /** The module to split, relative to the input tree. */
  readonly module: string;
  /** Use findProjectRoot on the module instead of the input tree's top. */
  readonly findRoot?: boolean;
  readonly importRoots?: string[];
  readonly exclude?: string[];
  /** Files written into the copy before git (paths the repo's own .gitignore would drop: .venv, dist, .gitignore). */
  readonly generated?: Record<string, string>;
  /** Make the copy a git repo (`git init`, `git add -A`). */
  readonly git?: boolean;
  /** Files written after `git add -A`: untracked, not ignored. */
  readonly untracked?: Record<string, string>;
}

const fixturesDir = join(repoRoot, 'test/fixtures/importers');
const update = process.env.UPDATE_FIXTURES === '1';
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function writeAll(base: string, files: Record<string, string> | undefined): void {
  for (const [path, text] of Object.entries(files ?? {})) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), text);
  }
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'ignore' });
}

async function runCase(caseDir: string): Promise<{ output: string; files: string[] }> {
  const args = JSON.parse(readFileSync(join(caseDir, 'args.json'), 'utf8')) as CaseArgs;
  const work = mkdtempSync(join(tmpdir(), 'modsplit-importers-'));
  temps.push(work);
  cpSync(join(caseDir, 'input'), work, { recursive: true });
  writeAll(work, args.generated);
  if (args.git) {
    git(work, 'init', '-q');
    git(work, 'add', '-A');
  }
  writeAll(work, args.untracked);
  const moduleAbs = join(work, args.module);
  const root = args.findRoot ? findProjectRoot(moduleAbs) : work;
  const { location, diagnostics } = locateModule(root, moduleAbs, { importRoots: args.importRoots ?? [] });
  const files = await listProjectFiles(root, { exclude: args.exclude ?? [] });
  const usage = location
    ? await scanProjectUsage(location, { files, importRoots: args.importRoots ?? [] })
    : undefined;
  const textOf = (file: string, range: { start: number; end: number }) =>
    readFileSync(join(root, file), 'utf8').slice(range.start, range.end);
  const withText = <T extends { file: string; range: { start: number; end: number } }>(sites: readonly T[]) =>
    sites.map((site) => ({ ...site, text: textOf(site.file, site.range) }));
  const result = {
    root: root === work ? '<input>' : root.slice(work.length + 1),
    location: location && { ...location, root: '<root>' },
    diagnostics,
    files,
    usage: usage && {
      importers: withText(usage.importers),
      dottedStrings: withText(usage.dottedStrings),
      attributeSites: withText(usage.attributeSites),
      filesScanned: usage.filesScanned,
      candidates: usage.candidates,
      diagnostics: usage.diagnostics,
    },
  };
  return { output: `${JSON.stringify(result, null, 2)}\n`, files };
}

describe('importers fixture projects', () => {
  const cases = readdirSync(fixturesDir).filter((name) => existsSync(join(fixturesDir, name, 'args.json')));

  it('has fixture cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(9);
  });

  for (const name of cases) {
    it(name, async () => {
      const caseDir = join(fixturesDir, name);
      const { output } = await runCase(caseDir);
      const expectedPath = join(caseDir, 'expected', 'usage.json');
      if (update) {
        mkdirSync(dirname(expectedPath), { recursive: true });
        writeFileSync(expectedPath, output);
      }
      expect(output).toBe(readFileSync(expectedPath, 'utf8'));
      // Invariants on every case: ranges cover what the sites say they are.
      const parsed = JSON.parse(output);
      for (const site of parsed.usage?.importers ?? []) expect(site.text).toMatch(/^(from|import)\b/);
      for (const site of parsed.usage?.dottedStrings ?? []) expect(site.text).toBe(site.value);
      for (const site of parsed.usage?.attributeSites ?? []) {
        if (site.context === 'patch-object') expect(site.text).toBe(site.name);
        else expect(site.text).toBe(`${site.alias}.${site.name}`);
      }
    });
  }
});
