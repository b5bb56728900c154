import type { AnswerableItem, Section } from './rules.js';

// Pure: checking a unit's answers against its outline, merging them, and counting what is done.
// Unknown item ids are refused, never dropped: a typo in an id would otherwise lose a paragraph.

export interface StoredAnswer {
  text: string | null;
  /** Label → value, e.g. { "Tổng số hồ sơ tiếp nhận": 1520, "Tỷ lệ (%)": 87.5 }. */
  figures: Record<string, number>;
  /** "Không phát sinh": the item does not apply to the unit in the period. */
  notApplicable?: boolean;
  /** The report version that last changed this item: what a second tab checks before overwriting it. */
  revision?: number;
  updatedAt: string;
  updatedBy: string;
}

export type AnswerInput = {
  text?: string | null | undefined;
  figures?: Record<string, unknown> | null | undefined;
  notApplicable?: boolean | null | undefined;
} | null;

export interface AnswerIssue {
  itemId: string;
  field: string;
  code: 'UNKNOWN_ITEM' | 'NOT_ANSWERABLE' | 'FIGURE_NOT_NUMBER' | 'FIGURE_LABEL_EMPTY' | 'NOT_APPLICABLE_WITH_FIGURES';
  message: string;
}

export type AnswerChange = { text: string | null; figures: Record<string, number>; notApplicable: boolean } | null;

export function checkAnswers(
  answerable: Map<string, AnswerableItem>,
  allIds: Set<string>,
  input: Record<string, AnswerInput>,
): { issues: AnswerIssue[]; changes: Map<string, AnswerChange> } {
  const issues: AnswerIssue[] = [];
  const changes = new Map<string, AnswerChange>();
  for (const [itemId, answer] of Object.entries(input)) {
    const field = `answers.${itemId}`;
    if (!answerable.has(itemId)) {
      issues.push(
        allIds.has(itemId)
          ? { itemId, field, code: 'NOT_ANSWERABLE', message: `Mục ${itemId} là đề mục; hãy trả lời ở các mục con của nó` }
          : { itemId, field, code: 'UNKNOWN_ITEM', message: `Mục ${itemId} không có trong đề cương của đơn vị` },
      );
      continue;
    }
    if (answer === null) {
      changes.set(itemId, null);
      continue;
    }
    const figures: Record<string, number> = {};
    for (const [rawLabel, value] of Object.entries(answer.figures ?? {})) {
      const label = rawLabel.trim();
      if (label === '') {
        issues.push({ itemId, field: `${field}.figures`, code: 'FIGURE_LABEL_EMPTY', message: `Mục ${itemId}: số liệu phải có tên` });
      } else if (typeof value !== 'number' || !Number.isFinite(value)) {
        issues.push({
          itemId,
          field: `${field}.figures.${label}`,
          code: 'FIGURE_NOT_NUMBER',
          message: `Mục ${itemId}: số liệu "${label}" phải là một số (ví dụ 1520 hoặc 87.5), không phải ${JSON.stringify(value) ?? String(value)}`,
        });
      } else figures[label] = value;
    }
    const text = answer.text?.trim() ? answer.text.trim() : null;
    const notApplicable = answer.notApplicable === true;
    if (notApplicable && Object.keys(figures).length > 0) {
      issues.push({
        itemId,
        field: `${field}.figures`,
        code: 'NOT_APPLICABLE_WITH_FIGURES',
        message: `Mục ${itemId}: đã ghi “không phát sinh” thì không ghi số liệu`,
      });
      continue;
    }
    const empty = text === null && Object.keys(figures).length === 0 && !notApplicable;
    changes.set(itemId, empty ? null : { text, figures, notApplicable });
  }
  return { issues, changes };
}

/** A change that leaves the stored answer as it is (saving the same text again changes nothing). */
export function isSame(before: StoredAnswer | undefined, change: AnswerChange): boolean {
  if (!before || change === null) return before === undefined && change === null;
  return (
    before.text === change.text &&
    (before.notApplicable ?? false) === change.notApplicable &&
    JSON.stringify(before.figures) === JSON.stringify(change.figures)
  );
}

/** The revision a client sees for an item: 0 when it has no answer. */
export const revisionOf = (answer: StoredAnswer | undefined): number => (answer ? (answer.revision ?? 0) : 0);

/**
 * Items changed since the revision the client read them at (a second tab saved first): only items this
 * request really changes are checked, so saving a section does not trip over items it leaves alone.
 */
export function staleItems(current: Record<string, StoredAnswer>, changes: Map<string, AnswerChange>, expected: Record<string, number>): string[] {
  return [...changes].filter(([id, change]) => id in expected && !isSame(current[id], change) && revisionOf(current[id]) !== expected[id]).map(([id]) => id);
}

/** PATCH merges item by item; PUT starts from nothing. A null change removes the item's answer. */
export function applyChanges(
  current: Record<string, StoredAnswer>,
  changes: Map<string, AnswerChange>,
  replace: boolean,
  stamp: { at: string; by: string; revision: number },
): Record<string, StoredAnswer> {
  const next: Record<string, StoredAnswer> = replace ? {} : { ...current };
  for (const [itemId, change] of changes) {
    if (change === null) delete next[itemId];
    else {
      const before = current[itemId];
      const { notApplicable, ...content } = change;
      next[itemId] = before && isSame(before, change)
        ? before
        : { ...content, ...(notApplicable ? { notApplicable } : {}), revision: stamp.revision, updatedAt: stamp.at, updatedBy: stamp.by };
    }
  }
  return next;
}

/**
 * What a submission would leave empty: items with no answer, and items asking for figures that have
 * none (unless the unit wrote "không phát sinh"). In document order.
 */
export interface EmptyItem {
  itemId: string;
  reason: 'unanswered' | 'no-figures';
}

export function emptyItems(items: AnswerableItem[], answers: Record<string, StoredAnswer>): EmptyItem[] {
  return items.flatMap((item): EmptyItem[] => {
    const answer = answers[item.id];
    if (!answer) return [{ itemId: item.id, reason: 'unanswered' }];
    if (item.figures && !answer.notApplicable && Object.keys(answer.figures).length === 0) return [{ itemId: item.id, reason: 'no-figures' }];
    return [];
  });
}

export interface Completeness {
  answered: number;
  total: number;
  sections: { id: string; title: string; answered: number; total: number }[];
  /** Items that ask for figures (see outlines/README.md) and have none yet. */
  missingFigures: string[];
}

export function completeness(items: AnswerableItem[], sections: Section[], answers: Record<string, StoredAnswer>): Completeness {
  const counts = new Map(sections.map((s) => [s.id, { answered: 0, total: 0 }]));
  const missingFigures: string[] = [];
  let answered = 0;
  for (const item of items) {
    const count = counts.get(item.sectionId)!;
    count.total += 1;
    const answer = answers[item.id];
    if (answer) {
      count.answered += 1;
      answered += 1;
    }
    if (item.figures && !answer?.notApplicable && Object.keys(answer?.figures ?? {}).length === 0) missingFigures.push(item.id);
  }
  return {
    answered,
    total: items.length,
    sections: sections.map((s) => ({ id: s.id, title: s.title, ...counts.get(s.id)! })),
    missingFigures,
  };
}
