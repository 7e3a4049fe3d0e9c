import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { CustomersPage, type Locale } from './customersPage.ts';
import { shellAndBrowser } from './harness.ts';

const app = shellAndBrowser();

/** A raw request with a chosen Host header, as a DNS-rebinding page would send it. */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolveStatus(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function onlyLocal(requests: string[], origin: string): string[] {
  return requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'));
}

const households: Record<Locale, { name: string; phone: string; initials: string; lastFour: string; other: string; otherPhone: string }> = {
  'zh-CN': { name: '张三丰', phone: '138 1234 5678', initials: 'zsf', lastFour: '5678', other: '李四', otherPhone: '13900001111' },
  'en-US': { name: '单田芳', phone: '13722223333', initials: 'stf', lastFour: '3333', other: '王五', otherPhone: '13600004444' },
};

describe.each(['zh-CN', 'en-US'] as const)('customer book in real Chromium through the browser shell (%s)', (locale) => {
  it('creates a household, finds it by pinyin initials and last four digits, records a sale, and keeps it all after a reload', async () => {
    const { shell, session, page } = await app.open({ locale });
    const book = new CustomersPage(page, locale);
    const h = households[locale];

    await session.screenshot(`${locale}-1-welcome`);
    await book.startEmpty(locale === 'zh-CN' ? '老王粮油店' : "Wang's Rice");
    await book.createCustomer({ name: h.name, phone: h.phone, adults: 2, children: 1 });
    await book.createCustomer({ name: h.other, phone: h.otherPhone, adults: 1, children: 0 });
    await expect.poll(() => book.options().count()).toBe(2);

    await book.search(h.initials);
    await book.expectOnlyResult(h.name);
    await session.screenshot(`${locale}-2-found-by-initials`);
    await book.search(h.lastFour);
    await book.expectOnlyResult(h.name);
    await book.openFirstResult();
    await page.getByRole('heading', { name: h.name }).waitFor();

    await book.recordSale(10);
    await expect.poll(() => book.purchases().count()).toBe(1);
    await expect.poll(() => book.purchases().first().textContent()).toContain('60.00');
    await session.screenshot(`${locale}-3-sale-recorded`);

    await page.reload();
    await book.search(h.initials);
    await book.expectOnlyResult(h.name);
    await book.openFirstResult();
    await page.getByRole('heading', { name: h.name }).waitFor();
    await expect.poll(() => book.purchases().first().textContent()).toContain('60.00');
    await session.screenshot(`${locale}-4-after-reload`);

    expect(onlyLocal(session.requests, shell.url.replace(/\/$/, ''))).toEqual([]);
    expect(session.requests.length).toBeGreaterThan(3);
  });
});

describe('browser shell guards the shop data', () => {
  it('refuses API calls without the per-launch token or with a foreign Host header', async () => {
    const shell = await app.shellOnly();
    const noToken = await fetch(`${shell.url}api/shop.info`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(403);
    expect(await noToken.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    const html = await (await fetch(shell.url)).text();
    const token = /name="huitou-token" content="([^"]+)"/.exec(html)![1]!;
    const withToken = await fetch(`${shell.url}api/shop.info`, { method: 'POST', headers: { 'x-huitou-token': token }, body: '{}' });
    expect(await withToken.json()).toMatchObject({ ok: true, data: { schemaVersion: expect.any(Number) } });

    const badJson = await fetch(`${shell.url}api/customers.create`, { method: 'POST', headers: { 'x-huitou-token': token }, body: '{"draft":' });
    expect(badJson.status).toBe(400);
    const unknown = await fetch(`${shell.url}api/db.exec`, { method: 'POST', headers: { 'x-huitou-token': token }, body: '{"sql":"DROP TABLE customers"}' });
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });

    expect(await statusWithHost(shell.url, 'evil.example:80')).toBe(403);
    expect(await statusWithHost(shell.url, new URL(shell.url).host)).toBe(200);
  });

  it('serves a strict Content-Security-Policy and binds 127.0.0.1 only', async () => {
    const shell = await app.shellOnly();
    const response = await fetch(shell.url);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });
});
