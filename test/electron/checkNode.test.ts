import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** The Node preflight (scripts/check-node.mjs) that npm start, web, the tests and the benches run first. */
function check(node: string, version?: string) {
  const env = { ...process.env };
  if (version === undefined) delete env.HUITOU_CHECK_NODE_VERSION;
  else env.HUITOU_CHECK_NODE_VERSION = version;
  const run = spawnSync(node, ['scripts/check-node.mjs'], { encoding: 'utf8', env });
  return { status: run.status, stderr: run.stderr.trim() };
}

const OLD_NODE = '/usr/bin/node';
const oldNodeHere = existsSync(OLD_NODE) && Number(/^v(\d+)/.exec(spawnSync(OLD_NODE, ['--version'], { encoding: 'utf8' }).stdout)?.[1]) < 22;

describe('the Node version preflight', () => {
  it.each(['20.20.2', '18.19.0', '22.12.0', '22.17.1', '23.5.0'])('refuses Node %s in one sentence: which Node, and how to get it', (version) => {
    const { status, stderr } = check(process.execPath, version);
    expect(status).toBe(1);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('Huitou needs Node.js 22.18 or newer');
    expect(stderr).toContain(`this is Node ${version}`);
    if (process.platform !== 'win32') expect(stderr).toContain(`npm i --prefix .tools node-${process.platform}-${process.arch}@`);
    expect(stderr).not.toMatch(/ERR_|\bat\b.*:\d+:\d+/); // no stack
  });

  it.each(['22.18.0', '22.23.3', '23.6.0', '24.1.0', '26.0.0'])('lets Node %s through, silently', (version) => {
    expect(check(process.execPath, version)).toEqual({ status: 0, stderr: '' });
  });

  it('lets this Node (the one the tests run on) through', () => {
    expect(check(process.execPath)).toEqual({ status: 0, stderr: '' });
  });

  it.runIf(oldNodeHere)('refuses the machine’s own old Node for real, where a .ts file dies with a raw stack', () => {
    const raw = spawnSync(OLD_NODE, ['scripts/start.ts'], { encoding: 'utf8' });
    expect(raw.stderr).toContain('ERR_UNKNOWN_FILE_EXTENSION');
    const { status, stderr } = check(OLD_NODE);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^Huitou needs Node.js 22.18 or newer and this is Node \d+\.\d+\.\d+: .*README.md\)\.$/);
  });

  it('runs first in every npm script that runs TypeScript with node or vitest', () => {
    const { scripts, engines } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };
    expect(engines.node).toBe('>=22.18');
    const runsTypeScript = Object.entries(scripts).filter(([, command]) => /\bnode \S+\.ts\b|\bvitest\b/.test(command));
    expect(runsTypeScript.map(([name]) => name).sort()).toEqual([
      'bench',
      'bench:ui',
      'checks',
      'forecast:eval',
      'start',
      'test',
      'test:e2e',
      'test:unit',
      'web',
    ]);
    for (const [name, command] of runsTypeScript) expect(command, name).toMatch(/^node scripts\/check-node\.mjs && /);
  });
});
