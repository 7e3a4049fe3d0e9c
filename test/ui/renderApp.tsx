/**
 * The real app in jsdom, its api client wired in-process to the real backend on a real SQLite file.
 * Inputs and outputs go through JSON, as they would over IPC or HTTP.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import userEvent from '@testing-library/user-event';
import type { BackupTarget } from '../../shared/contract.ts';
import { createApiClient, type Transport } from '../../renderer/src/api/client.ts';
import { Root } from '../../renderer/src/features/app/Root.tsx';
import { createAppStore } from '../../renderer/src/store/store.ts';
import { draft, makeBackend, type TestBackend } from '../backend/helpers.ts';

export function inProcessTransport(backend: TestBackend): Transport {
  return async (name, input) => JSON.parse(JSON.stringify(backend.dispatch(name, JSON.parse(JSON.stringify(input ?? {})))));
}

/**
 * The machine's removable drives are the one answer a test cannot plug in (no USB stick here): when
 * given, backup.targets answers with these (real folders), everything else goes to the backend.
 */
function withDrives(transport: Transport, drives: BackupTarget[] | undefined): Transport {
  if (!drives) return transport;
  return async (name, input) => (name === 'data.backupTargets' ? { ok: true, data: drives } : transport(name, input));
}

export interface RenderedApp {
  backend: TestBackend;
  user: ReturnType<typeof userEvent.setup>;
  store: ReturnType<typeof createAppStore>;
  /** The name of every call the app made, from its start, in order. */
  calls: string[];
}

/** Renders the app on a new shop; `onboard` starts it empty (zh-CN) unless told otherwise. */
export async function renderApp(options: { onboard?: 'empty' | 'none'; language?: 'zh-CN' | 'en'; drives?: BackupTarget[] } = {}): Promise<RenderedApp> {
  const backend = makeBackend();
  if (options.onboard !== 'none') backend.call('shop.startEmpty', { shopName: '测试小店', language: options.language ?? 'zh-CN' });
  if (options.language) backend.call('shop.updateSettings', { language: options.language });
  const calls: string[] = [];
  const transport = withDrives(inProcessTransport(backend), options.drives);
  const store = createAppStore(
    createApiClient((name, input) => {
      calls.push(name);
      return transport(name, input);
    }),
  );
  const user = userEvent.setup();
  render(<Root store={store} />);
  if (options.onboard !== 'none') await screen.findByRole('menuitem', { name: options.language === 'en' ? /Customers/ : /客户/ });
  return { backend, user, store, calls };
}

/**
 * Counts what the search asks of the backend from now on: each `customers.search` query, and each copy
 * of the book made for the renderer's own search (`customers.searchIndex`).
 */
export function watchSearches(app: RenderedApp): { searches: string[]; copies: { made: number } } {
  const searches: string[] = [];
  const copies = { made: 0 };
  const dispatch = app.backend.dispatch;
  app.backend.dispatch = (name, input) => {
    if (name === 'customers.search') searches.push((input as { query: string }).query);
    if (name === 'customers.searchIndex') copies.made++;
    return dispatch(name, input);
  };
  return { searches, copies };
}

/**
 * The app on a book of these households (name, phone), the customer book shown and its search copy made;
 * `searches` and `copies` (watchSearches) count from then on.
 */
export async function bookShown(households: readonly [name: string, phone: string][]) {
  const app = await renderApp();
  for (const [name, phone] of households) app.backend.call('customers.create', { draft: draft({ name, phones: [phone] }) });
  const watched = watchSearches(app);
  await app.user.click(screen.getByRole('menuitem', { name: /客户/ }));
  await waitFor(() => expect(watched.copies.made).toBe(1));
  watched.searches.length = 0;
  return { ...app, ...watched };
}
