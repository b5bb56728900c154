import type { AnswerableItem, Section } from './rules.js';

// Pure: checking a unit's answers against its outline, merging them, and counting what is done.
// Unknown item ids are refused, never dropped: a typo in an id would otherwise lose a paragraph.

export interface StoredAnswer {
  text: string | null;
  /** Label → value, e.g. { "Tổng số hồ sơ tiếp nhận": 1520, "Tỷ lệ (%)": 87.5 }. */
  figures: Record<string, number>;
  updatedAt: string;
  updatedBy: string;
}

export type AnswerInput = { text?: string | null | undefined; figures?: Record<string, unknown> | null | undefined } | null;

export interface AnswerIssue {
  itemId: string;
  field: string;
  code: 'UNKNOWN_ITEM' | 'NOT_ANSWERABLE' | 'FIGURE_NOT_NUMBER' | 'FIGURE_LABEL_EMPTY';
  message: string;
}

export type AnswerChange = { text: string | null; figures: Record<string, number> } | null;

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
    changes.set(itemId, text === null && Object.keys(figures).length === 0 ? null : { text, figures });
  }
  return { issues, changes };
}

/** PATCH merges item by item; PUT starts from nothing. A null change removes the item's answer. */
export function applyChanges(
  current: Record<string, StoredAnswer>,
  changes: Map<string, AnswerChange>,
  replace: boolean,
  stamp: { at: string; by: string },
): Record<string, StoredAnswer> {
  const next: Record<string, StoredAnswer> = replace ? {} : { ...current };
  for (const [itemId, change] of changes) {
    if (change === null) delete next[itemId];
    else {
      const before = current[itemId];
      const same = before && before.text === change.text && JSON.stringify(before.figures) === JSON.stringify(change.figures);
      next[itemId] = same ? before : { ...change, updatedAt: stamp.at, updatedBy: stamp.by };
    }
  }
  return next;
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
    if (item.figures && Object.keys(answer?.figures ?? {}).length === 0) missingFigures.push(item.id);
  }
  return {
    answered,
    total: items.length,
    sections: sections.map((s) => ({ id: s.id, title: s.title, ...counts.get(s.id)! })),
    missingFigures,
  };
}
