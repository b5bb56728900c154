import type { DayStatus } from '../calendar/rules.js';
import { statusNames } from '../schedule/lifecycle.js';
import { DOUBLE_BOOKINGS } from '../schedule/rules.js';
import { sessionName, shortDate, weekdayName } from '../text/dates.js';

// Pure: the whole round as a picture. Rows are teams (or units), columns the days from the
// registration deadline to the team reports' deadline (days off narrow and shaded), visits are bars
// coloured by status with a letter (colour is never the only sign), clashes outlined in red with ✗,
// overrides marked "!", deadlines drawn as vertical lines. Geometry only: the SVG itself is a
// Handlebars template (templates/partials/timeline-chart.hbs), the same for the page and the PDF.

export interface TimelineVisit {
  id: number;
  teamNumber: number;
  teamName: string;
  unitId: string;
  unitName: string;
  date: string;
  session: string;
  startTime: string;
  endTime: string;
  status: string;
  overridden: boolean;
}

export interface TimelineInput {
  title: string;
  by: 'team' | 'unit';
  days: readonly DayStatus[];
  rows: { key: string; label: string }[];
  visits: readonly TimelineVisit[];
  /** Visits found in a clash by the campaign-wide review (errors not overridden). */
  clashing: ReadonlySet<number>;
  deadlines: { date: string; label: string }[];
}

/** Codes drawn as clashes on the picture: where and when, not the lateness of a document. */
export const PICTURED_CLASHES: ReadonlySet<string> = new Set(['OUTSIDE_WINDOW', 'NOT_WORKING_DAY', ...DOUBLE_BOOKINGS]);

/** Row labels are 11 px Liberation Sans: about 6.2 px a character, letters with diacritics included. */
const LABEL_CHAR = 6.2;
const LABEL_MIN = 150;
const LABEL_MAX = 330;
const DAY_WIDTH = 28;
const OFF_WIDTH = 10;
const ROW_HEIGHT = 22;
const HEADER_HEIGHT = 44;
const FOOT = 30;

export const STATUS_STYLE: Record<string, { fill: string; ink: string; letter: string }> = {
  registered: { fill: '#dbe6f7', ink: '#1b1b1b', letter: 'Đ' },
  notified: { fill: '#7aa2e0', ink: '#0b1f44', letter: 'T' },
  'carried-out': { fill: '#f2c14e', ink: '#3a2a00', letter: 'K' },
  concluded: { fill: '#4f9a5e', ink: '#ffffff', letter: 'L' },
};

export const LEGEND = [...Object.entries(STATUS_STYLE).map(([status, s]) => ({ ...s, status, text: statusNames[status as keyof typeof statusNames] }))];

function half(visit: TimelineVisit): 'left' | 'right' | 'full' {
  if (visit.session === 'sang') return 'left';
  if (visit.session === 'chieu') return 'right';
  if (visit.session === 'ca-ngay') return 'full';
  if (visit.endTime <= '12:00') return 'left';
  return visit.startTime >= '12:00' ? 'right' : 'full';
}

/**
 * The label column fits the longest label up to LABEL_MAX; a label still longer ends with "…" and
 * keeps its whole text for the tooltip, so no name is cut silently.
 */
function labelColumn(labels: readonly string[]): { width: number; fit: (label: string) => string } {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const width = Math.min(LABEL_MAX, Math.max(LABEL_MIN, Math.ceil(12 + longest * LABEL_CHAR)));
  const room = Math.floor((width - 12) / LABEL_CHAR);
  return { width, fit: (label) => (label.length <= room ? label : `${label.slice(0, room - 1).trimEnd()}…`) };
}

