import { describe, expect, it } from 'vitest';
import { formatYuan, lineAmountFen, MAX_FEN, parseYuan } from '../../shared/domain/money.ts';

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [10, '0.10'],
    [99, '0.99'],
    [100, '1.00'],
    [1250, '12.50'],
    [120000, '1200.00'],
    [-1, '-0.01'],
    [-1250, '-12.50'],
    [MAX_FEN, '100000000.00'],
  ])('%d fen -> %s', (fen, text) => expect(formatYuan(fen)).toBe(text));

  it('rounds a fractional fen to the nearest fen', () => {
    expect(formatYuan(1249.6)).toBe('12.50');
    expect(formatYuan(1250.4)).toBe('12.50');
  });

  it('never shows a negative zero', () => {
    expect(formatYuan(-0)).toBe('0.00');
    expect(formatYuan(-0.4)).toBe('0.00');
  });
});

describe('parseYuan', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['12.05', 1205],
    ['0.01', 1],
    ['.5', null],
    ['12.', 1200],
    ['0', 0],
    ['¥12.50', 1250],
    ['￥12.50', 1250],
    ['¥1,200.00', 120000],
    ['1,234,567.89', 123456789],
    [' 12 ', 1200],
    ['-3.5', -350],
    ['-0.05', -5],
  ])('%s -> %s', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it.each(['', ' ', 'abc', '12abc', '12.345', '1.2.3', '--1', '+', '-', '¥', '1e3', 'NaN', 'Infinity', '十二'])('rejects %j', (text) => {
    expect(parseYuan(text)).toBeNull();
  });

  it('accepts commas only as thousands separators', () => {
    expect(parseYuan('1,000')).toBe(100000);
    expect(parseYuan('12,345,678.90')).toBe(1234567890);
    expect(parseYuan('-1,000.5')).toBe(-100050);
    for (const typo of ['12,50', '12,5', '1,2,3', '1,00', ',100', '100,', '1,0000', '1,000,00', '1,,000']) expect(parseYuan(typo), typo).toBeNull();
  });

  it('round-trips with formatYuan', () => {
    for (const fen of [0, 1, 9, 10, 99, 100, 101, 1234, 99999, 123456789]) {
      expect(parseYuan(formatYuan(fen))).toBe(fen);
    }
  });
});

describe('lineAmountFen', () => {
  it('multiplies quantity by unit price', () => {
    expect(lineAmountFen(10, 600)).toBe(6000);
    expect(lineAmountFen(2.5, 1800)).toBe(4500);
    expect(lineAmountFen(0, 600)).toBe(0);
  });

  it('rounds half away from zero to the fen', () => {
    expect(lineAmountFen(0.5, 1)).toBe(1);
    expect(lineAmountFen(1.5, 1)).toBe(2);
    expect(lineAmountFen(2.5, 1)).toBe(3); // not banker's rounding
    expect(lineAmountFen(0.333, 100)).toBe(33);
    expect(lineAmountFen(0.335, 100)).toBe(34);
    expect(lineAmountFen(-0.5, 1)).toBe(-1);
  });

  it('is not fooled by binary floating point', () => {
    // 1.005 * 100 is 100.49999999999999 in floating point; the shop means 100.5 -> 101
    expect(lineAmountFen(1.005, 100)).toBe(101);
    expect(lineAmountFen(0.1 + 0.2, 1000)).toBe(300);
    expect(lineAmountFen(3, 0.1 + 0.2)).toBe(1);
  });

  it('always returns an integer', () => {
    for (const q of [0.1, 0.25, 1 / 3, 2.5, 7.77]) {
      for (const price of [1, 99, 333, 1599]) expect(Number.isInteger(lineAmountFen(q, price))).toBe(true);
    }
  });
});
