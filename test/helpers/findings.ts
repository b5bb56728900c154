import { systemActor } from '../../src/auth/actor.js';
import { QX, type TestApp } from './app.js';

const actor = systemActor('test');

/**
 * Registers a visit (clock before the registration deadline), issues its notice and moves the clock past
 * the visit, so the team can conclude it. Returns the visit id.
 */
export function visitDone(ctx: TestApp, teamNumber: number, unitId: string, date: string, session: 'sang' | 'chieu' = 'sang'): number {
  const { schedule } = ctx.services;
  const saved = ctx.clock.now();
  ctx.clock.set('2023-07-20T02:00:00.000Z');
  const { visit } = schedule.register(QX, { teamNumber, unitId, date, session }, actor);
  // Only a notice makes a visit notified.
  ctx.services.documents.issueNotice(QX, teamNumber, { visitIds: [visit.id] }, actor);
  ctx.clock.set(saved > new Date(`${date}T12:00:00+07:00`) ? saved : new Date(`${date}T12:00:00+07:00`));
  return visit.id;
}

/** The standing office's latest events of the campaign, following the feed to its end. */
export async function readFeed(
  ctx: TestApp,
  since?: string,
): Promise<{ events: { cursor: string; type: string; visitId: number; version: number | null }[]; cursor: string }> {
  const events: { cursor: string; type: string; visitId: number; version: number | null }[] = [];
  let cursor = since;
  for (;;) {
    const res = await ctx.app.inject({ method: 'GET', url: `/campaigns/${QX}/feed`, query: cursor ? { since: cursor } : {}, headers: ctx.as('office') });
    if (res.statusCode !== 200) throw new Error(`feed answered ${res.statusCode}: ${res.body}`);
    const page = res.json();
    events.push(...page.events);
    cursor = page.nextCursor;
    if (!page.hasMore) return { events, cursor: cursor! };
  }
}

/** Tests publish before the checklist is finished: publishing then asks for a written reason. */
export const checklistReason = 'Kiểm tra theo chuyên đề; các mục còn lại đánh giá sau';

export const sampleDraft = {
  achieved: 'Đơn vị đã ban hành kế hoạch thực hiện Đề án 06 năm 2023 và phân công cán bộ phụ trách.',
  shortcomings: 'Tỷ lệ hồ sơ dịch vụ công trực tuyến còn thấp.',
  causes: 'Người dân chưa quen sử dụng tài khoản định danh điện tử.',
  recommendations: [{ text: 'Đẩy mạnh tuyên truyền, hướng dẫn người dân kích hoạt tài khoản VNeID mức 2.', dueDate: '2023-09-29' }],
};

/** A multipart/form-data body with one file in the field "file". */
export function multipart(fileName: string, type: string, bytes: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----ics${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
