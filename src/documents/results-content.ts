import { shortDate, weekdayDate } from '../text/dates.js';
import type { ResultsNoticeContent, TeamReportContent } from './content.js';
import type { Section } from '../render/layout.js';
import {
  archiveLine,
  compositionLines,
  header,
  leaderSignature,
  numberLabel,
  numberLine,
  planReference,
  standingOfficeLine,
  type CampaignFacts,
  type TeamFacts,
} from './wording.js';

// Thông báo kết quả kiểm tra (to one inspected unit) and Báo cáo kết quả kiểm tra (the team's report
// to the standing office), worded from published conclusions. Pure: data in, text out.

export const RESULTS_SERIES = 'TB';
export const REPORT_SERIES = 'BC';

export interface Conclusion {
  visitId: number;
  version: number;
  achieved: string;
  shortcomings: string;
  causes: string;
  recommendations: { text: string; responsibleUnitName: string; dueDate: string }[];
}

export interface ResultsInput {
  campaign: CampaignFacts;
  team: TeamFacts;
  unitId: string;
  unitName: string;
  visitDates: string[];
  /** The notice that announced the visit ("01/TB-ĐKT01", issue date), if any. */
  notice: { numberLabel: string; issueDate: string } | null;
  conclusions: Conclusion[];
  /** null for a draft: "DỰ THẢO", the number left blank. */
  number: number | null;
  issueDate: string;
  signerName: string | null;
}

/** Text typed in a conclusion: one paragraph per line; nothing written reads "Không có." */
function paragraphs(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return lines.length > 0 ? lines : ['Không có.'];
}

function recommendationLines(conclusions: Conclusion[]): string[] {
  const lines = conclusions.flatMap((c) =>
    c.recommendations.map((r) => `- ${r.text.trim().replace(/[.;]+$/, '')} (đơn vị thực hiện: ${r.responsibleUnitName}; thời hạn: ${shortDate(r.dueDate)});`),
  );
  return lines.length > 0 ? lines : ['- Không có kiến nghị.'];
}

function findingSections(conclusions: Conclusion[], numbered: (n: number, title: string) => string): Section[] {
  const join = (pick: (c: Conclusion) => string) => paragraphs(conclusions.map(pick).join('\n'));
  return [
    { heading: numbered(1, 'Kết quả đạt được'), paragraphs: join((c) => c.achieved), items: [] },
    { heading: numbered(2, 'Tồn tại, hạn chế'), paragraphs: join((c) => c.shortcomings), items: [] },
    { heading: numbered(3, 'Nguyên nhân'), paragraphs: join((c) => c.causes), items: [] },
    { heading: numbered(4, 'Kiến nghị, yêu cầu'), paragraphs: [], items: recommendationLines(conclusions) },
  ];
}

const datesText = (dates: string[]) => [...new Set(dates)].sort().map(shortDate).join(', ');

export function buildResultsNoticeContent(input: ResultsInput): ResultsNoticeContent {
  const { campaign, team, unitName } = input;
  const name = team.name;
  const label = input.number === null ? null : numberLabel(input.number, RESULTS_SERIES, team.number);
  const announced = input.notice ? ` theo Thông báo số ${input.notice.numberLabel} ngày ${shortDate(input.notice.issueDate)}` : '';
  return {
    kind: 'results-notice',
    documentTitle: label ? `Thông báo kết quả kiểm tra số ${label}` : `Dự thảo thông báo kết quả kiểm tra - ${unitName}`,
    draft: label === null,
    header: header(campaign, team, numberLine(input.number, RESULTS_SERIES, team.number), input.issueDate),
    docType: 'THÔNG BÁO',
    subject: `Kết quả kiểm tra thực hiện Đề án 06 tại ${unitName}`,
    unitId: input.unitId,
    unitName,
    visitIds: input.conclusions.map((c) => c.visitId),
    conclusionVersions: Object.fromEntries(input.conclusions.map((c) => [String(c.visitId), c.version])),
    intro: [
      planReference(campaign),
      `Ngày ${datesText(input.visitDates)}, ${name} đã kiểm tra kết quả thực hiện Đề án 06 tại ${unitName}${announced}. ` +
        `${name} thông báo kết quả kiểm tra như sau:`,
    ],
    sections: findingSections(input.conclusions, (n, title) => `${n}. ${title}`),
    closing: [
      `Đề nghị ${unitName} nghiêm túc thực hiện các kiến nghị nêu trên và báo cáo kết quả thực hiện về ${name} (qua ${team.leaderUnitName}).`,
      `${name} thông báo để ${unitName} biết, thực hiện./.`,
    ],
    recipients: [`- ${unitName};`, '- Thành viên Đoàn kiểm tra;', standingOfficeLine(campaign), archiveLine(team.number)],
    signature: leaderSignature(team, input.signerName),
  };
}

export interface ReportUnit {
  unitId: string;
  unitName: string;
  visitDates: string[];
  resultsNotice: { numberLabel: string; issueDate: string } | null;
  conclusions: Conclusion[];
}

export interface ReportInput {
  campaign: CampaignFacts;
  team: TeamFacts;
  /** Every unit the team visited or will visit, in programme order. */
  units: ReportUnit[];
  /** null for a draft. */
  number: number | null;
  issueDate: string;
  signerName: string | null;
}

export function buildTeamReportContent(input: ReportInput): TeamReportContent {
  const { campaign, team } = input;
  const name = team.name;
  const label = input.number === null ? null : numberLabel(input.number, REPORT_SERIES, team.number);
  const concluded = input.units.filter((u) => u.conclusions.length > 0);
  const dates = input.units.flatMap((u) => u.visitDates).sort();
  const span = dates.length > 0 ? `Từ ngày ${shortDate(dates[0]!)} đến ngày ${shortDate(dates.at(-1)!)}, ` : '';
  const desk = campaign.standingOfficeDesk ? ` (qua ${campaign.standingOfficeDesk})` : '';
  const resultCell = (u: ReportUnit) =>
    u.resultsNotice
      ? [`Số ${u.resultsNotice.numberLabel}`, `ngày ${shortDate(u.resultsNotice.issueDate)}`]
      : [u.conclusions.length > 0 ? 'Chưa ban hành' : 'Chưa kết luận'];
  return {
    kind: 'team-report',
    documentTitle: label ? `Báo cáo kết quả kiểm tra số ${label}` : `Dự thảo báo cáo kết quả kiểm tra - ${name}`,
    draft: label === null,
    header: header(campaign, team, numberLine(input.number, REPORT_SERIES, team.number), input.issueDate),
    docType: 'BÁO CÁO',
    subject: `Kết quả kiểm tra thực hiện Đề án 06 của ${name}`,
    addressee: `Kính gửi: Cơ quan Thường trực ${campaign.issuingBody}${desk}`,
    intro: [planReference(campaign), `${name} báo cáo kết quả kiểm tra như sau:`],
    overview: {
      heading: 'I. KHÁI QUÁT',
      paragraphs: [`Thành phần ${name}:`],
      items: [
        ...compositionLines(team),
        `${span}${name} đã kiểm tra và kết luận tại ${concluded.length}/${input.units.length} cơ quan, đơn vị, địa phương được phân công:`,
      ],
      table: {
        columns: [
          { title: 'STT', width: 7 },
          { title: 'Đơn vị được kiểm tra', width: 38 },
          { title: 'Ngày kiểm tra', width: 30 },
          { title: 'Thông báo kết quả', width: 25 },
        ],
        rows: input.units.map((u, i) => [[String(i + 1)], [u.unitName], u.visitDates.map(weekdayDate), resultCell(u)]),
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