export function buildTimeline(input: TimelineInput) {
  const labels = labelColumn(input.rows.map((r) => r.label));
  const LABEL_WIDTH = labels.width;
  let x = LABEL_WIDTH;
  const columns = input.days.map((day) => {
    const width = day.working ? DAY_WIDTH : OFF_WIDTH;
    const column = {
      date: day.date,
      x,
      width,
      working: day.working,
      mid: x + width / 2,
      weekday: ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'][day.weekday - 1]!,
      dayMonth: shortDate(day.date).replace(/\/\d{4}$/, ''),
      title: `${weekdayName(day.date)}, ${shortDate(day.date)}${day.working ? '' : `: ${day.note?.name ?? 'nghỉ'}`}`,
    };
    x += width;
    return column;
  });
  const byDate = new Map(columns.map((c) => [c.date, c]));
  const rowIndex = new Map(input.rows.map((r, i) => [r.key, i]));
  const rows = input.rows.map((row, i) => {
    const text = labels.fit(row.label);
    return { ...row, text, cut: text !== row.label, y: HEADER_HEIGHT + i * ROW_HEIGHT, textY: HEADER_HEIGHT + i * ROW_HEIGHT + 15, stripe: i % 2 === 1 };
  });
  const bars = input.visits.flatMap((visit) => {
    const column = byDate.get(visit.date);
    const i = rowIndex.get(input.by === 'team' ? String(visit.teamNumber) : visit.unitId);
    const style = STATUS_STYLE[visit.status];
    if (!column || i === undefined || !style) return [];
    const side = half(visit);
    const width = side === 'full' ? column.width - 2 : column.width / 2 - 1;
    const left = side === 'right' ? column.x + column.width / 2 : column.x + 1;
    const y = HEADER_HEIGHT + i * ROW_HEIGHT + 3;
    const clash = input.clashing.has(visit.id);
    const marks = `${clash ? ' — TRÙNG LỊCH' : ''}${visit.overridden ? ' — cơ quan thường trực cho phép vượt quy định' : ''}`;
    return [
      {
        x: left,
        y,
        width,
        height: ROW_HEIGHT - 6,
        fill: style.fill,
        ink: style.ink,
        letter: clash ? '✗' : visit.overridden ? '!' : style.letter,
        textX: left + width / 2,
        textY: y + 12,
        clash,
        title:
          `${visit.teamName} · ${visit.unitName} · ${weekdayName(visit.date)}, ${shortDate(visit.date)}, buổi ${sessionName(visit.session)} ` +
          `(${visit.startTime}–${visit.endTime}) · ${statusNames[visit.status as keyof typeof statusNames] ?? visit.status}${marks}`,
      },
    ];
  });
  const height = HEADER_HEIGHT + rows.length * ROW_HEIGHT + FOOT;
  const lines = input.deadlines.flatMap((d, k) => {
    const column = byDate.get(d.date);
    if (!column) return [];
    const lineX = column.x + column.width - 1;
    return [
      {
        x: lineX,
        y1: HEADER_HEIGHT - 6,
        y2: height - FOOT + 4,
        label: `${d.label} ${shortDate(d.date)}`,
        labelY: height - FOOT + 16 + (k % 2) * 11,
        anchor: lineX > x - 160 ? 'end' : 'start',
      },
    ];
  });
  return {
    title: input.title,
    by: input.by,
    width: x + 8,
    height: height + 8,
    labelWidth: LABEL_WIDTH,
    headerHeight: HEADER_HEIGHT,
    gridBottom: HEADER_HEIGHT + rows.length * ROW_HEIGHT,
    gridHeight: rows.length * ROW_HEIGHT,
    columns,
    rows,
    bars,
    lines,
    legend: LEGEND,
    description:
      `${input.title}: ${rows.length} ${input.by === 'team' ? 'đoàn' : 'đơn vị'}, ${bars.length} buổi kiểm tra` +
      `${input.clashing.size > 0 ? `, ${bars.filter((b) => b.clash).length} buổi trùng lịch` : ''}.`,
  };
}

export type TimelineModel = ReturnType<typeof buildTimeline>;

/** The rows of a model in groups of `size`, each a model of its own (one A4 page each). */
export function paginate(model: TimelineModel, size: number): TimelineModel[] {
  if (model.rows.length <= size) return [model];
  const pages: TimelineModel[] = [];
  for (let start = 0; start < model.rows.length; start += size) {
    const rows = model.rows.slice(start, start + size);
    const shift = start * ROW_HEIGHT;
    const top = model.headerHeight + shift;
    const bottom = top + rows.length * ROW_HEIGHT;
    const gridBottom = model.headerHeight + rows.length * ROW_HEIGHT;
    pages.push({
      ...model,
      rows: rows.map((r) => ({ ...r, y: r.y - shift, textY: r.textY - shift })),
      bars: model.bars.filter((b) => b.y >= top && b.y < bottom).map((b) => ({ ...b, y: b.y - shift, textY: b.textY - shift })),
      lines: model.lines.map((l) => ({ ...l, y2: gridBottom + 4, labelY: gridBottom + 16 + (l.labelY - model.gridBottom - 16) })),
      gridBottom,
      gridHeight: rows.length * ROW_HEIGHT,
      height: gridBottom + FOOT + 8,
    });
  }
  return pages;
}
