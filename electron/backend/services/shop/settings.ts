import type { Settings } from '../../../../shared/contract.ts';
import type { BackendContext } from '../../context.ts';

const defaults: Settings = {
  shopName: '',
  language: 'system',
  largeText: false,
  onboarded: false,
  shopPhone: '',
  shopAddress: '',
  paymentLine: '',
  messageTemplates: {},
  tierShares: undefined,
};

export function createSettingsService(ctx: BackendContext) {
  const selectAll = ctx.db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  const selectOne = ctx.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');

  /** Only the settings this app knows: a newer version's keys stay in the file but not in the UI. */
  function get(): Settings {
    const stored = Object.fromEntries(
      selectAll
        .all()
        .filter((row) => row.key in defaults)
        .map((row) => [row.key, JSON.parse(row.value) as unknown]),
    );
    return { ...defaults, ...stored } as Settings;
  }

  /** The backend's own bookkeeping (e.g. which version of the search keys the index holds), never shown. */
  function getInternal(key: string): unknown {
    const row = selectOne.get(`internal.${key}`);
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  function setInternal(key: string, value: unknown) {
    upsert.run(`internal.${key}`, JSON.stringify(value));
  }

  const update = ctx.db.transaction((patch: Partial<Settings>): Settings => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined && key in defaults) upsert.run(key, JSON.stringify(value));
    }
    return get();
  });

  return { get, update, getInternal, setInternal };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
