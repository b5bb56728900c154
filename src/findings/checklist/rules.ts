import type { CampaignDefinition } from '../../campaigns/schema.js';
import type { OutlineBlock } from '../deps.js';

// A visit's checklist, derived (never stored) from the plan's Section II contents, its Section III
// methods and the department blocks assigned to the unit. Keys are stable: "II.3", "III.2.4", and a
// block question's own id from outlines/ ("tckh.q2"), so answers survive a corrected wording.

export const checklistResults = ['dat', 'dat-mot-phan', 'chua-dat', 'khong-ap-dung'] as const;
export type ChecklistResult = (typeof checklistResults)[number];

export type SectionKind = 'contents' | 'methods' | 'block';

export interface ChecklistTemplateItem {
  key: string;
  section: string;
  group: string | null;
  no: string;
  text: string;
  subBullets: string[];
  asksForFigures: boolean;
}

export interface ChecklistTemplateSection {
  key: string;
  kind: SectionKind;
  title: string;
  legalBasis: string | null;
  items: ChecklistTemplateItem[];
}

// Section II items carry no flag in the definition: an item asks for figures when its wording asks
// for a count, a share or an amount (outline blocks are flagged by hand in outlines/).
const FIGURE_WORDS = /bao nhiêu|số lượng|tỉ lệ|tỷ lệ|phần trăm|\d+\s?%|kinh phí|số tin|số lượt|số hồ sơ/iu;

export function asksForFigures(text: string): boolean {
  return FIGURE_WORDS.test(text.normalize('NFC'));
}

function contentsSection(definition: CampaignDefinition): ChecklistTemplateSection {
  return {
    key: 'II',
    kind: 'contents',
    title: 'Nội dung kiểm tra',
    legalBasis: null,
    items: definition.inspection.contents.map((c) => ({
      key: `II.${c.no}`,
      section: 'II',
      group: null,
      no: String(c.no),
      text: c.text,
      subBullets: [],
      asksForFigures: asksForFigures(c.text),
    })),
  };
}

/** A method with bullets is checked bullet by bullet (the report, the documents, the discussion, the conclusion). */
function methodsSection(definition: CampaignDefinition): ChecklistTemplateSection {
  const items = definition.inspection.methods.flatMap((m): ChecklistTemplateItem[] =>
    m.bullets.length === 0
      ? [{ key: `III.${m.no}`, section: 'III', group: null, no: String(m.no), text: m.text, subBullets: [], asksForFigures: false }]
      : m.bullets.map((bullet, i) => ({
          key: `III.${m.no}.${i + 1}`,
          section: 'III',
          group: m.text,
          no: `${m.no}.${i + 1}`,
          text: bullet,
          subBullets: [],
          asksForFigures: false,
        })),
  );
  return { key: 'III', kind: 'methods', title: 'Phương pháp kiểm tra', legalBasis: null, items };
}

function blockSection(block: OutlineBlock): ChecklistTemplateSection {
  const key = `block:${block.id}`;
  const items = block.groups.flatMap((group, gi) =>
    group.questions.map((q) => {
      const subBullets = (q.subBullets ?? []).map((b) => (typeof b === 'string' ? b : b.text));
      const flagged = q.figures ?? false;
      const subFlagged = (q.subBullets ?? []).some((b) => typeof b !== 'string' && b.figures === true);
      return {
        key: q.id ?? `${block.id}.g${gi + 1}.q${q.no}`,
        section: key,
        group: group.title,
        no: String(q.no),
        text: q.text,
        subBullets,
        asksForFigures: flagged || subFlagged || (q.figures === undefined && asksForFigures(q.text)),
      };
    }),
  );
  return { key, kind: 'block', title: block.heading, legalBasis: block.legalBasis, items };
}

/** Sections in the order the team works through them: contents, method, then the unit's blocks. */
export function checklistTemplate(definition: CampaignDefinition, blocks: OutlineBlock[]): ChecklistTemplateSection[] {
  const sections = [contentsSection(definition), methodsSection(definition), ...blocks.map(blockSection)];
  return sections.filter((s) => s.items.length > 0);
}

export function templateKeys(sections: ChecklistTemplateSection[]): Set<string> {
  return new Set(sections.flatMap((s) => s.items.map((i) => i.key)));
}

export interface ChecklistProgress {
  answered: number;
  total: number;
  byResult: Record<ChecklistResult, number>;
}

/** Items answered out of the items of the template; answers to keys no longer in it are not counted. */
export function checklistProgress(keys: Set<string>, answers: { itemKey: string; result: ChecklistResult | null }[]): ChecklistProgress {
  const byResult = Object.fromEntries(checklistResults.map((r) => [r, 0])) as Record<ChecklistResult, number>;
  let answered = 0;
  for (const answer of answers) {
    if (!keys.has(answer.itemKey) || answer.result === null) continue;
    answered += 1;
    byResult[answer.result] += 1;
  }
  return { answered, total: keys.size, byResult };
}
