import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startShell } from '../test/e2e/harness.ts';
const shell = await startShell(mkdtempSync(join(tmpdir(), 'rt-')));
const html = await (await fetch(shell.url)).text();
const token = /name="huitou-token" content="([^"]+)"/.exec(html)![1]!;
const post = async (name: string, input: unknown) => (await fetch(`${shell.url}api/${name}`, { method: 'POST', headers: { 'x-huitou-token': token }, body: JSON.stringify(input) })).json();
await post('shop.createDemo', { language: 'zh-CN' });
const ws = new WebSocket(`${shell.url.replace('http', 'ws')}api/socket?token=${encodeURIComponent(token)}`);
await new Promise((r) => (ws.onopen = r));
let waiting: ((v: unknown) => void) | null = null;
ws.onmessage = (e) => waiting?.(e.data);
const call = (name: string, input: unknown) => new Promise((r) => { waiting = r; ws.send(JSON.stringify({ id: 1, name, input })); });
const stats = (label: string, ts: number[]) => { ts.sort((a, b) => a - b); console.log(label, 'p50', ts[ts.length >> 1]!.toFixed(2), 'p90', ts[Math.floor(ts.length * 0.9)]!.toFixed(2), 'max', ts.at(-1)!.toFixed(2)); };
for (const [label, name, input] of [['ws search', 'customers.search', { query: 'w', includeArchived: false }], ['ws shop.changes', 'shop.changes', {}]] as const) {
  const ts: number[] = [];
  for (let i = 0; i < 300; i++) { const t = performance.now(); await call(name, input); ts.push(performance.now() - t); await new Promise((r) => setTimeout(r, 5)); }
  stats(label, ts);
}
const ts: number[] = [];
for (let i = 0; i < 200; i++) { const t = performance.now(); await post('customers.search', { query: 'w', includeArchived: false }); ts.push(performance.now() - t); }
stats('http search', ts);
ws.close();
await shell.stop?.();
process.exit(0);
