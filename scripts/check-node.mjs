/**
 * Runs before `npm start`, `npm run web`, the tests and the benches: Huitou's scripts are TypeScript
 * that Node runs as it is (type stripping, on by default from Node 22.18 and 23.6), and an older Node
 * dies on the first .ts file with a raw ERR_UNKNOWN_FILE_EXTENSION stack. Plain JavaScript, so that
 * any Node runs it, and says in one sentence which Node is needed and how to get it.
 *
 * HUITOU_CHECK_NODE_VERSION judges that version instead of this Node's (the tests use it).
 */
import { readFileSync } from 'node:fs';

/** The oldest Node of each line that runs .ts files without a flag; a later major line runs them all. */
const TYPE_STRIPPING_FROM = [
  [22, 18],
  [23, 6],
];

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Written for any Node: no ?. or ?? or .at() here.
const engine = (packageJson.engines && packageJson.engines.node) || '';
const wanted = /^>=\s*(\d+)\.(\d+)/.exec(engine);
if (!wanted) throw new Error(`package.json's engines.node should read ">=MAJOR.MINOR", not ${JSON.stringify(engine)}`);
const [, wantedMajor, wantedMinor] = wanted.map(Number);

const version = (process.env.HUITOU_CHECK_NODE_VERSION || process.versions.node).replace(/^v/, '');
const [major = 0, minor = 0] = version.split('.').map(Number);

const atLeast = (m, n) => major > m || (major === m && minor >= n);
const stripsTypes = TYPE_STRIPPING_FROM.some(([m, n]) => major === m && minor >= n) || major > TYPE_STRIPPING_FROM[TYPE_STRIPPING_FROM.length - 1][0];

if (!atLeast(wantedMajor, wantedMinor) || !stripsTypes) {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const fromRegistry =
    process.platform === 'win32'
      ? ''
      : `, or without internet but the npm registry: npm i --prefix .tools node-${platform}-${process.arch}@22.23.3 && export PATH="$PWD/.tools/node_modules/node-${platform}-${process.arch}/bin:$PATH"`;
  console.error(
    `Huitou needs Node.js ${wantedMajor}.${wantedMinor} or newer and this is Node ${version}: install Node.js 22 LTS from https://nodejs.org${fromRegistry} (see README.md).`,
  );
  process.exit(1);
}
