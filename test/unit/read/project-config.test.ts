import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectConfig, nearestKey } from '../../../src/read/project-config.js';

function projectWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'modsplit-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loadProjectConfig', () => {
  it('reads every documented key from [tool.modsplit] in pyproject.toml', () => {
    const root = projectWith({
      'pyproject.toml': [
        '[project]',
        'name = "shop"',
        '',
        '[tool.modsplit]',
        'verify = ["python manage.py check", "python manage.py test"]',
        'rewrite-imports = true',
        'reexport-style = "alias"',
        'import-roots = ["src"]',
        'exclude = ["legacy/**"]',
        'python = ".venv/bin/python"',
        'max-lines = 800',
        '',
      ].join('\n'),
    });
    const { config, diagnostics } = loadProjectConfig(root);
    expect(diagnostics).toEqual([]);
    expect(config).toEqual({
      path: 'pyproject.toml',
      verify: ['python manage.py check', 'python manage.py test'],
      rewriteImports: true,
      reexportStyle: 'alias',
      importRoots: ['src'],
      exclude: ['legacy/**'],
      python: '.venv/bin/python',
      maxLines: 800,
    });
  });

  it('falls back to modsplit.toml when pyproject.toml has no [tool.modsplit]', () => {
    const root = projectWith({
      'pyproject.toml': '[tool.ruff]\nline-length = 100\n',
      'modsplit.toml': 'rewrite-imports = false\n',
    });
    expect(loadProjectConfig(root)).toEqual({
      config: { path: 'modsplit.toml', rewriteImports: false },
      diagnostics: [],
    });
  });

  it('rejects an unknown key with its line and the nearest valid key', () => {
    const root = projectWith({
      'pyproject.toml': '[tool.modsplit]\nrewrite-imports = true\nverfy = ["true"]\n',
    });
    const { diagnostics } = loadProjectConfig(root);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'MS151',
      severity: 'error',
      location: { path: 'pyproject.toml', line: 3, column: 1 },
      help: 'did you mean `verify`?',
    });
  });

  it('rejects a value of the wrong type and invalid TOML with locations', () => {
    const wrongType = loadProjectConfig(
      projectWith({ 'pyproject.toml': '[tool.modsplit]\n\nverify = "pytest"\n' }),
    );
    expect(wrongType.diagnostics[0]).toMatchObject({ code: 'MS152', location: { line: 3 } });
    const broken = loadProjectConfig(projectWith({ 'pyproject.toml': '[tool.modsplit]\nverify = ["a"\n' }));
    expect(broken.diagnostics[0]).toMatchObject({ code: 'MS150', location: { path: 'pyproject.toml' } });
  });

  it('suggests keys for snake_case spellings and typos, nothing for unrelated words', () => {
    expect(nearestKey('rewrite_imports')).toBe('rewrite-imports');
    expect(nearestKey('import-root')).toBe('import-roots');
    expect(nearestKey('colour-scheme')).toBeUndefined();
  });
});
