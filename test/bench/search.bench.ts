/**
 * Search as the UI does it: dispatch('customers.search') on the big shop, with queries taken from the
 * real generated names and phones. Each timed search is paired with a bare indexed lookup (the floor)
 * timed right next to it, so both see the same machine load.
 */
import { openBackend } from '../../electron/backend/backend.ts';
import { createRandom, type Random } from '../../shared/domain/random.ts';
import { buildSearchKeys } from '../../shared/domain/searchKeys.ts';
import { envInt, type Bench, type BenchContext } from './context.ts';
import { summarize, type Result } from './stats.ts';

const GOAL_MS = 10;
const LIMITS = [50, 200] as const;

export interface Sample {
  names: string[];
  phones: string[];
  areas: string[];
}

export interface QueryClass {
  id: string;
  label: string;
  /** Which floor the ratio is taken against. */
  floor: 'id' | 'phone';
  /** Share of the per-class query count (broad queries are slow; fewer keep the run short). */
  share?: number;
  make(sample: Sample, random: Random, count: number): string[];
}

const firstChars = (name: string, n: number) => [...name].slice(0, n).join('');

function draw(count: number, make: () => string | null): string[] {
  const out: string[] = [];
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const q = make();
    if (q) out.push(q);
  }
  if (out.length === 0) throw new Error('no queries could be drawn from the shop');
  return out;
}

export const classes: QueryClass[] = [
  {
    id: 'empty',
    label: 'empty query (list on start)',
    floor: 'id',
    make: (_s, _r, count) => Array.from({ length: count }, () => ''),
  },
  {
    id: 'char1',
    label: '1 char (surname 王李张…)',
    floor: 'id',
    make: (s, r, count) => draw(count, () => firstChars(r.pick(s.names), 1)),
  },
  {
    id: 'char2',
    label: '2 chars (surname+given)',
    floor: 'id',
    make: (s, r, count) =>
      draw(count, () => {
        const name = r.pick(s.names);
        return [...name].length >= 2 ? firstChars(name, 2) : null;
      }),
  },
  {
    id: 'char3',
    label: '3 chars (full name)',
    floor: 'id',
    make: (s, r, count) =>
      draw(count, () => {
        const name = r.pick(s.names);
        return [...name].length === 3 ? name : null;
      }),
  },
  {
    id: 'phone4',
    label: '4 phone digits (last four)',
    floor: 'phone',
    make: (s, r, count) => draw(count, () => r.pick(s.phones).slice(-4)),
  },
  {
    id: 'initials3',
    label: '3 pinyin initials',
    floor: 'id',
    make: (s, r, count) =>
      draw(count, () => {
        const name = r.pick(s.names);
        if ([...name].length !== 3) return null;
        const initials = buildSearchKeys(name).initials[0];
        return initials && initials.length === 3 ? initials : null;
      }),
  },
  // Not in the original list, but states the search box passes through all the time: a neighbourhood
  // name, the first digits of a phone number, the first letters of a surname in pinyin. They match a
  // large part of the book, which the short, selective queries above never do.
  {
    id: 'broadArea',
    label: 'broad: area name (幸福小区…)',
    floor: 'id',
    share: 0.3,
    make: (s, r, count) => draw(count, () => r.pick(s.areas) || null),
  },
  {
    id: 'broadPhone3',
    label: 'broad: first 3 phone digits',
    floor: 'phone',
    share: 0.3,
    make: (s, r, count) => draw(count, () => r.pick(s.phones).slice(0, 3)),
  },
  {
    id: 'broadPinyin3',
    label: 'broad: first 3 pinyin letters',
    floor: 'id',
    share: 0.3,
    make: (s, r, count) =>
      draw(count, () => {
        const full = buildSearchKeys(r.pick(s.names)).pinyin[0];
        return full && full.length >= 3 ? full.slice(0, 3) : null;
      }),
  },
];

