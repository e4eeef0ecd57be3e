// Helpers the browser specs share: dates as the server counts them, unique serials,
// screenshots, and the no-sideways-scroll check.
import { expect, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const DAY = 86_400_000;

/** Today (UTC, as the server counts) shifted by `days`, as YYYY-MM-DD. */
export function isoDaysFromToday(days: number): string {
  const now = new Date();
  const utc = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(utc + days * DAY).toISOString().slice(0, 10);
}

/** Today on the calendar of `zone` (a market's time zone, where warranty days are counted), YYYY-MM-DD. */
export function todayIn(zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The last covered day of `months` of cover from `start`: the day before the monthiversary. */
export function lastCoveredDay(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastOfMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const anniversary = Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, lastOfMonth));
  return new Date(anniversary - DAY).toISOString().slice(0, 10);
}

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY);
}

let serials = 0;
/** A serial in the Bosch washer's pattern (WM-########), unique per run and per call. */
export function uniqueSerial(): string {
  serials += 1;
  return `WM-${String(Date.now() * 10 + serials * 7919).slice(-8)}`;
}

/** A full-page screenshot into screenshots/<name>.png. */
export async function shot(page: Page, name: string) {
  mkdirSync('screenshots', { recursive: true });
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

/** Nothing on the page is wider than the window. */
export async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}
