/**
 * Opening the book as the app does on start: openBackend on the big file, 'shop.info', then the first
 * 'customers.search' with an empty query. Each attempt runs in a fresh Node process (nothing cached in
 * memory, no statement cache, no open connection elsewhere). The OS page cache is warm: the file was just
 * copied and read, so this is a warm start, not a cold boot from disk.
 * Floor: a fresh process doing `new Database(file)` + one indexed SELECT.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { envInt, type Bench, type BenchContext } from './context.ts';
import { summarize, type Result } from './stats.ts';

const GOAL_MS = 300;
const childFile = fileURLToPath(new URL('./openBook.child.ts', import.meta.url));

function runChild(mode: 'book' | 'floor', dataDir: string): { wallMs: number; out: Record<string, number> } {
  const start = performance.now();
  const child = spawnSync(process.execPath, [childFile, mode, dataDir], { encoding: 'utf8' });
  const wallMs = performance.now() - start;
  if (child.status !== 0) throw new Error(`open child (${mode}) failed with ${child.status}: ${child.stderr}`);
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  return { wallMs, out: JSON.parse(line) as Record<string, number> };
}

function openBook(ctx: BenchContext): Result[] {
  const runs = envInt('BENCH_OPEN_RUNS', ctx.quick ? 5 : 15);
  // One untimed pair first: the page cache and Node's own caches.
  runChild('book', ctx.work.dataDir);
  runChild('floor', ctx.work.dataDir);

  const book: { wallMs: number; out: Record<string, number> }[] = [];
  const floor: { wallMs: number; out: Record<string, number> }[] = [];
  for (let i = 0; i < runs; i++) {
    book.push(runChild('book', ctx.work.dataDir));
    floor.push(runChild('floor', ctx.work.dataDir));
  }
  const col = (list: typeof book, key: string) => list.map((r) => r.out[key]!);
  const floorStats = { label: 'new Database(file) + one SELECT, fresh process', stats: summarize(col(floor, 'totalMs')) };
  const info = (id: string, label: string, samples: number[], note?: string): Result => ({
    id,
    label,
    group: 'open',
    stats: summarize(samples),
    goalMs: null,
    note,
  });
  return [
    {
      id: 'open.book',
      label: 'open the book (openBackend + app.info + first search)',
      group: 'open',
      stats: summarize(col(book, 'totalMs')),
      goalMs: GOAL_MS,
      floor: floorStats,
      note: `fresh process each time, OS page cache warm; first search returned ${book[0]?.out.rows ?? '?'} rows`,
    },
    info('open.part.openBackend', '  of which openBackend (open, pragmas, migrations check)', col(book, 'openMs')),
    info('open.part.appInfo', "  of which 'shop.info'", col(book, 'infoMs')),
    info('open.part.firstSearch', "  of which first 'customers.search' (empty query)", col(book, 'searchMs')),
    info('open.import', 'module loading before open (backend, zod, pinyin-pro)', col(book, 'importMs'), 'not in the goal: paid once at app start'),
    info(
      'open.process',
      'whole child process: node start + import + open',
      book.map((r) => r.wallMs),
      'not in the goal: includes Node start-up',
    ),
    info('floor.open', `floor: ${floorStats.label}`, floorStats.stats.n ? col(floor, 'totalMs') : []),
  ];
}

export const openBookBench: Bench = { name: 'open', run: openBook };