function search(ctx: BenchContext): Result[] {
  const queriesPerClass = envInt('BENCH_QUERIES', ctx.quick ? 60 : 200);
  const backend = openBackend({ dataDir: ctx.work.dataDir });
  try {
    const { db } = backend.context;
    const sample: Sample = {
      names: db
        .prepare<[], { name: string }>('SELECT name FROM customers ORDER BY id')
        .all()
        .map((r) => r.name),
      phones: db
        .prepare<[], { phone: string }>('SELECT phone FROM customer_phones ORDER BY customer_id, position')
        .all()
        .map((r) => r.phone),
      areas: db
        .prepare<[], { area: string }>('SELECT area FROM customers ORDER BY id')
        .all()
        .map((r) => r.area),
    };
    const ids = db
      .prepare<[], { id: number }>('SELECT id FROM customers ORDER BY id')
      .all()
      .map((r) => r.id);
    const random = createRandom(ctx.seed);
    const queries = new Map(classes.map((c) => [c.id, c.make(sample, random, Math.max(10, Math.round(queriesPerClass * (c.share ?? 1))))]));

    // The floors: one indexed row by integer key, one by the phone text index.
    const byId = db.prepare<[number], { id: number }>('SELECT id FROM customers WHERE id = ?');
    const byPhone = db.prepare<[string], unknown>('SELECT * FROM customer_phones WHERE phone = ?');
    const floorSamples = { id: [] as number[], phone: [] as number[] };
    const floorOnce = (i: number) => {
      const id = ids[(i * 7919) % ids.length]!;
      const phone = sample.phones[(i * 104_729) % sample.phones.length]!;
      let t = performance.now();
      if (!byId.get(id)) throw new Error(`floor: customer ${id} missing`);
      floorSamples.id.push(performance.now() - t);
      t = performance.now();
      byPhone.all(phone);
      floorSamples.phone.push(performance.now() - t);
    };

    const run = (query: string, limit: number) => {
      const t = performance.now();
      const envelope = backend.dispatch('customers.search', { query, limit });
      const ms = performance.now() - t;
      if (!envelope.ok) throw new Error(`customers.search ${JSON.stringify(query)} failed: ${JSON.stringify(envelope.error)}`);
      return { ms, rows: (envelope.data as { items: unknown[] }).items.length };
    };

    // Warm-up: every query once at the larger limit (JIT, statement caches, the pages they touch).
    for (const list of queries.values()) for (const q of list) run(q, 200);
    for (let i = 0; i < 500; i++) floorOnce(i);
    floorSamples.id.length = 0;
    floorSamples.phone.length = 0;

    const measured: { cls: QueryClass; limit: number; times: number[]; rows: number[] }[] = [];
    let k = 0;
    for (const limit of LIMITS) {
      for (const cls of classes) {
        const times: number[] = [];
        const rows: number[] = [];
        for (const q of queries.get(cls.id)!) {
          floorOnce(k++);
          const r = run(q, limit);
          times.push(r.ms);
          rows.push(r.rows);
        }
        measured.push({ cls, limit, times, rows });
      }
    }

    const floors = {
      id: { label: 'SELECT id FROM customers WHERE id = ?', stats: summarize(floorSamples.id) },
      phone: { label: 'SELECT * FROM customer_phones WHERE phone = ?', stats: summarize(floorSamples.phone) },
    };
    const results: Result[] = measured.map(({ cls, limit, times, rows }) => {
      const avgRows = rows.reduce((a, b) => a + b, 0) / rows.length;
      const full = rows.filter((n) => n === limit).length;
      const distinct = new Set(queries.get(cls.id)).size;
      return {
        id: `search.${cls.id}.limit${limit}`,
        label: `search ${cls.label}, limit ${limit}`,
        group: 'search',
        stats: summarize(times),
        goalMs: GOAL_MS,
        floor: floors[cls.floor],
        note: `${distinct} distinct queries, avg ${avgRows.toFixed(1)} rows, ${full} of ${rows.length} hit the limit`,
      };
    });
    results.push(
      { id: 'floor.search.byId', label: `floor: ${floors.id.label}`, group: 'search', stats: floors.id.stats, goalMs: null },
      { id: 'floor.search.byPhone', label: `floor: ${floors.phone.label}`, group: 'search', stats: floors.phone.stats, goalMs: null },
    );
    return results;
  } finally {
    backend.close();
  }
}

export const searchBench: Bench = { name: 'search', run: search };
