import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { fieldPath } from '../http/errors.js';
import { deepNfc } from '../text/vietnamese.js';
import { computeAlways, type ContentCache } from '../text/content-cache.js';
import { isIsoDate, isoWeekday } from './rules.js';

// The shipped civil-service calendar (data/calendar/*.yaml), validated at start-up: a broken file
// stops the service with the file, the line and the field, never a half-loaded calendar.

export const CALENDAR_FORMAT = 'vn-civil-service-calendar/v1';

const text = z.string().trim().min(1).max(500);
const isoDate = z.string().refine(isIsoDate, 'ngày không hợp lệ (YYYY-MM-DD, phải có thật)');
const entry = z.object({ date: isoDate, name: text, legalBasis: text, basisVerified: z.boolean() });

const yearBlock = z
  .object({
    year: z.number().int().min(2000).max(2099),
    confirmed: z.boolean(),
    announcedBy: text.optional(),
    daysOff: z.array(entry),
    workingDays: z.array(entry).default([]),
  })
  .superRefine((block, ctx) => {
    const check = (list: 'daysOff' | 'workingDays', weekend: boolean) =>
      block[list].forEach((e, i) => {
        if (!isIsoDate(e.date)) return;
        if (Number(e.date.slice(0, 4)) !== block.year) {
          ctx.addIssue({ code: 'custom', path: [list, i, 'date'], message: `ngày ${e.date} không thuộc năm ${block.year}` });
        } else if (isoWeekday(e.date) >= 6 !== weekend) {
          const message = weekend
            ? `${e.date} không phải thứ Bảy hoặc Chủ nhật: ngày làm bù phải là ngày nghỉ cuối tuần`
            : `${e.date} là ngày cuối tuần: chỉ ghi ngày nghỉ rơi vào thứ Hai – thứ Sáu`;
          ctx.addIssue({ code: 'custom', path: [list, i, 'date'], message });
        }
      });
    check('daysOff', false);
    check('workingDays', true);
  });

export const calendarFileSchema = z.object({ format: z.literal(CALENDAR_FORMAT), years: z.array(yearBlock) }).superRefine((file, ctx) => {
  const years = new Map<number, number>();
  const dates = new Map<string, string>();
  file.years.forEach((block, y) => {
    if (years.has(block.year)) {
      ctx.addIssue({ code: 'custom', path: ['years', y, 'year'], message: `năm ${block.year} đã có ở khối thứ ${years.get(block.year)! + 1}` });
    }
    years.set(block.year, y);
    for (const list of ['daysOff', 'workingDays'] as const) {
      block[list].forEach((e, i) => {
        const where = fieldPath(['years', y, list, i]);
        const seen = dates.get(e.date);
        if (seen) ctx.addIssue({ code: 'custom', path: ['years', y, list, i, 'date'], message: `ngày ${e.date} trùng với ${seen}` });
        else dates.set(e.date, where);
      });
    }
  });
});

export type CalendarFile = z.output<typeof calendarFileSchema>;
export type CalendarFileEntry = z.output<typeof entry>;

export interface CalendarFileIssue {
  line: number | null;
  path: string;
  message: string;
}

export class CalendarFileError extends Error {
  override name = 'CalendarFileError';
  constructor(
    readonly file: string,
    readonly issues: CalendarFileIssue[],
  ) {
    const lines = issues.map((i) => `${file}${i.line ? `:${i.line}` : ''}: ${i.path ? `${i.path}: ` : ''}${i.message}`);
    super(`lịch làm việc không hợp lệ\n  ${lines.join('\n  ')}`);
  }
}

/** The line of the deepest node that exists on the path (a missing key points at its parent). */
function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number | null {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return counter.linePos(range[0]).line;
    if (depth > 0 && (isMap(node) || isSeq(node))) break;
  }
  return null;
}

function parseYaml(source: string, file: string): { doc: Document; counter: LineCounter } {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new CalendarFileError(
      file,
      doc.errors.map((e) => ({
        line: e.linePos?.[0].line ?? null,
        path: '',
        message: `YAML: ${e.message.split('\n')[0] ?? e.message}`,
      })),
    );
  }
  return { doc, counter };
}

export function parseCalendarText(source: string, file: string, cache: ContentCache = computeAlways): CalendarFile {
  const parsed = calendarFileSchema.safeParse(deepNfc(cache('yaml', source, (): unknown => parseYaml(source, file).doc.toJS())));
  if (parsed.success) return parsed.data;
  const { doc, counter } = parseYaml(source, file);
  throw new CalendarFileError(
    file,
    parsed.error.issues.map((issue) => ({
      line: lineOf(doc, counter, issue.path),
      path: fieldPath(issue.path),
      message: issue.message,
    })),
  );
}

export function readCalendarFile(file: string, cache?: ContentCache): CalendarFile {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CalendarFileError(file, [{ line: null, path: '', message: `không đọc được tệp (${(error as Error).message})` }]);
  }
  return parseCalendarText(source, file, cache);
}
