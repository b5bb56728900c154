import type { FileChild } from 'docx';
import * as word from '../render/docx.js';
import { MOTTO, NATIONAL_TITLE, type Grid, type Nd30Header, type Section, type Signature } from '../render/layout.js';
import { dateRangeText, placeDateLine, shortDate } from '../text/dates.js';
import { excerpt } from '../text/excerpt.js';

// Pure: the standing office's summary of the round for the district's leadership ("theo dõi, tổng
// hợp kết quả kiểm tra, báo cáo Chủ tịch UBND huyện - Tổ trưởng Tổ công tác", the plan's part V.1),
// worded from the data, then laid out in Word with the same Nghị định 30 blocks as every document
// (render/docx.ts). The number is left blank for the office's clerk, as on a draft.

export interface SummaryUnit {
  unitName: string;
  visitDate: string | null;
  /** The first sentences of the published conclusion, or null when none is published. */
  achieved: string | null;
  shortcomings: string | null;
  recommendations: number;
}

export interface SummaryTeam {
  name: string;
  leaderUnitName: string;
  targets: number;
  visited: number;
  concluded: number;
  resultsNotices: number;
  teamReportOn: string | null;
  units: SummaryUnit[];
}

export interface SummaryInput {
  campaign: {
    title: string;
    issuingBody: string;
    parentBody: string;
    placeName: string;
    standingOfficeName: string | null;
    window: { start: string; last: string };
    rehearsal: boolean;
  };
  today: string;
  teams: SummaryTeam[];
  recommendations: { total: number; done: number; open: number; overdue: { text: string; unitName: string; dueDate: string }[] };
}

export interface SummaryContent {
  documentTitle: string;
  header: Nd30Header;
  docType: string;
  subject: string;
  addressee: string;
  intro: string[];
  overview: Section & { table: Grid };
  sections: Section[];
  closing: string[];
  recipients: string[];
  signature: Signature;
  /** A rehearsal's summary says so at the top of every page, as its other documents do. */
  rehearsal: boolean;
}

const upper = (value: string) => value.toLocaleUpperCase('vi');
const EXCERPT = 300;

/** The first EXCERPT characters of a text, cut at a word ("…" when something was left out). */
export function brief(text: string): string {
  return excerpt(text, EXCERPT);
}

