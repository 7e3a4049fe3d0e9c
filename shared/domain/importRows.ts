/**
 * Customer lists from Excel or CSV, as plain rows of text: which column is what (guessed from the
 * usual Chinese and English headers, or chosen by the user), and each row turned into a customer
 * draft (validated later with the contract's customerDraftSchema) plus an optional sale.
 * Pure: the backend reads the file and writes the book.
 */
import type { CustomerDraft, CustomerDraftInput, ImportField, ImportMapping, MergeDifference, MergeField } from '../contract.ts';
import { isBusinessDate, isWithinReach, type BusinessDate } from './dates.ts';
import { parseYuan } from './money.ts';
import { phoneDigits, toHalfWidthDigits } from './phone.ts';

/** Headers recognised for each field, most specific first; compared without spaces and case. */
export const HEADER_NAMES: Record<ImportField, readonly string[]> = {
  name: ['姓名', '名字', '客户姓名', '客户名称', '客户名', '客户', '户主', '联系人', 'name', 'customer'],
  phone: ['电话', '手机', '手机号', '手机号码', '联系电话', '电话号码', '联系方式', 'phone', 'mobile', 'tel', 'telephone'],
  phone2: ['电话2', '手机2', '电话二', '备用电话', 'phone2'],
  phone3: ['电话3', '手机3', '电话三', 'phone3'],
  address: ['地址', '住址', '详细地址', '家庭住址', '送货地址', 'address'],
  area: ['片区', '小区', '区域', '路线', '街道', '楼盘', 'area', 'route'],
  people: ['人数', '家庭人数', '人口', '几口人', '总人数', 'people', 'householdsize', 'household'],
  adults: ['大人', '成人', '成年人', '大人数', 'adults', 'adult'],
  children: ['小孩', '儿童', '孩子', '小孩数', 'children', 'kids', 'child'],
  seniors: ['老人', '老年人', '老人数', 'seniors', 'elderly', 'senior'],
  payday: ['发薪日', '发工资日', '工资日', '发工资', '结账日', 'payday'],
  tags: ['标签', '分类', 'tags', 'tag'],
  notes: ['备注', '说明', '附注', 'notes', 'note', 'remark', 'remarks'],
  product: ['商品', '产品', '品名', '货品', '商品名称', 'product'],
  quantity: ['数量', '购买数量', 'quantity', 'qty'],
  amount: ['金额', '总价', '总额', '消费金额', '金额(元)', 'amount', 'amountyuan'],
  date: ['日期', '购买日期', '销售日期', 'date', 'saledate'],
  paid: ['已付', '已付款', '付款', '是否付款', '付清', 'paid'],
};

const normalise = (header: string) =>
  header
    .normalize('NFKC')
    .replace(/[\s_\-：:（）()]/g, '')
    .toLowerCase();

/** Guesses which column holds which field. Exact header names win over headers that merely contain one. */
export function guessMapping(headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const taken = new Set<number>();
  const normalised = headers.map(normalise);
  const fields = Object.keys(HEADER_NAMES) as ImportField[];
  // Pass 1: exact names (phone2 before phone so "电话2" is not read as the first phone).
  const order: ImportField[] = ['phone2', 'phone3', ...fields.filter((f) => f !== 'phone2' && f !== 'phone3')];
  for (const exact of [true, false]) {
    for (const field of order) {
      if (mapping[field] !== undefined) continue;
      const names = HEADER_NAMES[field].map(normalise);
      const index = normalised.findIndex(
        (h, i) => !taken.has(i) && h !== '' && (exact ? names.includes(h) : names.some((n) => n.length >= 2 && h.includes(n))),
      );
      if (index >= 0) {
        mapping[field] = index;
        taken.add(index);
      }
    }
  }
  // A second and third phone column under the same header ("电话", "电话") is common.
  for (const extra of ['phone2', 'phone3'] as const) {
    if (mapping[extra] !== undefined || mapping.phone === undefined) continue;
    const names = HEADER_NAMES.phone.map(normalise);
    const index = normalised.findIndex((h, i) => !taken.has(i) && names.some((n) => h.includes(n)));
    if (index >= 0) {
      mapping[extra] = index;
      taken.add(index);
    }
  }
  return mapping;
}

