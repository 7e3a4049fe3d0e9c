/**
 * `npm test`: typecheck and the format check, then the vitest projects with lint running beside them, then
 * the renderer's build and the end-to-end tests in Chromium. Lint waits for nothing and nothing waits for
 * it until the unit tests are done: run alone first, it kept one of the two cores idle for ~20 s.
 * Stops at the first stage that fails; lint's failure fails the run before the end-to-end tests.
 */
import { spawnSync } from 'node:child_process';
import { CHECKS, report, runCheck, startCheck } from './checks.ts';

const step = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

const lint = startCheck(CHECKS.lint);
const first = report(await Promise.all([runCheck(CHECKS.typecheck), runCheck(CHECKS.format)]));
if (first !== 0) {
  lint.stop();
  process.exit(first);
}
const unit = step('npx', ['vitest', 'run']);
const linted = report([await lint.result]);
if (unit !== 0) process.exit(unit);
if (linted !== 0) process.exit(linted);
const built = step('npm', ['run', 'build:renderer']);
if (built !== 0) process.exit(built);
process.exit(step('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']));
