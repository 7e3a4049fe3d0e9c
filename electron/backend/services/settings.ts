import type { Settings } from '../../../shared/contract.ts';
import type { BackendContext } from '../context.ts';

const defaults: Settings = { shopName: '', language: 'system', largeText: false, onboarded: false };

export function createSettingsService(ctx: BackendContext) {
  const selectAll = ctx.db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  function get(): Settings {
    const stored = Object.fromEntries(selectAll.all().map((row) => [row.key, JSON.parse(row.value) as unknown]));
    return { ...defaults, ...stored } as Settings;
  }

  const update = ctx.db.transaction((patch: Partial<Settings>): Settings => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined && key in defaults) upsert.run(key, JSON.stringify(value));
    }
    return get();
  });

  return { get, update };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
