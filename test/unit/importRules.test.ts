/**
 * The design's import rules, as eslint.config.ts enforces them: each forbidden reach is reported and
 * the allowed ones are not. Snippets are linted as if they lay at the given path (no type information:
 * these rules need none, and building the program would cost half a minute).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [tseslint.configs.disableTypeChecked, { languageOptions: { parserOptions: { projectService: false } } }],
});

/** The rules that fired on `code` placed at `file`; every relative import must name a real file. */
async function firedRules(file: string, code: string): Promise<string[]> {
  for (const [, spec] of code.matchAll(/from '(\.[^']+)'/g)) {
    // A path that resolves nowhere is skipped by the rule: the test would pass for the wrong reason.
    expect(existsSync(resolve(root, dirname(file), spec!)), `${spec} from ${file}`).toBe(true);
  }
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

const paths = 'import-x/no-restricted-paths';
const names = 'no-restricted-imports';

describe('import rules', () => {
  it('the renderer imports neither electron/ nor the electron package nor Node built-ins', async () => {
    const file = 'renderer/src/features/probe/Probe.tsx';
    expect(await firedRules(file, "import { dispatch } from '../../../../electron/backend/dispatch.ts';\nexport const a = dispatch;\n")).toEqual([paths]);
    expect(await firedRules(file, "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toEqual([names]);
    expect(await firedRules(file, "import { readFileSync } from 'node:fs';\nimport path from 'path';\nexport const a = [readFileSync, path];\n")).toEqual([
      names,
      names,
    ]);
    expect(
      await firedRules(
        file,
        "import { errorCodes } from '../../../../shared/errors.ts';\nimport { createApiClient } from '../../api/client.ts';\nexport const a = [errorCodes, createApiClient];\n",
      ),
    ).toEqual([]);
  });

  it('the renderer searches with the pinyin-free rules, never the search keys (pinyin-pro)', async () => {
    const file = 'renderer/src/store/probe.ts';
    expect(await firedRules(file, "import { buildSearchKeys } from '../../../shared/domain/searchKeys.ts';\nexport const a = buildSearchKeys;\n")).toEqual([
      paths,
    ]);
    expect(await firedRules(file, "import { packSearchKeys } from '../../../shared/domain/packedSearchKeys.ts';\nexport const a = packSearchKeys;\n")).toEqual([
      paths,
    ]);
    expect(await firedRules(file, "import { matchSearch } from '../../../shared/domain/searchMatch.ts';\nexport const a = matchSearch;\n")).toEqual([]);
  });

  it('outside renderer/src/api, no fetch, no preload bridge, not even its types', async () => {
    const code =
      "export const a = () => fetch('/api/x');\nexport const b = () => window.fetch('/x');\nexport const c = (w: { huitou?: unknown }) => w.huitou;\n";
    expect(await firedRules('renderer/src/features/probe/Probe.tsx', code)).toEqual([
      'no-restricted-globals',
      'no-restricted-properties',
      'no-restricted-syntax',
    ]);
    expect(await firedRules('renderer/src/api/probe.ts', code)).toEqual([]);
    const bridgeTypes = "import type { PickResult } from '../../../../shared/bridge.ts';\nexport type P = PickResult;\n";
    expect(await firedRules('renderer/src/features/probe/probe.ts', bridgeTypes)).toEqual([paths]);
    expect(await firedRules('renderer/src/api/probe.ts', bridgeTypes.replace('../../../../', '../../../'))).toEqual([]);
  });

  it('shared/ imports nothing of ours outside shared/, and no Node built-ins', async () => {
    const code =
      "import { createApiClient } from '../../renderer/src/api/client.ts';\nimport { join } from 'node:path';\nimport { z } from 'zod';\nexport const a = [createApiClient, join, z];\n";
    expect(await firedRules('shared/domain/probe.ts', code)).toEqual([paths, names]);
    expect(await firedRules('shared/domain/probe.ts', "import { formatYuan } from './money.ts';\nexport const a = formatYuan;\n")).toEqual([]);
  });

  it('the backend imports neither electron (even its types) nor the renderer nor its hosts', async () => {
    const code = [
      "import { app } from 'electron';",
      "import type { BrowserWindow } from 'electron';",
      "import { createApiClient } from '../../renderer/src/api/client.ts';",
      "import { startWebShell } from '../web/server.ts';",
      'export const a = [app, createApiClient, startWebShell];',
      'export type B = BrowserWindow;',
      '',
    ].join('\n');
    expect(await firedRules('electron/backend/probe.ts', code)).toEqual([names, names, paths, paths]);
  });

  it("only electron/main and electron/preload import 'electron'", async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await firedRules('electron/web/probe.ts', code)).toEqual([names]);
    expect(await firedRules('scripts/probe.ts', code)).toEqual([names]);
    expect(await firedRules('electron/main/probe.ts', code)).toEqual([]);
    expect(await firedRules('electron/preload/probe.ts', code)).toEqual([]);
  });

  it('the preload reaches only shared/, and the shells never import the renderer', async () => {
    expect(await firedRules('electron/preload/probe.ts', "import { dispatch } from '../backend/dispatch.ts';\nexport const a = dispatch;\n")).toEqual([paths]);
    expect(
      await firedRules('electron/main/probe.ts', "import { createApiClient } from '../../renderer/src/api/client.ts';\nexport const a = createApiClient;\n"),
    ).toEqual([paths]);
  });
});