export function hasSaleColumns(mapping: ImportMapping): boolean {
  return mapping.product !== undefined && mapping.quantity !== undefined;
}

export interface ImportSale {
  productName: string;
  quantity: number;
  /** null: quantity x the product's price. */
  amountFen: number | null;
  date: string;
  paid: boolean;
}

export interface ImportRowProblem {
  field: string;
  issue: string;
  /** The cell's text. */
  value: string;
}

export interface ParsedRow {
  /** The draft to validate with customerDraftSchema. */
  draft: CustomerDraftInput;
  /** Which draft fields the row actually gave (a merge only overwrites those). */
  given: Set<keyof CustomerDraftInput>;
  sale: ImportSale | null;
  problems: ImportRowProblem[];
}

const cell = (row: readonly string[], index: number | undefined) => (index === undefined ? '' : (row[index] ?? '').trim());

export function isBlankRow(row: readonly string[]): boolean {
  return row.every((c) => c.trim() === '');
}

/** "3", "３", "3人", "3 口" -> 3; "" -> null; anything else -> NaN. */
export function parseCount(text: string): number | null {
  // Most count cells are empty or plain digits, and an import reads 400k of them: answer those first.
  if (text === '') return null;
  if (/^\d+$/.test(text)) return Number(text);
  const t = toHalfWidthDigits(text)
    .replace(/\s/g, '')
    .replace(/(人|个|口|位)$/, '');
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** "15", "15号", "每月15日", "月底", "end" -> 15 / 'end'; "" -> null; else undefined (a problem). */
export function parsePayday(text: string): number | 'end' | null | undefined {
  if (text === '') return null;
  const t = toHalfWidthDigits(text).replace(/\s/g, '').toLowerCase();
  if (t === '') return null;
  if (['月底', '月末', '每月底', '每月最后一天', 'end', 'monthend', '最后一天'].includes(t)) return 'end';
  const m = /^(?:每月)?(\d{1,2})(?:号|日)?$/.exec(t);
  if (!m) return undefined;
  const day = Number(m[1]);
  return day >= 1 && day <= 31 ? day : undefined;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "2026-11-22", "2026/11/22", "2026.11.22", "2026年11月22日", "20261122" -> "2026-11-22"; else null. */
export function parseDate(text: string): string | null {
  const t = toHalfWidthDigits(text).trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const date = `${m[1]}-${pad2(Number(m[2]))}-${pad2(Number(m[3]))}`;
  return isBusinessDate(date) ? date : null;
}

/** "是", "已付", "yes", "1", "√" -> true; "否", "未付", "赊账", "欠", "no", "0" -> false; "" -> `fallback`. */
export function parsePaid(text: string, fallback = true): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return fallback;
  if (['是', '已付', '已付款', '付了', '付清', '现结', 'yes', 'y', 'true', '1', '√', '✓', 'paid'].includes(t)) return true;
  if (['否', '未付', '没付', '赊账', '赊', '欠', '欠款', '挂账', 'no', 'n', 'false', '0', '×', 'credit', 'unpaid'].includes(t)) return false;
  return undefined;
}

/** A cell with several phones ("138..., 139...", "138.../139...") gives each. */
export function splitPhones(text: string): string[] {
  return text
    .split(/[,，;；、/|\n]+|\s{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

export function splitTags(text: string): string[] {
  return text
    .split(/[,，;；、|\s]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/**
 * One spreadsheet row -> a customer draft (+ a sale), with the problems that are not the schema's to find.
 * `today`: the shop's, as a sale's date may lie at most a year after it.
 */
export function parseRow(row: readonly string[], mapping: ImportMapping, today: BusinessDate): ParsedRow {
  const problems: ImportRowProblem[] = [];
  const given = new Set<keyof CustomerDraftInput>();
  const text = (field: ImportField) => cell(row, mapping[field]);

  const phones = [...new Set((['phone', 'phone2', 'phone3'] as const).flatMap((f) => splitPhones(text(f))))];
  const draft: CustomerDraftInput = {
    name: text('name'),
    phones,
    address: text('address'),
    area: text('area'),
    adults: 0,
    children: 0,
    seniors: 0,
    payday: null,
    tags: splitTags(text('tags')),
    notes: text('notes'),
  };
  given.add('name');
  if (phones.length > 0) given.add('phones');
  for (const f of ['address', 'area', 'notes'] as const) if (draft[f] !== '') given.add(f);
  if ((draft.tags ?? []).length > 0) given.add('tags');

  const counts: Record<'people' | 'adults' | 'children' | 'seniors', number | null> = { people: null, adults: null, children: null, seniors: null };
  for (const f of ['people', 'adults', 'children', 'seniors'] as const) {
    const value = parseCount(text(f));
    if (Number.isNaN(value)) problems.push({ field: f, issue: 'not_a_number', value: text(f) });
    else counts[f] = value;
  }
  const groups = counts.adults !== null || counts.children !== null || counts.seniors !== null;
  if (groups) {
    draft.adults = counts.adults ?? 0;
    draft.children = counts.children ?? 0;
    draft.seniors = counts.seniors ?? 0;
    // "人数 5, 小孩 2" with no adults column: the rest are adults.
    if (counts.adults === null && counts.people !== null) draft.adults = Math.max(0, counts.people - draft.children - draft.seniors);
    given.add('adults');
  } else if (counts.people !== null) {
    draft.adults = counts.people;
    given.add('adults');
  } else {
    draft.adults = 1; // nobody said: one adult, so the household is never empty (a default, not a problem)
  }

  const payday = parsePayday(text('payday'));
  if (payday === undefined) problems.push({ field: 'payday', issue: 'payday_invalid', value: text('payday') });
  else {
    draft.payday = payday;
    if (payday !== null) given.add('payday');
  }

  let sale: ImportSale | null = null;
  const productName = text('product');
  const quantityText = toHalfWidthDigits(text('quantity'));
  if (productName !== '' || quantityText !== '') {
    const quantity = Number(quantityText.replace(/[^\d.]/g, ''));
    const amountText = text('amount');
    const amountFen = amountText === '' ? null : parseYuan(toHalfWidthDigits(amountText));
    const dateText = text('date');
    const date = parseDate(dateText);
    const paid = parsePaid(text('paid'));
    if (productName === '') problems.push({ field: 'product', issue: 'required', value: '' });
    if (!(quantity > 0) || quantityText.replace(/[^\d.]/g, '') === '') problems.push({ field: 'quantity', issue: 'not_a_number', value: text('quantity') });
    if (amountText !== '' && (amountFen === null || amountFen < 0)) problems.push({ field: 'amount', issue: 'amount_invalid', value: amountText });
    if (date === null) problems.push({ field: 'date', issue: dateText === '' ? 'required' : 'date_invalid', value: dateText });
    else if (!isWithinReach(date, today)) problems.push({ field: 'date', issue: 'date_out_of_range', value: dateText });
    if (paid === undefined) problems.push({ field: 'paid', issue: 'paid_invalid', value: text('paid') });
    sale = { productName, quantity, amountFen, date: date ?? '', paid: paid ?? true };
  }
  return { draft, given, sale, problems };
}

/** The phone digits a row is matched on for duplicates (each of its phones). */
export function rowPhoneKeys(draft: CustomerDraftInput): string[] {
  return [...new Set((draft.phones ?? []).map(phoneDigits).filter((d) => d.length >= 5))];
}

/** 合计, 总计：, 小 计, 本页合计, 合计5户, Total, Grand total, Sum: the label of a line of sums, not a customer. */
export function isTotalLabel(text: string): boolean {
  const t = normalise(text);
  return /^(?:本页|本月|本年|全部|总)?(?:合计|总计|小计|共计)[\d.户人元位名个]*$/.test(t) || /^(?:grand|sub)?totals?$|^sum$/.test(t);
}

/**
 * A line of sums, as shops end (or split) their lists: its name cell is a total label, or its name cell is
 * empty and another cell is (the label under a 序号 column).
 */
export function isTotalRow(row: readonly string[], mapping: ImportMapping): boolean {
  const name = cell(row, mapping.name);
  if (name !== '') return isTotalLabel(name);
  return row.some((c) => c !== '' && isTotalLabel(c));
}

/** The text of the cell the problem is about, for a problem the draft's schema found. */
export function problemValue(row: readonly string[], mapping: ImportMapping, draft: CustomerDraftInput, path: readonly PropertyKey[]): string {
  const [field, index] = path;
  if (field === 'phones') return typeof index === 'number' ? (draft.phones?.[index] ?? '') : (draft.phones ?? []).join(', ');
  if (field === 'tags') return typeof index === 'number' ? (draft.tags?.[index] ?? '') : cell(row, mapping.tags);
  // household_empty is said on adults: the people cells the row gave
  if (field === 'adults')
    return (['people', 'adults', 'children', 'seniors'] as const)
      .map((f) => cell(row, mapping[f]))
      .filter((c) => c !== '')
      .join(' / ');
  return typeof field === 'string' && field in HEADER_NAMES ? cell(row, mapping[field as ImportField]) : '';
}

type Household = Pick<CustomerDraft, 'adults' | 'children' | 'seniors'>;
const household = (d: Household): Household => ({ adults: d.adults, children: d.children, seniors: d.seniors });
const sameHousehold = (a: Household, b: Household) => a.adults === b.adults && a.children === b.children && a.seniors === b.seniors;
const TEXT_FIELDS = ['name', 'address', 'area', 'notes'] as const;

/**
 * The fields a row gives that the household merged into has, with another value: what merging has to
 * choose between. A field the household has blank is not a difference: the row's value fills it.
 */
export function mergeDifferences(book: CustomerDraft, row: CustomerDraft, given: ReadonlySet<string>): MergeDifference[] {
  const differences: MergeDifference[] = [];
  for (const field of TEXT_FIELDS) {
    if (given.has(field) && row[field] !== '' && book[field] !== '' && row[field] !== book[field])
      differences.push({ field, book: book[field], file: row[field] });
  }
  if (given.has('payday') && row.payday !== null && book.payday !== null && row.payday !== book.payday)
    differences.push({ field: 'payday', book: book.payday, file: row.payday });
  if (given.has('adults') && !sameHousehold(book, row)) differences.push({ field: 'household', book: household(book), file: household(row) });
  return differences;
}

/**
 * A merge never loses what the book has: the row fills the household's blanks, and a field both have
 * with different values takes the row's only when chosen (`fromFile`). Phones and tags are added.
 */
export function mergeDraft(book: CustomerDraft, row: CustomerDraft, given: ReadonlySet<string>, fromFile: ReadonlySet<MergeField>): CustomerDraft {
  const next: CustomerDraft = { ...book };
  const takes = (field: MergeField, bookIsBlank: boolean) => bookIsBlank || fromFile.has(field);
  for (const field of TEXT_FIELDS) if (given.has(field) && row[field] !== '' && takes(field, book[field] === '')) next[field] = row[field];
  if (given.has('payday') && row.payday !== null && takes('payday', book.payday === null)) next.payday = row.payday;
  if (given.has('adults') && fromFile.has('household')) Object.assign(next, household(row));
  next.phones = [...new Set([...book.phones, ...row.phones])].slice(0, 3);
  next.tags = [...new Set([...book.tags, ...row.tags])].slice(0, 20);
  return next;
}
