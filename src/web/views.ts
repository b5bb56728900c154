import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { roleLabel } from '../auth/roles.js';
import { isoWeekday } from '../calendar/rules.js';
import { builtInHelpers, documentHelpers } from '../render/helpers.js';
import { TemplateError } from '../render/templates.js';
import { computeAlways, type ContentCache } from '../text/content-cache.js';
import { shortDate, weekdayName } from '../text/dates.js';
import { vietnameseNumber } from '../text/numbers.js';

// The pages' Handlebars: an isolated instance with the documents' helpers and a few for pages, strict
// and escaping, every page and partial compiled at start-up so a broken one stops the service with
// its file named. @fastify/view renders them inside layout.hbs.

const SHORT_WEEKDAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'] as const;

/** 1250 → "1.250", as Vietnamese writes thousands. */
export function formatNumber(value: number): string {
  return vietnameseNumber(value, 2);
}

const historyActions: Record<string, string> = {
  register: 'Đăng ký lịch',
  'register.override': 'Đăng ký lịch vượt quy định (cơ quan thường trực, có lý do)',
  move: 'Đổi lịch',
  'move.override': 'Đổi lịch vượt quy định (cơ quan thường trực, có lý do)',
  cancel: 'Hủy lịch',
  reopen: 'Mở lại sau khi rút kết luận',
  'status.notified': 'Đã ban hành thông báo kiểm tra',
  'status.carried-out': 'Đã tiến hành kiểm tra',
  'status.concluded': 'Đã kết luận',
};

export const pageHelpers: Record<string, (...args: unknown[]) => unknown> = {
  ...documentHelpers,
  /** "Thứ Năm, 10/8/2023". */
  dayLabel: (iso) => `${weekdayName(String(iso))}, ${shortDate(String(iso))}`,
  /** "10/8/2023". */
  shortDate: (iso) => shortDate(String(iso)),
  /** "T5" for the board's column heads. */
  weekdayShort: (iso) => SHORT_WEEKDAYS[isoWeekday(String(iso)) - 1],
  /** "03/8" for the board's column heads. */
  dayMonth: (iso) => shortDate(String(iso)).replace(/\/\d{4}$/, ''),
  thousands: (value) => formatNumber(Number(value)),
  roleLabel: (role, team) => roleLabel(String(role) as Parameters<typeof roleLabel>[0], team === null || team === undefined ? null : Number(team)),
  /** Local time of an instant, "14:05 ngày 10/8/2023", in the service's zone (passed by the page). */
  timeOf: (iso, zone) => {
    const at = new Date(String(iso));
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: String(zone),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
    const get = (type: string) => parts.find((p) => p.type === type)!.value;
    return `${get('hour')}:${get('minute')} ngày ${shortDate(`${get('year')}-${get('month')}-${get('day')}`)}`;
  },
  /** A visit history entry in words ("Đổi lịch"); an unknown action keeps its code. */
  historyAction: (action) => historyActions[String(action)] ?? String(action),
  /** Equal as text: a form's "1" and a team's 1. */
  same: (a, b) => String(a) === String(b),
  or: (a, b) => a || b,
  and: (a, b) => a && b,
  gt: (a, b) => Number(a) > Number(b),
};

export const compileOptions = {
  strict: true,
  noEscape: false,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries([...builtInHelpers, ...Object.keys(pageHelpers)].map((name) => [name, true])),
} as const;

function hbsFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.hbs'))
    .sort();
}

export interface PageViews {
  engine: typeof Handlebars;
  root: string;
  partials: Record<string, string>;
  pages: string[];
}

/**
 * The page templates under `dir` (templates/pages), checked now; partials live in dir/partials. The
 * check is kept in the content cache for the exact sources (a broken template is reported at every
 * start); @fastify/view compiles each page on first use.
 */
export function loadPageViews(dir: string, cache: ContentCache = computeAlways): PageViews {
  const engine = Handlebars.create();
  for (const [name, fn] of Object.entries(pageHelpers)) {
    engine.registerHelper(name, (...args: unknown[]) => fn(...args.slice(0, -1)));
  }
  const partials: Record<string, string> = {};
  for (const file of hbsFiles(join(dir, 'partials'))) partials[basename(file, '.hbs')] = join('partials', file);
  const pages = hbsFiles(dir);
  const sources = [...pages, ...Object.values(partials)].map((relative) => {
    const file = join(dir, relative);
    return [file, readFileSync(file, 'utf8')] as const;
  });
  cache('page-templates', JSON.stringify([compileOptions, sources]), () => {
    for (const [file, source] of sources) {
      try {
        engine.precompile(source, { ...compileOptions }); // a copy: Handlebars writes into its options
      } catch (error) {
        throw new TemplateError(file, (error as Error).message.split('\n').join(' '));
      }
    }
    return true;
  });
  return { engine, root: dir, partials, pages };
}
