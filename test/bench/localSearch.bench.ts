/**
 * The renderer's own search of a small book (shared/domain/searchMatch.ts) at its largest: a book of
 * LOCAL_SEARCH_MAX households taken from the big shop. What the renderer pays: the copy (the backend's
 * customers.searchIndex, its JSON, prepareSearch), then each keystroke's match, every query class of
 * search.bench.ts, timed beside the backend's own answer to the same query on the same book (the floor:
 * what the page waited for before, without the trip).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { openBackend } from '../../electron/backend/backend.ts';
import { createRandom } from '../../shared/domain/random.ts';
import { LOCAL_SEARCH_MAX, matchSearch, prepareSearch } from '../../shared/domain/searchMatch.ts';
import { customerDraftSchema, type CustomerSearchEntry } from '../../shared/contract.ts';
import type { Bench, BenchContext } from './context.ts';
import { classes, type Sample } from './search.bench.ts';
import { summarize, type Result } from './stats.ts';

/** Within a frame beside drawing the rows (16.7 ms at 60 Hz): the keystroke's whole budget is 33 ms. */
const MATCH_GOAL_MS = 4;
/** Once per change of the book, on a switch to the customer book. */
const COPY_GOAL_MS = 200;

function localSearch(ctx: BenchContext): Result[] {
  const source = openBackend({ dataDir: ctx.work.dataDir });
  const dir = mkdtempSync(join(tmpdir(), 'huitou-bench-local-'));
  const small = openBackend({ dataDir: dir });
  try {
    const households = source.context.db
      .prepare<[number], { id: number; name: string; address: string; area: string }>('SELECT id, name, address, area FROM customers ORDER BY id LIMIT ?')
      .all(LOCAL_SEARCH_MAX);
    const phonesOf = source.context.db.prepare<[number], { phone: string }>('SELECT phone FROM customer_phones WHERE customer_id = ? ORDER BY position');
    // The contract's own defaults fill what a draft leaves out, as for any household created.
    const drafts = households.map((h) =>
      customerDraftSchema.parse({
        name: h.name,
        phones: phonesOf.all(h.id).map((p) => p.phone),
        address: h.address,
        area: h.area,
        adults: 2,
        children: 0,
        seniors: 0,
      }),
    );
    small.context.db.transaction(() => small.services.customers.createMany(drafts))();
    const sample: Sample = { names: drafts.map((d) => d.name), phones: drafts.flatMap((d) => d.phones), areas: drafts.map((d) => d.area) };

    const copyTimes: number[] = [];
    const prepareTimes: number[] = [];
    let entries: CustomerSearchEntry[] = [];
    let json = 0;
    for (let i = 0; i < (ctx.quick ? 4 : 11); i++) {
      let t = performance.now();
      const envelope = small.dispatch('customers.searchIndex', {});
      const text = JSON.stringify(envelope);
      entries = (JSON.parse(text) as { data: { entries: CustomerSearchEntry[] } }).data.entries;
      // The first copy computes every name's pinyin; the later ones find the keys kept.
      if (i > 0) copyTimes.push(performance.now() - t);
      json = text.length;
      t = performance.now();
      prepareSearch(entries);
      prepareTimes.push(performance.now() - t);
    }
    const prepared = prepareSearch(entries);

    const random = createRandom(ctx.seed);
    const results: Result[] = [
      {
        id: 'localSearch.copy',
        label: `copy of ${entries.length} households for the renderer (searchIndex + JSON both ways)`,
        group: 'search',
        stats: summarize(copyTimes),
        goalMs: COPY_GOAL_MS,
        note: `${(json / 1024).toFixed(0)} KB of JSON; prepareSearch p50 ${summarize(prepareTimes).p50.toFixed(1)} ms`,
      },
    ];
    for (const cls of classes) {
      const queries = cls.make(sample, random, ctx.quick ? 30 : 100);
      for (const q of queries) matchSearch(prepared, q, false);
      const times: number[] = [];
      const floor: number[] = [];
      for (const q of queries) {
        let t = performance.now();
        const local = matchSearch(prepared, q, false);
        times.push(performance.now() - t);
        t = performance.now();
        const envelope = small.dispatch('customers.search', { query: q });
        floor.push(performance.now() - t);
        if (!envelope.ok || !isDeepStrictEqual(local, envelope.data)) throw new Error(`the local answer to ${JSON.stringify(q)} differs from the backend's`);
      }
      results.push({
        id: `localSearch.${cls.id}`,
        label: `local search ${cls.label}, ${entries.length} households`,
        group: 'search',
        stats: summarize(times),
        goalMs: MATCH_GOAL_MS,
        floor: { label: 'the backend, same query, same book (dispatch)', stats: summarize(floor) },
      });
    }
    return results;
  } finally {
    small.close();
    source.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const localSearchBench: Bench = { name: 'localSearch', run: localSearch };