export function buildSummaryContent(input: SummaryInput): SummaryContent {
  const { campaign, teams } = input;
  const office = campaign.standingOfficeName ?? 'Cơ quan thường trực';
  const sum = (pick: (t: SummaryTeam) => number) => teams.reduce((n, t) => n + pick(t), 0);
  const recs = input.recommendations;
  return {
    documentTitle: `Báo cáo tổng hợp kết quả kiểm tra ${campaign.title}`,
    header: {
      parentBody: upper(campaign.issuingBody),
      issuingBody: upper(office),
      nationalTitle: NATIONAL_TITLE,
      motto: MOTTO,
      numberLine: 'Số:      /BC',
      placeDate: placeDateLine(campaign.placeName, input.today),
    },
    docType: 'BÁO CÁO',
    subject: `Tổng hợp kết quả ${campaign.title.charAt(0).toLocaleLowerCase('vi')}${campaign.title.slice(1)}`,
    addressee: `Kính gửi: Chủ tịch ${campaign.parentBody} - Tổ trưởng ${campaign.issuingBody}`,
    intro: [
      ...(campaign.rehearsal ? ['(Báo cáo của đợt diễn tập: số liệu dùng để tập làm quen, không có giá trị thật.)'] : []),
      `Thực hiện nhiệm vụ Cơ quan thường trực ${campaign.issuingBody}, ${office} tổng hợp kết quả kiểm tra của các đoàn ` +
        `(số liệu đến ngày ${shortDate(input.today)}) như sau:`,
    ],
    overview: {
      heading: 'I. KHÁI QUÁT',
      paragraphs: [
        `Các đoàn kiểm tra ${dateRangeText(campaign.window.start, campaign.window.last)}. ${teams.length} đoàn được giao kiểm tra ` +
          `${sum((t) => t.targets)} cơ quan, đơn vị, địa phương; đến nay đã kiểm tra ${sum((t) => t.visited)} đơn vị, ` +
          `đã kết luận ${sum((t) => t.concluded)} đơn vị, đã thông báo kết quả cho ${sum((t) => t.resultsNotices)} đơn vị; ` +
          `${teams.filter((t) => t.teamReportOn !== null).length}/${teams.length} đoàn đã gửi báo cáo kết quả kiểm tra.`,
      ],
      items: [],
      table: {
        columns: [
          { title: 'Đoàn', width: 22 },
          { title: 'Đơn vị chủ trì', width: 30 },
          { title: 'Được giao', width: 12 },
          { title: 'Đã kiểm tra', width: 12 },
          { title: 'Đã kết luận', width: 12 },
          { title: 'Báo cáo của Đoàn', width: 12 },
        ],
        rows: teams.map((t) => [
          [t.name],
          [t.leaderUnitName],
          [String(t.targets)],
          [String(t.visited)],
          [String(t.concluded)],
          [t.teamReportOn ? `ngày ${shortDate(t.teamReportOn)}` : 'chưa gửi'],
        ]),
        variant: 'summary',
      },
    },
    sections: [
      { heading: 'II. KẾT QUẢ KIỂM TRA CỦA CÁC ĐOÀN', paragraphs: [], items: [] },
      ...teams.flatMap((t, i): Section[] => {
        const concluded = t.units.filter((u) => u.achieved !== null);
        return [
          {
            heading: `${i + 1}. ${t.name} (${t.leaderUnitName} chủ trì)`,
            paragraphs: [`Đã kiểm tra ${t.visited}/${t.targets} đơn vị, đã kết luận ${concluded.length} đơn vị.`],
            items:
              concluded.length === 0
                ? ['- Chưa có kết luận được ban hành.']
                : concluded.map(
                    (u) =>
                      `- ${u.unitName}${u.visitDate ? ` (kiểm tra ngày ${shortDate(u.visitDate)})` : ''}: ${u.achieved}` +
                      `${u.shortcomings ? ` Tồn tại, hạn chế: ${u.shortcomings}` : ''}` +
                      `${u.recommendations > 0 ? ` (${u.recommendations} kiến nghị)` : ''}`,
                  ),
          },
        ];
      }),
      {
        heading: 'III. KIẾN NGHỊ VÀ VIỆC THỰC HIỆN',
        paragraphs: [
          recs.total === 0
            ? 'Các đoàn chưa có kiến nghị nào.'
            : `Các đoàn đã kiến nghị ${recs.total} nội dung; đã thực hiện ${recs.done}, đang thực hiện ${recs.open}, ` +
              `trong đó ${recs.overdue.length} kiến nghị đã quá hạn:`,
        ],
        items: recs.overdue.map((r) => `- ${r.text.trim().replace(/[.;]+$/, '')} (${r.unitName}; thời hạn ${shortDate(r.dueDate)})`),
      },
      {
        heading: 'IV. ĐỀ XUẤT',
        paragraphs: [
          `${office} đề nghị Chủ tịch ${campaign.parentBody} chỉ đạo các đoàn kiểm tra hoàn thành việc kiểm tra, ` +
            'thông báo kết quả và gửi báo cáo đúng thời hạn; các cơ quan, đơn vị, địa phương thực hiện các kiến nghị của các đoàn.',
        ],
        items: [],
      },
    ],
    closing: [`Trên đây là báo cáo tổng hợp kết quả kiểm tra của ${office}./.`],
    recipients: ['- Như trên;', `- Thành viên ${campaign.issuingBody};`, '- Lưu: VT.'],
    signature: { authority: `CƠ QUAN THƯỜNG TRỰC`, title: upper(office), name: null },
    rehearsal: campaign.rehearsal,
  };
}

/** The summary as a Word document, from the shared Nghị định 30 blocks. */
export function summaryDocx(content: SummaryContent): Promise<Buffer> {
  const children: FileChild[] = [
    word.nd30Header(content.header),
    ...word.titleBlock(content.docType, content.subject),
    word.centredLine(content.addressee),
    ...content.intro.map(word.bodyParagraph),
    ...word.section(content.overview),
    word.grid(content.overview.table),
    ...content.sections.flatMap(word.section),
    ...content.closing.map(word.bodyParagraph),
    word.nd30Footer(content.recipients, content.signature),
  ];
  return word.docxBuffer(content.documentTitle, children, undefined, content.rehearsal ? word.REHEARSAL_LINE : null);
}
