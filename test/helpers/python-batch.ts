// Run one Python script over many jobs in few interpreters: jobs go in as a JSON file, results come back as a JSON
// file (stdout stays free for whatever the imported code prints). Does not interpret the results.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pythonPath } from './python.js';

export interface PythonBatchOptions {
  /** Interpreters to run side by side, each on a contiguous share of the jobs (default 1). */
  readonly processes?: number;
  /** Most jobs one interpreter gets; more jobs make more (sequential) interpreters per lane. Default: no limit. */
  readonly maxJobsPerProcess?: number;
  /** Milliseconds before an interpreter is killed (default 300 000). */
  readonly timeoutMs?: number;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Run `python script jobs.json results.json` and return the results, one per job and in job order. The script
 * reads a JSON array of jobs and writes a JSON array of the same length. Throws (with stderr) when an interpreter
 * fails or writes no result: the jobs' own failures belong in the results.
 */
export async function runPythonBatch<Job, Result>(
  script: string,
  jobs: readonly Job[],
  options: PythonBatchOptions = {},
): Promise<Result[]> {
  if (jobs.length === 0) return [];
  const processes = Math.max(1, Math.min(options.processes ?? 1, jobs.length));
  const size = Math.min(Math.ceil(jobs.length / processes), options.maxJobsPerProcess ?? jobs.length);
  const shares: Job[][] = [];
  for (let i = 0; i < jobs.length; i += size) shares.push(jobs.slice(i, i + size));
  const results: Result[][] = new Array(shares.length);
  let next = 0;
  const lane = async () => {
    while (next < shares.length) {
      const index = next++;
      results[index] = await runShare<Job, Result>(script, shares[index] as Job[], options);
    }
  };
  await Promise.all(Array.from({ length: processes }, lane));
  return results.flat();
}

function runShare<Job, Result>(
  script: string,
  jobs: readonly Job[],
  options: PythonBatchOptions,
): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'modsplit-batch-'));
  const jobsPath = join(dir, 'jobs.json');
  const resultsPath = join(dir, 'results.json');
  writeFileSync(jobsPath, JSON.stringify(jobs));
  return new Promise((resolvePromise, reject) => {
    let stderr = '';
    const child = spawn(pythonPath(), [script, jobsPath, resultsPath], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...options.env },
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-32 * 1024);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      try {
        const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as Result[];
        if (results.length !== jobs.length)
          throw new Error(`${results.length} results for ${jobs.length} jobs`);
        resolvePromise(results);
      } catch (error) {
        reject(
          new Error(`python ${script} (exit ${status ?? signal}): ${(error as Error).message}\n${stderr}`),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
