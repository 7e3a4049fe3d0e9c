/**
 * An import's file read on the job thread (importJob.ts, the 'readImport' job): the rows handed back,
 * and for an apply their search keys and the order of their grams, and the one write on the backend's thread leaving the
 * same search indexes a rebuild from the stored names leaves, merges and renames within the file included.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobInWorker } from '../../electron/backend/jobs/jobWorker.ts';
import { createImportService } from '../../electron/backend/services/data/import.ts';
import { analyse, readImportJob, unpackAnalysis } from '../../electron/backend/services/data/importJob.ts';
import { parseTable, readImportBytes } from '../../electron/backend/services/data/importFile.ts';
import { fromColumns } from '../../electron/backend/jobs/columns.ts';
import { gramRowsInKeyOrder, packedSearchKeysByName } from '../../shared/domain/packedSearchKeys.ts';
import { draft, makeBackend, makeTempDir, type TestBackend } from './helpers.ts';

let dir: string;
beforeAll(() => {
  dir = makeTempDir('huitou-import-job-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const names = ['单田芳', '曾小贤', '解晓东', '张伟', '张伟', '吕小红', 'Anna Li', '欧阳 娜娜', '𠮷野家', '王芳'];

/** People with one or two phones, names repeated, and rows whose phone an earlier row or the book has. */
function sheet(count: number): string {
  const lines = ['姓名,电话,电话2,地址,片区,大人'];
  for (let i = 0; i < count; i++) {
    const name = names[i % names.length]! + (i >= names.length ? String(i % 7) : '');
    lines.push(
      [
        name,
        `1390000${String(i).padStart(4, '0')}`,
        i % 5 === 0 ? `1370000${String(i).padStart(4, '0')}` : '',
        `幸福路${i}号`,
        `片区${i % 3}`,
        1 + (i % 3),
      ].join(','),
    );
  }
  lines.push('改了名字,13900000003,,重复路,片区0,2'); // line 5's phone: that new customer renamed when merged
  lines.push('书里的人改名,13900000500,,书里路,片区1,3'); // a phone of the book's (see bookWith)
  return lines.join('\n');
}

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** Every row of the search indexes and the customers' sort keys. */
const indexes = (b: TestBackend) => {
  const all = (sql: string) => b.context.db.prepare(sql).all();
  return {
    sortKeys: all('SELECT id, name, sort_key FROM customers ORDER BY id'),
    grams: all('SELECT * FROM customer_grams ORDER BY gram, rank, sort_key, customer_id'),
    fts: all('SELECT rowid, * FROM customer_fts ORDER BY rowid'),
  };
};

function bookWith(existing: number): TestBackend {
  const b = makeBackend();
  for (let i = 0; i < existing; i++) {
    b.call('customers.create', { draft: draft({ name: `老客${i}`, phones: [`1390000${String(500 + i).padStart(4, '0')}`] }), allowDuplicatePhone: true });
  }
  return b;
}

