/**
 * The print views live at their own addresses (#print/calls?layout=a4&area=..., #print/daily for the
 * owner's daily sheet: the call list and the collections, #print/statement?customer=ID, #print/month for the
 * owner's monthly report), drawn full-window
 * without the app around it, so that printing "the current page" prints just the list, in
 * Electron (webContents.print / printToPDF) and in a plain browser (window.print) alike.
 */
import { useEffect, useState } from 'react';

export type PrintLayout = 'a4' | 'receipt';

export type PrintKind = 'calls' | 'daily' | 'statement' | 'slip' | 'month' | 'close';

export interface PrintRoute {
  kind?: PrintKind;
  /** For a statement: whose. */
  customerId?: number;
  /** For a counter slip's receipt: which. */
  slipId?: number;
  /** For a day's close (#print/close?date=2026-12-07): which day. */
  date?: string;
  layout: PrintLayout;
  area: string;
  /** Open the print dialog as soon as the list is drawn (the Print button, Ctrl+P). */
  autoPrint: boolean;
  /** The call list with the next 7 days too (A4 only); without it, today's list alone. */
  week?: boolean;
}

const PREFIX = /^#print\/(calls|daily|statement|slip|month|close)(?:\?|$)/;

export function parsePrintRoute(hash: string): PrintRoute | null {
  const match = PREFIX.exec(hash);
  if (!match) return null;
  const query = new URLSearchParams(hash.slice(match[0].length));
  const route: PrintRoute = {
    kind: match[1] as PrintKind,
    layout: query.get('layout') === 'receipt' ? 'receipt' : 'a4',
    area: query.get('area') ?? '',
    autoPrint: query.get('print') === '1',
  };
  if (query.get('week') === '1') route.week = true;
  const customer = Number(query.get('customer'));
  if (Number.isInteger(customer) && customer > 0) route.customerId = customer;
  const slip = Number(query.get('slip'));
  if (Number.isInteger(slip) && slip > 0) route.slipId = slip;
  const date = query.get('date');
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) route.date = date;
  return route;
}

export function printHash(route: PrintRoute): string {
  const query = new URLSearchParams({ layout: route.layout });
  if (route.area) query.set('area', route.area);
  if (route.customerId) query.set('customer', String(route.customerId));
  if (route.slipId) query.set('slip', String(route.slipId));
  if (route.date) query.set('date', route.date);
  if (route.autoPrint) query.set('print', '1');
  if (route.week) query.set('week', '1');
  return `#print/${route.kind ?? 'calls'}?${query.toString()}`;
}

export function openPrintView(route: PrintRoute) {
  window.location.hash = printHash(route);
}

/** Same view, other address, without a new history entry (layout switch, print done). */
export function replacePrintRoute(route: PrintRoute) {
  window.history.replaceState(null, '', printHash(route));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function closePrintView() {
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function usePrintRoute(): PrintRoute | null {
  const [route, setRoute] = useState(() => parsePrintRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parsePrintRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
