import { MOTTO, NATIONAL_TITLE, type Nd30Header, type Signature } from '../render/layout.js';
import { placeDateLine, sessionName, weekdayDate } from '../text/dates.js';
import { committeeName, committeeTitle, communePlaceName, isCommuneCommittee } from '../text/places.js';
import { vietnameseNumber } from '../text/numbers.js';
import { planCitation } from '../text/plan.js';
import type { StoredAnswer } from './answers.js';
import type { ItemView } from './rules.js';
import type { UnitOutlineView } from './schema.js';

// Pure: the content of a unit's report ("BÁO CÁO Kết quả thực hiện Đề án 06") as a flat list of
// lines, printed by the Handlebars template (HTML, PDF) and the Word builder alike. A blank outline
// leaves dotted lines to write on after every answerable item; a filled one prints the answers.

export interface DocLine {
  /** 1–3: a heading (Word Heading 2–4); 0: a paragraph. */
  level: 0 | 1 | 2 | 3;
  cls: 'heading' | 'bullet' | 'sub' | 'question' | 'basis' | 'note' | 'write' | 'figures-hint' | 'answer' | 'figure' | 'missing';
  text: string;
}

export interface OutlineDocument {
  documentTitle: string;
  draft: boolean;
  header: Nd30Header;
  docType: string;
  subject: string;
  periodNote: string | null;
  addressee: string;
  intro: string[];
  body: DocLine[];
  recipients: string[];
  signature: Signature;
  /** Every heading in order (what a reader sees as the structure). */
  headings: string[];
}

export interface CampaignFacts {
  title: string;
  issuingBody: string;
  parentBody: string;
  placeName: string;
  planNumber: string | null;
  planDate: string | null;
  year: string;
}

export interface FilledReport {
  answers: Record<string, StoredAnswer>;
  /** Local date of the last change: the report's date. */
  date: string;
}

const UNDER_DISTRICT = new Set(['department', 'one-stop-desk']);
const WRITE_LINES = 3;

const upper = (s: string) => s.toLocaleUpperCase('vi');
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** "Bệnh viện Đa khoa huyện" → "Bệnh viện Đa khoa huyện Quảng Xương": a printed name says where. */
function fullName(name: string, place: string): string {
  return /\s(huyện|tỉnh)$/u.test(name) ? `${name} ${place}` : name;
}

function answerLines(item: { id: string; figures: boolean }, filled: FilledReport | null): DocLine[] {
  if (!filled) {
    const lines: DocLine[] = Array.from({ length: WRITE_LINES }, () => ({ level: 0, cls: 'write', text: '' }));
    if (item.figures) lines.push({ level: 0, cls: 'figures-hint', text: 'Số liệu:' });
    return lines;
  }
  const answer = filled.answers[item.id];
  if (!answer) return [{ level: 0, cls: 'missing', text: '(Chưa báo cáo)' }];
  const lines: DocLine[] = answer.notApplicable ? [{ level: 0, cls: 'answer', text: 'Không phát sinh.' }] : [];
  lines.push(...(answer.text ?? '')
    .split(/\n+/)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((text): DocLine => ({ level: 0, cls: 'answer', text })));
  for (const [label, value] of Object.entries(answer.figures)) {
    lines.push({ level: 0, cls: 'figure', text: `${label}: ${vietnameseNumber(value, 4)}` });
  }
  return lines;
}

/** "./." closes a document's last paragraph, never a heading (the source prints one on its last heading). */
const heading = (text: string) => text.replace(/\s*\.\/\.\s*$/u, '');

function itemLines(items: ItemView[], depth: number, filled: FilledReport | null, out: DocLine[]): void {
  for (const item of items) {
    if (item.no !== null) {
      out.push({ level: Math.min(depth + 1, 3) as 1 | 2 | 3, cls: 'heading', text: heading(`${item.no}. ${item.text}`) });
    } else {
      out.push({ level: 0, cls: item.marker === '+' ? 'sub' : 'bullet', text: `${item.marker} ${item.text}` });
    }
    if (item.answerable) out.push(...answerLines(item, filled));
    itemLines(item.children, item.no !== null ? depth + 1 : depth, filled, out);
  }
}

export function outlineDocument(view: UnitOutlineView, facts: CampaignFacts, unitKind: string, filled: FilledReport | null): OutlineDocument {
  const isCommune = isCommuneCommittee(unitKind);
  const name = fullName(view.unitName, facts.placeName);
  const phrase = isCommune ? committeeName(name) : name;
  // A commune's report is dated at the commune itself (Nghị định 30/2020, Phụ lục I).
  const place = isCommune ? communePlaceName(view.unitName) : facts.placeName;
  const body: DocLine[] = [];
  itemLines(view.items, 0, filled, body);
  if (view.trailingNote) body.push({ level: 0, cls: 'note', text: view.trailingNote });
  for (const block of view.blocks) {
    body.push({ level: 1, cls: 'heading', text: heading(block.heading) });
    if (block.legalBasis) body.push({ level: 0, cls: 'basis', text: block.legalBasis });
    for (const group of block.groups) {
      if (group.title) body.push({ level: 2, cls: 'heading', text: heading(group.title) });
      if (group.legalBasis) body.push({ level: 0, cls: 'basis', text: group.legalBasis });
      for (const q of group.questions) {
        body.push({ level: 0, cls: 'question', text: `(${q.no}) ${q.text}` });
        if (q.answerable) body.push(...answerLines(q, filled));
        for (const s of q.subBullets) {
          body.push({ level: 0, cls: 'bullet', text: `- ${s.text}` });
          body.push(...answerLines(s, filled));
        }
      }
    }
  }

  const intro = [
    `Thực hiện ${planCitation(facts.planNumber, facts.planDate)} của ${facts.issuingBody} về việc ${lowerFirst(facts.title)}, ${phrase} báo cáo kết quả thực hiện Đề án 06 như sau:`,
  ];
  if (view.visit) {
    const { session, startTime, endTime, date, place } = view.visit;
    const when = session === 'custom' ? `từ ${startTime} đến ${endTime}` : sessionName(session);
    intro.unshift(`Thời gian ${view.team.name} làm việc tại đơn vị: ${when} ${weekdayDate(date)}${place ? `, tại ${place}` : ''}.`);
  }
  return {
    documentTitle: `Báo cáo kết quả thực hiện Đề án 06 - ${view.unitName}`,
    draft: false,
    header: {
      parentBody: UNDER_DISTRICT.has(unitKind) ? upper(facts.parentBody) : '',
      issuingBody: isCommune ? committeeTitle(name) : upper(name),
      nationalTitle: NATIONAL_TITLE,
      motto: MOTTO,
      // Non-breaking spaces keep room for the number the unit writes in.
      numberLine: `Số:${'\u00a0'.repeat(8)}/BC-……`,
      placeDate: filled ? placeDateLine(place, filled.date) : `${place}, ngày …… tháng …… năm ${facts.year}`,
    },
    docType: 'BÁO CÁO',
    subject: `Kết quả thực hiện Đề án 06 tại ${phrase}`,
    periodNote: view.periodNote,
    addressee: `Kính gửi: ${view.team.name} - ${facts.issuingBody}`,
    intro,
    body,
    recipients: [`- ${view.team.name};`, '- Lưu: VT.'],
    signature: isCommune
      ? { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: null }
      : { authority: null, title: 'THỦ TRƯỞNG ĐƠN VỊ', name: null },
    headings: body.filter((l) => l.level > 0).map((l) => l.text),
  };
}
