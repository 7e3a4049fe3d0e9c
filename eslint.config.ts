/**
 * Lint: typescript-eslint, the rules of hooks, and the design's import rules (docs/ARCHITECTURE.md).
 *
 * The import rules are checked on resolved file paths (import-x's no-restricted-paths), so `../../x`
 * and a future path alias are judged alike; package names and Node's built-ins, which resolve to no
 * file of ours, are checked by name (ESLint's own no-restricted-imports).
 */
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import type { Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Where each layer may reach: `target` may not import from `from` (paths from the repo root). */
const zones = [
  {
    target: 'renderer',
    from: '.',
    except: ['./renderer', './shared', './node_modules'],
    message: 'The renderer imports only renderer/, shared/ and packages: data comes through renderer/src/api.',
  },
  {
    target: 'shared',
    from: '.',
    except: ['./shared', './node_modules'],
    message: 'shared/ is imported by every layer and imports none of them.',
  },
  {
    target: 'electron/backend',
    from: '.',
    except: ['./electron/backend', './shared', './node_modules'],
    message: 'The backend knows nothing of its hosts (Electron main, the browser shell) nor of the renderer.',
  },
  {
    target: 'electron/preload',
    from: '.',
    except: ['./electron/preload', './shared', './node_modules'],
    message: 'The preload is a thin bridge: shared/ and electron only.',
  },
  {
    target: ['electron/main', 'electron/web'],
    from: ['renderer', 'electron/preload'],
    message: 'The shells load the renderer and preload as built files, never as modules.',
  },
  {
    target: 'renderer',
    from: ['shared/domain/searchKeys.ts', 'shared/domain/packedSearchKeys.ts'],
    message: 'The search keys need pinyin-pro, a dictionary of megabytes: the renderer takes the search rules from searchText.ts and searchMatch.ts.',
  },
  {
    target: ['renderer/src/!(api)/**', 'renderer/src/*.{ts,tsx}'],
    from: 'shared/bridge.ts',
    message: 'Only renderer/src/api talks to the preload bridge.',
  },
];

/** By exact name (a pattern would take `domain`, a built-in, for shared/domain/). */
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
const noNodeInBrowser = 'shared/ and the renderer run in the browser too: no Node built-ins.';
const electronOnlyInShells = {
  name: 'electron',
  message: "Only electron/main and electron/preload import 'electron'.",
};

/** Only renderer/src/api reaches the backend: everything else asks the store or the api client. */
const noDirectTransport: Linter.RulesRecord = {
  'no-restricted-globals': [
    'error',
    ...['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({
      name,
      message: 'Data comes through renderer/src/api (the store or the api client), not straight from the network.',
    })),
  ],
  'no-restricted-properties': [
    'error',
    ...['window', 'globalThis', 'self'].flatMap((object) =>
      ['fetch', 'huitou'].map((property) => ({
        object,
        property,
        message: 'Only renderer/src/api touches the network or the preload bridge.',
      })),
    ),
  ],
  'no-restricted-syntax': [
    'error',
    {
      // `(window as X).huitou` and `win.huitou`: the bridge global by any route.
      selector: "MemberExpression[property.name='huitou']",
      message: 'Only renderer/src/api touches the preload bridge (window.huitou).',
    },
  ],
};

export default defineConfig(
  {
    ignores: ['dist/**', 'dist-electron/**', 'release/**', 'coverage/**', 'test-artifacts/**', '.tools/**', 'resources/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Type-aware rules that catch real bugs here: a promise nobody awaits loses its error (and a write's
      // failure message); a promise passed where a void callback is expected does the same in React handlers.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Plain JavaScript (scripts/check-node.mjs must run on any Node): no types to lint with.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // The two rules of hooks, both errors (a warning never fails `npm test`). The plugin's React Compiler
    // rules are left out: this app is not compiled by the React Compiler, and running it cost about a
    // third of the lint's time.
    files: ['renderer/**/*.{ts,tsx}', 'test/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': { meta: reactHooks.meta, rules: reactHooks.rules } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver()] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones, basePath: import.meta.dirname }] },
  },
  {
    files: ['electron/backend/**', 'electron/web/**', 'scripts/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInShells] }] },
  },
  {
    files: ['shared/**', 'renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShells, ...nodeBuiltins.map((name) => ({ name, message: noNodeInBrowser }))],
          patterns: [{ group: ['node:*'], message: noNodeInBrowser }],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    ignores: ['renderer/src/api/**'],
    rules: noDirectTransport,
  },
);
