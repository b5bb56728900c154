import { sessionName, weekdayDate } from '../text/dates.js';
import { committeeName } from '../text/places.js';
import { adjustmentLines, type Adjustment } from './adjustments.js';
import type { NoticeContent, ProgrammeRow } from './content.js';
import {
  archiveLine,
  compositionLines,
  header,
  leaderSignature,
  numberLabel,
  numberLine,
  periodText,
  planReference,
  standingOfficeLine,
  type CampaignFacts,
  type TeamFacts,
} from './wording.js';

// Thông báo kiểm tra (Nghị định 30/2020, Phụ lục III, mẫu 1.4): the team's programme, its
// composition and what each inspected unit prepares (Phụ lục 2 of the plan). Pure: data in, text out.

export const NOTICE_SERIES = 'TB';

export interface NoticeVisit {
  id: number;
  unitId: string;
  unitName: string;
  unitLevel: string;
  date: string;
  session: string;
  startTime: string;
  endTime: string;
  place: string;
  outline: string | null;
  outlinePeriod: { from: string; to: string } | null;
}

export interface NoticeInput {
  campaign: CampaignFacts;
  team: TeamFacts;
  visits: NoticeVisit[];
  /** null for a draft. */
  number: number | null;
  issueDate: string;
  signerName: string | null;
  /** The earlier notices this one adjusts, for the visits it announces again. */
  adjusts: Adjustment[];
}

function timeText(visit: NoticeVisit): string {
  const range = `${visit.startTime} - ${visit.endTime}`;
  if (visit.session === 'custom') return `Từ ${visit.startTime} đến ${visit.endTime}`;
  const name = sessionName(visit.session);
  const label = visit.session === 'ca-ngay' ? name.charAt(0).toLocaleUpperCase('vi') + name.slice(1) : `Buổi ${name}`;
  return `${label}, ${range}`;
}

/** "tại trụ sở các đơn vị" only when every visit is at the unit's own seat. */
function where(rows: readonly ProgrammeRow[]): string {
  const units = new Set(rows.map((r) => r.unitId)).size > 1 ? 'các đơn vị' : 'đơn vị';
  const atSeat = (r: ProgrammeRow) => r.place === `Trụ sở ${r.unitName}` || r.place === `Trụ sở ${committeeName(r.unitName)}`;
  return rows.every(atSeat) ? `tại trụ sở ${units}` : `với ${units}`;
}

const byTime = (a: NoticeVisit, b: NoticeVisit) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.id - b.id;

function preparationItems(visits: NoticeVisit[]): string[] {
  const groups = new Map<string, { outline: string; period: NoticeVisit['outlinePeriod']; units: string[] }>();
  for (const visit of visits) {
    if (!visit.outline) continue;
    const key = `${visit.outline}|${visit.outlinePeriod?.from}|${visit.outlinePeriod?.to}`;
    const group = groups.get(key) ?? { outline: visit.outline, period: visit.outlinePeriod, units: [] };
    if (!group.units.includes(visit.unitName)) group.units.push(visit.unitName);
    groups.set(key, group);
  }
  const reports = [...groups.values()].map((g) => {
    const period = g.period ? `, số liệu báo cáo lấy ${periodText(g.period)}` : '';
    return (
      `- ${g.units.join(', ')}: xây dựng Báo cáo kết quả thực hiện Đề án 06 tại cơ quan, đơn vị mình ` +
      `theo Đề cương ${g.outline} (Phụ lục 2 kèm theo Kế hoạch)${period};`
    );
  });
  const levels = new Set(visits.map((v) => v.unitLevel));
  const attendance: string[] = [];
  if ([...levels].some((l) => l !== 'commune')) {
    attendance.push('tại các phòng, ban, ngành cấp huyện: lãnh đạo phòng, ban chuyên môn, cán bộ, chuyên viên có liên quan');
  }
  if (levels.has('commune')) {
    attendance.push('tại UBND cấp xã: thành viên Tổ công tác Đề án 06 cấp xã, các bộ phận chuyên môn, cán bộ, chuyên viên có liên quan');
  }
  return [
    ...reports,
    `- Bố trí thành phần làm việc với Đoàn kiểm tra: ${attendance.join('; ')};`,
    '- Chuẩn bị các điều kiện phục vụ công tác kiểm tra; cung cấp kịp thời, đầy đủ, chính xác thông tin, tài liệu liên quan đến nội dung kiểm tra.',
  ];
}

/** The programme's rows, in time order: what a notice (issued or recorded from paper) announced. */
export function programmeRows(visits: readonly NoticeVisit[]): ProgrammeRow[] {
  return [...visits].sort(byTime).map((v) => ({
    visitId: v.id,
    unitId: v.unitId,
    unitName: v.unitName,
    date: v.date,
    dateText: weekdayDate(v.date),
    session: v.session,
    timeText: timeText(v),
    place: v.place,
  }));
}

export function buildNoticeContent(input: NoticeInput): NoticeContent {
  const { campaign, team } = input;
  const visits = [...input.visits].sort(byTime);
  const rows = programmeRows(visits);
  const name = team.name;
  const label = input.number === null ? null : numberLabel(input.number, NOTICE_SERIES, team.number);
  const byVisit = new Map(rows.map((r) => [r.visitId, r]));
  const replaces = adjustmentLines(input.adjusts, name, (visitId) => byVisit.get(visitId)!);
  const units = [...new Set(rows.map((r) => r.unitName))];
  return {
    kind: 'notice',
    documentTitle: label ? `Thông báo kiểm tra số ${label}` : `Dự thảo thông báo kiểm tra - ${name}`,
    draft: input.number === null,
    rehearsal: input.campaign.rehearsal,
    header: header(campaign, team, numberLine(input.number, NOTICE_SERIES, team.number), input.issueDate),
    docType: 'THÔNG BÁO',
    subject: 'Chương trình kiểm tra kết quả thực hiện Đề án 06',
    intro: [planReference(campaign), `${name} thông báo chương trình kiểm tra như sau:`],
    team: { heading: '1. Thành phần Đoàn kiểm tra', paragraphs: [], items: compositionLines(team) },
    programme: {
      heading: '2. Thời gian, địa điểm kiểm tra',
      paragraphs: [`Đoàn kiểm tra làm việc trực tiếp ${where(rows)} theo lịch sau:`],
      items: [],
      rows,
      table: {
        columns: [
          { title: 'STT', width: 7 },
          { title: 'Thời gian', width: 33 },
          { title: 'Đơn vị được kiểm tra', width: 30 },
          { title: 'Địa điểm', width: 30 },
        ],
        variant: 'programme',
        rows: rows.map((r, i) => [[String(i + 1)], [r.dateText, r.timeText], [r.unitName], [r.place]]),
      },
    },
    preparation: { heading: '3. Đề nghị các đơn vị được kiểm tra', paragraphs: [], items: preparationItems(visits) },
    closing: [...replaces, `${name} thông báo để các cơ quan, đơn vị biết, phối hợp thực hiện./.`],
    recipients: [...units.map((u) => `- ${u};`), '- Thành viên Đoàn kiểm tra;', standingOfficeLine(campaign), archiveLine(team.number)],
    signature: leaderSignature(team, input.signerName),
  };
}
