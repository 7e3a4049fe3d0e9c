/**
 * The owner's view on the big shop, "today" its last day: dispatch('owner.home') and
 * dispatch('owner.pyramid'). Floor: a bare count of the live sales of the last twelve months through the
 * same date index, the least either call has to read, timed right next to each call.
 * owner.retention twice: its first call on a freshly opened book (reads the quiet households' sales and
 * fits BG/NBD) and its later calls (the fit kept; only the win-back counts read again).
 */
import type { Retention } from '../../shared/contract.ts';
import { openBackend } from '../../electron/backend/backend.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { envInt, type Bench, type BenchContext } from './context.ts';
import { summarize, type Result } from './stats.ts';

function owner(ctx: BenchContext): Result[] {
  return [...homeAndPyramid(ctx), ...retention(ctx)];
}

const open = (ctx: BenchContext) => openBackend({ dataDir: ctx.work.dataDir, now: () => new Date(`${ctx.shop.endDate}T09:00:00`) });

function retention(ctx: BenchContext): Result[] {
  const fits = envInt('BENCH_RETENTION_FITS', ctx.quick ? 2 : 3);
  const first: number[] = [];
  const later: number[] = [];
  let note = '';
  for (let i = 0; i < fits; i++) {
    const backend = open(ctx);
    try {
      for (let j = 0; j < 6; j++) {
        const t = performance.now();
        const envelope = backend.dispatch('owner.retention', {});
        const ms = performance.now() - t;
        if (!envelope.ok) throw new Error(`owner.retention failed: ${JSON.stringify(envelope.error)}`);
        if (j === 0) first.push(ms);
        else later.push(ms);
        const { households, likelyGone, fit } = envelope.data as Retention;
        note = `${households} households without a staple rhythm, ${likelyGone} likely gone; r ${fit?.r.toFixed(2)}, α ${fit?.alpha.toFixed(2)}, a ${fit?.a.toFixed(2)}, b ${fit?.b.toFixed(2)}`;
      }
    } finally {
      backend.close();
    }
  }
  return [
    { id: 'owner.retention.fit', label: 'retention, first call (BG/NBD fit)', group: 'owner', stats: summarize(first), goalMs: 3000, note },
    { id: 'owner.retention', label: 'retention, fit kept', group: 'owner', stats: summarize(later), goalMs: 300 },
  ];
}

function homeAndPyramid(ctx: BenchContext): Result[] {
  const runs = envInt('BENCH_OWNER_RUNS', ctx.quick ? 5 : 15);
  const warmup = 2;
  const backend = open(ctx);
  try {
    const { db } = backend.context;
    const today = backend.context.today();
    const floorQuery = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM sales WHERE voided_at IS NULL AND date > ?');
    const calls = [
      { id: 'owner.home', label: "owner's home (takings, months, products, credit, calls, lost)", goalMs: 300 },
      { id: 'owner.pyramid', label: 'customer pyramid with RFM and moves', goalMs: 500 },
    ] as const;
    return calls.map((call) => {
      const times: number[] = [];
      const floor: number[] = [];
      let note = '';
      for (let i = 0; i < warmup + runs; i++) {
        let t = performance.now();
        const sales = floorQuery.get(addDays(today, -365))!.n;
        const floorMs = performance.now() - t;
        t = performance.now();
        const envelope = backend.dispatch(call.id, {});
        const ms = performance.now() - t;
        if (!envelope.ok) throw new Error(`${call.id} failed: ${JSON.stringify(envelope.error)}`);
        if (i === 0) note = `${sales} sales in the last 12 months`;
        if (i >= warmup) {
          times.push(ms);
          floor.push(floorMs);
        }
      }
      return {
        id: call.id,
        label: call.label,
        group: 'owner',
        stats: summarize(times),
        goalMs: call.goalMs,
        floor: { label: 'bare count of 12 months of live sales by date', stats: summarize(floor) },
        note,
      };
    });
  } finally {
    backend.close();
  }
}

export const ownerBench: Bench = { name: 'owner', run: owner };