describe('an import read on the job thread', () => {
  it.each([
    ['an empty book', 0],
    ['a book whose customers the file merges into', 5],
  ])('into %s writes the search indexes a rebuild from the stored names writes', async (_what, existing) => {
    const b = bookWith(existing);
    try {
      const path = file(`book-${existing}.csv`, sheet(300));
      const preview = await b.services.importer.preview(path);
      expect(preview.duplicatesTotal).toBe(existing > 0 ? 2 : 1);
      const result = await b.services.importer.apply(path, preview.mapping, { duplicates: 'merge', differing: 'file', choices: [] });
      expect(result).toMatchObject({ created: existing > 0 ? 300 : 301, merged: existing > 0 ? 2 : 1 });
      // The new customer of line 5 took the later row's name: its grams are the new name's.
      expect(b.call('customers.search', { query: '改了名字' }).items.map((c) => c.name)).toEqual(['改了名字']);
      const written = indexes(b);
      b.services.customers.reindexAll();
      expect(written).toEqual(indexes(b));
      expect(b.context.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(b.context.db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    } finally {
      b.dispose();
    }
  });

  it("hands back each row with its name's keys, and the grams in the search table's order, for an apply only", async () => {
    const path = file('keys.csv', sheet(40));
    const input = { file: path, products: [], today: '2026-01-15' };
    const read = await runJobInWorker('readImport', { ...input, keys: true });
    const { prepared } = await unpackAnalysis(read.analysis!);
    const keys = fromColumns(read.keys!.byName);
    const here = packedSearchKeysByName();
    expect(keys).toEqual(prepared.map((row) => here(row.draft.name)));
    expect(read.keys!.grams).toEqual(gramRowsInKeyOrder(keys));
    // The preview's read: the same rows, no keys.
    const preview = await runJobInWorker('readImport', input);
    expect(preview.keys).toBeNull();
    expect(await unpackAnalysis(preview.analysis!)).toEqual({ preview: read.analysis!.preview, prepared });
    // The apply after it: the file not read again, the kept rows' names keyed.
    const names = prepared.map((row) => row.draft.name);
    const again = await runJobInWorker('readImport', { ...input, mapping: read.analysis!.preview.mapping, kept: read.key, keys: true, keptNames: names });
    expect(again.analysis).toBeNull();
    expect(fromColumns(again.keys!.byName)).toEqual(keys);
    expect(again.keys!.grams).toEqual(read.keys!.grams);
  });

  it('hands back the rows as they were checked: drafts, the fields given, sales, phones', async () => {
    const path = file(
      'sales.csv',
      ['姓名,电话,电话2,标签,商品,数量,日期,已付', '张伟,13900000001,13700000001,老客,大米,2,2026-01-10,是', '李娜,13900000002,,,,,,'].join('\n'),
    );
    const input = { file: path, products: [{ id: 7, name: '大米', price_fen: 5000 }], today: '2026-01-15' };
    const read = await readImportJob(input, () => {});
    const direct = analyse(await parseTable(path, readImportBytes(path)), undefined, input.products, input.today);
    expect(direct.prepared.map((row) => row.sale?.productId ?? null)).toEqual([7, null]);
    expect(direct.prepared[0]!.given.has('tags')).toBe(true);
    // What the backend gets from the columns is what the analysis held, Sets and nulls included.
    expect((await unpackAnalysis(structuredClone(read.analysis!))).prepared).toEqual(direct.prepared);
  });

  it('does not read the file again while it is the one whose analysis the backend keeps', async () => {
    const path = file('kept.csv', sheet(20));
    const input = { file: path, products: [], today: '2026-01-15' };
    const first = await readImportJob(input, () => {});
    const mapping = first.analysis!.preview.mapping;
    expect(await readImportJob({ ...input, mapping, kept: first.key }, () => {})).toEqual({ key: first.key, analysis: null, keys: null });
    writeFileSync(path, sheet(21));
    const changed = await readImportJob({ ...input, mapping, kept: first.key }, () => {});
    expect(changed.key).not.toBe(first.key);
    expect(changed.analysis!.rows.length).toBe(first.analysis!.rows.length + 1);
  });

  it('a job thread that cannot load its module fails the import and writes nothing', async () => {
    const b = bookWith(2);
    try {
      const before = indexes(b);
      const { customers, forecasts, credit } = b.services;
      const importer = createImportService(b.context, { customers, forecasts, credit }, { moduleUrl: pathToFileURL(join(dir, 'no-such-job.ts')).href });
      const path = file('broken.csv', sheet(10));
      await expect(importer.apply(path, { name: 0, phone: 1 }, { duplicates: 'skip', differing: 'book', choices: [] })).rejects.toThrow();
      expect(indexes(b)).toEqual(before);
    } finally {
      b.dispose();
    }
  });

  it('a file that cannot be read fails with its own code from the job thread', async () => {
    const b = makeBackend();
    try {
      await expect(b.services.importer.preview(join(dir, 'missing.csv'))).rejects.toMatchObject({ code: 'IMPORT_FILE_MISSING' });
      await expect(b.services.importer.preview(file('nameless.csv', '电话\n13900000000'))).rejects.toMatchObject({ code: 'IMPORT_NO_NAME_COLUMN' });
    } finally {
      b.dispose();
    }
  });
});
