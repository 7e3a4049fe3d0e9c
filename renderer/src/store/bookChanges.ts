import type { ApiClient } from '../../../shared/contract.ts';

/** The version being asked for, per client: the screen shown and its notices (Today has four) share one call. */
const asking = new WeakMap<ApiClient, Promise<{ version: string }>>();

function bookVersion(api: ApiClient): Promise<{ version: string }> {
  let version = asking.get(api);
  if (!version) {
    version = api['shop.changes']({}).finally(() => asking.delete(api));
    asking.set(api, version);
  }
  return version;
}

/**
 * A list refetched only when the book changed since it was last fetched (`shop.changes`): coming back
 * to a screen costs one tiny call instead of the whole list, and a write from anywhere (another window,
 * the phone, a job) still shows. Calls made while one is on its way share it.
 *
 * The version is read before the fetch and kept only once the fetch is done: a write in between makes
 * the next call fetch again, never the reverse. Fetches forced by the slice itself (after its own write,
 * another area) leave the version as it was, so they only cost one extra fetch later.
 */
export function whenBookChanged(api: ApiClient, load: () => Promise<void>): () => Promise<void> {
  let fetchedAt: string | null = null;
  let pending: Promise<void> | null = null;
  async function refresh() {
    const { version } = await bookVersion(api);
    if (version === fetchedAt) return;
    await load();
    fetchedAt = version;
  }
  return () => {
    pending ??= refresh().finally(() => {
      pending = null;
    });
    return pending;
  };
}
