import { shortDate } from '../text/dates.js';
import type { ResultsNoticeContent } from './content.js';
import type { Section } from '../render/layout.js';
import {
  archiveLine,
  header,
  leaderSignature,
  numberLabel,
  numberLine,
  planReference,
  standingOfficeLine,
  type CampaignFacts,
  type TeamFacts,
} from './wording.js';

// Thông báo kết quả kiểm tra (to one inspected unit), worded from its published conclusions. Pure:
// data in, text out.

export const RESULTS_SERIES = 'TB';

export interface Conclusion {
  visitId: number;
  version: number;
  achieved: string;
  shortcomings: string;
  causes: string;
  recommendations: { text: string; responsibleUnitId: string; responsibleUnitName: string; dueDate: string }[];
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
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.length > 0 ? lines : ['Không có.'];
}

/** One line per recommendation, "- …;", the last closed with a full stop. */
function recommendationLines(conclusions: Conclusion[]): string[] {
  const all = conclusions.flatMap((c) => c.recommendations);
  if (all.length === 0) return ['- Không có kiến nghị.'];
  return all.map(
    (r, i) =>
      `- ${r.text.trim().replace(/[.;]+$/, '')} (đơn vị thực hiện: ${r.responsibleUnitName}; thời hạn: ${shortDate(r.dueDate)})${i === all.length - 1 ? '.' : ';'}`,
  );
}

export function findingSections(conclusions: Conclusion[], numbered: (n: number, title: string) => string): Section[] {
  const join = (pick: (c: Conclusion) => string) => paragraphs(conclusions.map(pick).join('\n'));
  return [
    { heading: numbered(1, 'Kết quả đạt được'), paragraphs: join((c) => c.achieved), items: [] },
    { heading: numbered(2, 'Tồn tại, hạn chế'), paragraphs: join((c) => c.shortcomings), items: [] },
    { heading: numbered(3, 'Nguyên nhân'), paragraphs: join((c) => c.causes), items: [] },
    { heading: numbered(4, 'Kiến nghị, yêu cầu'), paragraphs: [], items: recommendationLines(conclusions) },
  ];
}

const datesText = (dates: string[]) => [...new Set(dates)].sort().map(shortDate).join(', ');

/** "A", "A và B", "A, B và C". */
export function listText(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} và ${names.at(-1)}`;
}

/** Units other than the inspected one that a recommendation gives a task to, in order. */
function taskUnits(input: ResultsInput): { id: string; name: string }[] {
  const out = new Map<string, string>();
  for (const r of input.conclusions.flatMap((c) => c.recommendations)) {
    if (r.responsibleUnitId !== input.unitId) out.set(r.responsibleUnitId, r.responsibleUnitName);
  }
  return [...out].map(([id, name]) => ({ id, name }));
}

export function buildResultsNoticeContent(input: ResultsInput): ResultsNoticeContent {
  const { campaign, team, unitName } = input;
  const name = team.name;
  const tasked = taskUnits(input);
  const addressed = listText([unitName, ...tasked.map((u) => u.name)]);
  const assigned = tasked.length > 0 ? ' theo nội dung được giao' : '';
  const label = input.number === null ? null : numberLabel(input.number, RESULTS_SERIES, team.number);
  const announced = input.notice ? ` theo Thông báo số ${input.notice.numberLabel} ngày ${shortDate(input.notice.issueDate)}` : '';
  return {
    kind: 'results-notice',
    documentTitle: label ? `Thông báo kết quả kiểm tra số ${label}` : `Dự thảo thông báo kết quả kiểm tra - ${unitName}`,
    draft: label === null,
    rehearsal: campaign.rehearsal,
    header: header(campaign, team, numberLine(input.number, RESULTS_SERIES, team.number), input.issueDate),
    docType: 'THÔNG BÁO',
    subject: `Kết quả kiểm tra thực hiện Đề án 06 tại ${unitName}`,
    unitId: input.unitId,
    unitName,
    taskUnitIds: tasked.map((u) => u.id),
    visitIds: input.conclusions.map((c) => c.visitId),
    conclusionVersions: Object.fromEntries(input.conclusions.map((c) => [String(c.visitId), c.version])),
    intro: [
      planReference(campaign),
      `Ngày ${datesText(input.visitDates)}, ${name} đã kiểm tra kết quả thực hiện Đề án 06 tại ${unitName}${announced}. ` +
        `${name} thông báo kết quả kiểm tra như sau:`,
    ],
    sections: findingSections(input.conclusions, (n, title) => `${n}. ${title}`),
    closing: [
      `Đề nghị ${addressed} nghiêm túc thực hiện các kiến nghị nêu trên${assigned} và báo cáo kết quả thực hiện về ${name} (qua ${team.leaderUnitName}).`,
      `${name} thông báo để ${addressed} biết, thực hiện./.`,
    ],
    recipients: [`- ${unitName};`, ...tasked.map((u) => `- ${u.name};`), '- Thành viên Đoàn kiểm tra;', standingOfficeLine(campaign), archiveLine(team.number)],
    signature: leaderSignature(team, input.signerName),
  };
}
