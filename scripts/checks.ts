/**
 * The static checks, each in a process of its own with its output kept and printed whole when it ends (so a
 * failure reads as it would alone): `npm run checks` runs the three at once. `npm test` (scripts/test.ts) runs
 * typecheck and the format check first and lint beside the tests: lint is the long one (~35 s on one thread,
 * type-aware), and one core is free while it runs alone.
 */
import { spawn } from 'node:child_process';

export interface Check {
  name: string;
  command: string;
  args: string[];
}
export interface CheckResult {
  name: string;
  code: number;
  output: string;
  ms: number;
}

export const CHECKS = {
  typecheck: { name: 'typecheck', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.json'] },
  lint: { name: 'lint', command: 'npx', args: ['eslint', '.'] },
  format: { name: 'format', command: 'npx', args: ['prettier', '--check', '.'] },
} satisfies Record<string, Check>;

/** Starts a check; `stop()` ends it early (a run that failed elsewhere does not wait for it). */
export function startCheck({ name, command, args }: Check): { result: Promise<CheckResult>; stop(): void } {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
  const result = new Promise<CheckResult>((done) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => done({ name, code: 1, output: `${output}${String(error)}\n`, ms: performance.now() - started }));
    child.on('close', (code) => done({ name, code: code ?? 1, output, ms: performance.now() - started }));
  });
  return { result, stop: () => void child.kill() };
}

export const runCheck = (check: Check): Promise<CheckResult> => startCheck(check).result;

/** Prints each result; the first failure's exit code, or 0. */
export function report(results: CheckResult[]): number {
  for (const { name, code, output, ms } of results) {
    console.log(`== ${name}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${(ms / 1000).toFixed(1)} s`);
    if (code !== 0 || output.trim()) console.log(output.trimEnd());
  }
  return results.find((r) => r.code !== 0)?.code ?? 0;
}
