import { shortDate, weekdayDate } from '../text/dates.js';
import type { TeamReportContent } from './content.js';
import { findingSections, type Conclusion } from './results-content.js';
import {
  archiveLine,
  compositionLines,
  header,
  leaderSignature,
  numberLabel,
  numberLine,
  planReference,
  type CampaignFacts,
  type TeamFacts,
} from './wording.js';

// Báo cáo kết quả kiểm tra: the team's report to the standing office. It accounts for every unit the
// plan assigned to the team: how many were visited and concluded, and for each unit not visited,
// why (its visit was cancelled, it is announced but has no result yet, it has no notice, it was never
// registered). Pure: data in, text out.

export const REPORT_SERIES = 'BC';

/** Where an assigned unit stands when it has not been visited. */
export type NotVisited =
  | { kind: 'cancelled'; date: string; reason: string | null }
  | { kind: 'notified'; date: string; noticeLabel: string | null }
  | { kind: 'registered'; date: string }
  | { kind: 'unregistered' };

export interface ReportUnit {
  unitId: string;
  unitName: string;
  /** Dates of the visits carried out (or concluded). */
  visitDates: string[];
  /** null once visited. */
  notVisited: NotVisited | null;
  resultsNotice: { numberLabel: string; issueDate: string } | null;
  conclusions: Conclusion[];
}

export interface ReportInput {
  campaign: CampaignFacts;
  team: TeamFacts;
  /** Every unit the plan assigns to the team: visited ones in programme order, then the others. */
  units: ReportUnit[];
  /** null for a draft: "DỰ THẢO", the number left blank. */
  number: number | null;
  issueDate: string;
  signerName: string | null;
}

const UNITS = 'cơ quan, đơn vị, địa phương';

/** "từ ngày 07/8/2023 đến ngày 08/8/2023", or "ngày 10/8/2023" for a one-day round. */
export function roundText(dates: readonly string[]): string {
  const sorted = [...new Set(dates)].sort();
  if (sorted.length === 0) return '';
  return sorted.length === 1 ? `ngày ${shortDate(sorted[0]!)}` : `từ ngày ${shortDate(sorted[0]!)} đến ngày ${shortDate(sorted.at(-1)!)}`;
}

function whyNotVisited(why: NotVisited): string {
  switch (why.kind) {
    case 'cancelled':
      return `lịch kiểm tra ${weekdayDate(why.date)} đã bị hủy${why.reason ? ` (lý do: ${why.reason})` : ''}`;
    case 'notified':
      return `lịch kiểm tra ${weekdayDate(why.date)} đã thông báo${why.noticeLabel ? ` tại Thông báo số ${why.noticeLabel}` : ''}, chưa có kết quả kiểm tra`;
    case 'registered':
      return `đã đăng ký lịch kiểm tra ${weekdayDate(why.date)}, chưa có thông báo kiểm tra`;
    case 'unregistered':
      return 'chưa đăng ký lịch kiểm tra';
  }
}

/** "Đoàn … được phân công kiểm tra 9 …; từ ngày … đến ngày …, Đoàn đã kiểm tra 2 …, đã kết luận kiểm tra tại 1 …". */
function coverageLines(team: TeamFacts, units: readonly ReportUnit[]): string[] {
  const visited = units.filter((u) => u.notVisited === null);
  const concluded = units.filter((u) => u.conclusions.length > 0);
  const span = roundText(visited.flatMap((u) => u.visitDates));
  const done =
    visited.length === 0
      ? 'Đoàn chưa kiểm tra cơ quan, đơn vị, địa phương nào'
      : `${span}, Đoàn đã kiểm tra ${visited.length} ${UNITS}, đã kết luận kiểm tra tại ${concluded.length} ${UNITS}`;
  const lines = [`${team.name} được phân công kiểm tra ${units.length} ${UNITS}; ${done}.`];
  const missing = units.filter((u) => u.notVisited !== null);
  if (missing.length > 0) {
    lines.push(`${missing.length} ${UNITS} chưa được kiểm tra:`);
    lines.push(...missing.map((u, i) => `- ${u.unitName}: ${whyNotVisited(u.notVisited!)}${i === missing.length - 1 ? '.' : ';'}`));
  }
  return lines;
}

export function buildTeamReportContent(input: ReportInput): TeamReportContent {
  const { campaign, team } = input;
  const name = team.name;
  const label = input.number === null ? null : numberLabel(input.number, REPORT_SERIES, team.number);
  const concluded = input.units.filter((u) => u.conclusions.length > 0);
  const desk = campaign.standingOfficeDesk ? ` (qua ${campaign.standingOfficeDesk})` : '';
  const dateCell = (u: ReportUnit) => (u.notVisited === null ? u.visitDates.map(weekdayDate) : ['Chưa kiểm tra']);
  const resultCell = (u: ReportUnit) =>
    u.resultsNotice
      ? [`Số ${u.resultsNotice.numberLabel}`, `ngày ${shortDate(u.resultsNotice.issueDate)}`]
      : [u.conclusions.length > 0 ? 'Chưa ban hành' : u.notVisited === null ? 'Chưa kết luận' : '-'];
  return {
    kind: 'team-report',
    documentTitle: label ? `Báo cáo kết quả kiểm tra số ${label}` : `Dự thảo báo cáo kết quả kiểm tra - ${name}`,
    draft: label === null,
    rehearsal: campaign.rehearsal,
    header: header(campaign, team, numberLine(input.number, REPORT_SERIES, team.number), input.issueDate),
    docType: 'BÁO CÁO',
    subject: `Kết quả kiểm tra thực hiện Đề án 06 của ${name}`,
    addressee: `Kính gửi: Cơ quan Thường trực ${campaign.issuingBody}${desk}`,
    intro: [planReference(campaign), `${name} báo cáo kết quả kiểm tra như sau:`],
    overview: {
      heading: 'I. KHÁI QUÁT',
      paragraphs: [`Thành phần ${name}:`],
      items: [...compositionLines(team), ...coverageLines(team, input.units), `Danh sách ${UNITS} được phân công kiểm tra:`],
      table: {
        columns: [
          { title: 'STT', width: 7 },
          { title: 'Đơn vị được kiểm tra', width: 38 },
          { title: 'Ngày kiểm tra', width: 30 },
          { title: 'Thông báo kết quả', width: 25 },
        ],
        rows: input.units.map((u, i) => [[String(i + 1)], [u.unitName], dateCell(u), resultCell(u)]),
        variant: 'report',
      },
    },
    sections: [
      { heading: 'II. KẾT QUẢ KIỂM TRA', paragraphs: concluded.length === 0 ? ['Chưa có đơn vị nào được kết luận.'] : [], items: [] },
      ...concluded.flatMap((u, i) => [
        { heading: `${i + 1}. ${u.unitName}`, paragraphs: [], items: [] },
        ...findingSections(u.conclusions, (n, title) => `${i + 1}.${n}. ${title}`),
      ]),
      {
        heading: 'III. ĐỀ XUẤT, KIẾN NGHỊ',
        paragraphs: [
          `Đề nghị Cơ quan Thường trực ${campaign.issuingBody} theo dõi, đôn đốc các cơ quan, đơn vị, địa phương thực hiện các kiến nghị của ${name}.`,
        ],
        items: [],
      },
    ],
    closing: [`Trên đây là báo cáo kết quả kiểm tra của ${name}./.`],
    recipients: ['- Như trên;', archiveLine(team.number)],
    signature: leaderSignature(team, input.signerName),
  };
}
