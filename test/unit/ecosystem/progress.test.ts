// Progress lines: when they are drawn (terminal, not JSON, not TERM=dumb), how they look, that short steps draw
// nothing and long ones are erased; and the real CLI under a pseudo-terminal (`script`) versus piped and JSON runs.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createProgress,
  ERASE_LINE,
  type ProgressStream,
  renderProgressLine,
  shouldShowProgress,
} from '../../../src/cli/progress.js';
import { pythonPath, repoRoot } from '../../helpers/python.js';
import { copyProject, runCli } from '../../helpers/run-cli.js';

function recordingStream(columns?: number): ProgressStream & { text: () => string } {
  const chunks: string[] = [];
  return {
    isTTY: true,
    ...(columns !== undefined ? { columns } : {}),
    write: (t: string) => chunks.push(t),
    text: () => chunks.join(''),
  };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('shouldShowProgress', () => {
  it.each([
    [{ isTTY: true, env: {} }, true],
    [{ isTTY: true, format: 'text', env: {} }, true],
    [{ isTTY: true, format: 'md', env: { NO_COLOR: '1' } }, true],
    [{ isTTY: false, format: 'text', env: {} }, false],
    [{ isTTY: true, format: 'json', env: {} }, false],
    [{ isTTY: true, format: 'text', env: { TERM: 'dumb' } }, false],
  ])('%j -> %s', (context, expected) => {
    expect(shouldShowProgress(context)).toBe(expected);
  });
});

describe('renderProgressLine', () => {
  it('shows the label, an ellipsis and whole seconds', () => {
    expect(renderProgressLine('scanning 1,234 files', 2400)).toBe('scanning 1,234 files… 2s');
  });

  it('never reaches the last column, so the line cannot wrap', () => {
    const line = renderProgressLine(`running \`${'x'.repeat(200)}\``, 1000, 40);
    expect(line).toHaveLength(39);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('createProgress', () => {
  it('draws nothing for a step shorter than the delay, and returns its value', async () => {
    const stream = recordingStream();
    const progress = createProgress({ stream, enabled: true, delayMs: 200 });
    expect(await progress.step('quick', async () => 42)).toBe(42);
    await sleep(250);
    expect(stream.text()).toBe('');
  });

  it('draws a long step, redraws it, and erases it at the end', async () => {
    const stream = recordingStream(80);
    const progress = createProgress({ stream, enabled: true, delayMs: 20, intervalMs: 20 });
    await progress.step('running `make test`', () => sleep(150));
    const text = stream.text();
    expect(text.startsWith(`${ERASE_LINE}running \`make test\`… 0s`)).toBe(true);
    expect(text.split(ERASE_LINE).length).toBeGreaterThan(3);
    expect(text.endsWith(ERASE_LINE)).toBe(true);
    expect(text).not.toContain('\n');
  });

  it('erases the line when the step throws, and rethrows', async () => {
    const stream = recordingStream();
    const progress = createProgress({ stream, enabled: true, delayMs: 10 });
    await expect(
      progress.step('failing', async () => {
        await sleep(60);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(stream.text().endsWith(ERASE_LINE)).toBe(true);
  });

  it('dims the line only with color on, and draws nothing when disabled', async () => {
    const colored = recordingStream();
    await createProgress({ stream: colored, enabled: true, delayMs: 10, color: true }).step('x', () =>
      sleep(50),
    );
    expect(colored.text()).toContain('\x1b[2mx… 0s\x1b[22m');
    const off = recordingStream();
    await createProgress({ stream: off, enabled: false, delayMs: 10 }).step('x', () => sleep(50));
    expect(off.text()).toBe('');
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!hasScript)('the CLI under a pseudo-terminal', () => {
  const cli = join(repoRoot, 'dist/cli/main.js');
  const splitArgs = (extra: string) =>
    `${process.execPath} ${cli} split apps/integrations/models.py --plan modsplit-plan.toml ` +
    `--verify 'sleep 1.2' --python ${pythonPath()} ${extra}`;
  const underTerminal = (command: string, env: Record<string, string> = {}) => {
    const root = copyProject('examples/teamhub', { git: true });
    const run = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TERM: 'xterm', ...env },
    });
    return { status: run.status, output: run.stdout };
  };

  it('shows each slow verify command while it runs, and erases it', () => {
    const run = underTerminal(splitArgs(''));
    expect(run.status).toBe(0);
    // Seconds are not asserted: on a loaded machine the 1 s tick can come after the command ended.
    expect(run.output).toContain(`${ERASE_LINE}\x1b[2mrunning \`sleep 1.2\` (before the split)… `);
    expect(run.output).toMatch(/running `sleep 1\.2` \(after the split\)… \d+s/);
    expect(run.output).toMatch(/wrote \d+ file changes/);
  });

  it('shows no color under NO_COLOR, and nothing with --format json', () => {
    const plain = underTerminal(splitArgs(''), { NO_COLOR: '1' });
    expect(plain.output).toContain(`${ERASE_LINE}running \`sleep 1.2\` (before the split)… `);
    const json = underTerminal(splitArgs('--format json'));
    expect(json.status).toBe(0);
    expect(json.output).not.toContain('running `');
    expect(json.output).not.toContain(ERASE_LINE);
  });

  it('shows nothing when stderr is piped', () => {
    const root = copyProject('examples/teamhub', { git: true });
    const run = runCli(
      ['split', 'apps/integrations/models.py', '--plan', 'modsplit-plan.toml', '--verify', 'sleep 1.2'],
      root,
    );
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('running `');
    expect(run.stderr).not.toContain('\x1b[');
  });
});
