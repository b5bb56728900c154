import { strFromU8, unzipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { systemActor } from '../../src/auth/actor.js';
import { addDays, addWorkingDays } from '../../src/calendar/rules.js';
import type { VisitView } from '../../src/schedule/schema.js';
import type { WebApp } from './browser.js';
import { checklistReason, sampleDraft } from './findings.js';

// The standing office's page tests share these: the rehearsal campaign moved past its registration
// deadline, a visit carried out and concluded, self-reports with figures, files read back.

const actor = systemActor('test');

/** The office person of the rehearsal and a fresh sign-in path for them. */
export function officePath(web: WebApp): string {
  const office = web.services.people.list(web.rehearsal).find((p) => p.role === 'office')!;
  return `/moi/${web.services.people.invite(web.rehearsal, office.id, actor).code}`;
}

/** The clock on the rehearsal's second working day of the window: registration closed, day 1 visited. */
export function afterDeadline(web: WebApp): { today: string; firstDay: string } {
  const detail = web.services.campaigns.detail(web.rehearsal);
  const calendar = web.services.calendar.forCampaign(web.rehearsal);
  const firstDay = addWorkingDays(calendar, detail.window.start, 0);
  const today = addWorkingDays(calendar, firstDay, 1);
  web.clock.set(`${today}T02:00:00.000Z`);
  return { today, firstDay };
}

/** Team 02's sample visit at Bảo hiểm xã hội huyện (day 1), announced by a notice issued in time. */
export function announceSampleVisit(web: WebApp): VisitView {
  const visit = web.services.schedule.listForTeam(web.rehearsal, 2).find((v) => v.unitId === 'bhxh')!;
  const saved = web.clock.now();
  // Only a notice makes a visit notified; issued a week ahead, as the lead time asks.
  web.clock.set(`${addDays(visit.date, -7)}T02:00:00.000Z`);
  web.services.documents.issueNotice(web.rehearsal, 2, { visitIds: [visit.id] }, actor);
  web.clock.set(saved);
  return web.services.schedule.get(web.rehearsal, visit.id);
}

/** Team 02's sample visit, announced, with a published conclusion. */
export function concludeSampleVisit(web: WebApp): number {
  const { findings } = web.services;
  const visit = announceSampleVisit(web);
  const draft = findings.conclusions.saveDraft(
    actor,
    web.rehearsal,
    visit.id,
    { ...sampleDraft, recommendations: [{ text: sampleDraft.recommendations[0]!.text, dueDate: addDays(visit.date, -3) }] },
    undefined,
  );
  findings.conclusions.publish(actor, web.rehearsal, visit.id, undefined, draft.etag, checklistReason);
  return visit.id;
}

/** The first item of a unit's outline that asks for figures. */
export function figureItem(web: WebApp, unitId: string): string {
  const outline = web.services.outlines.forUnit(web.rehearsal, unitId);
  type Item = { id: string; figures: boolean; answerable: boolean; children: Item[] };
  const walk = (items: Item[]): string | null => {
    for (const item of items) {
      if (item.answerable && item.figures) return item.id;
      const inner = walk(item.children);
      if (inner) return inner;
    }
    return null;
  };
  return walk(outline.items)!;
}

export async function readWorkbook(bytes: Buffer | Uint8Array) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return book;
}

/** The values of a sheet, row by row (row 1 = headers). */
export function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** The text of a .docx (its paragraphs, in order). */
export function docxText(bytes: Buffer | Uint8Array): string {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}
