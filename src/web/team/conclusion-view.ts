import type { ConclusionView, RecommendationView, VersionView } from '../../findings/conclusions/schema.js';
import type { FieldErrors } from '../forms.js';

// Pure: the conclusion part of the visit page: what is in force, the draft form (with what was typed
// when a save was refused), and the versions so far.

export interface RecommendationRow {
  index: number;
  id: string;
  text: string;
  unitId: string;
  dueDate: string;
}

export interface DraftTyped {
  achieved: string;
  shortcomings: string;
  causes: string;
  rows: RecommendationRow[];
}

/** Blank rows offered under the written ones; one more appears each time the draft is saved. */
const BLANK_ROWS = 2;

const STATE_LABELS: Record<ConclusionView['state'], string> = {
  draft: 'Đang soạn dự thảo, chưa ban hành',
  published: 'Đã ban hành',
  withdrawn: 'Đã thu hồi',
};

const recommendationOf = (r: RecommendationView) => ({
  id: r.id,
  text: r.text,
  unitName: r.responsibleUnitName,
  dueDate: r.dueDate,
  status: r.status,
  overdue: r.overdue,
  expectedDate: r.expectedDate,
  note: r.statusNote,
});

function versionOf(v: VersionView | null) {
  if (!v) return null;
  return { ...v, recommendations: v.recommendations.map(recommendationOf) };
}

function rowsOf(version: VersionView | null, inspectedUnitId: string): RecommendationRow[] {
  const written = (version?.recommendations ?? []).map((r, index) => ({
    index,
    id: String(r.id),
    text: r.text,
    unitId: r.responsibleUnitId,
    dueDate: r.dueDate,
  }));
  return withBlanks(written, inspectedUnitId);
}

export function withBlanks(rows: RecommendationRow[], inspectedUnitId: string): RecommendationRow[] {
  const blanks = Array.from({ length: BLANK_ROWS }, (_, i) => ({ index: rows.length + i, id: '', text: '', unitId: inspectedUnitId, dueDate: '' }));
  return [...rows, ...blanks];
}

export function conclusionSection(
  conclusion: ConclusionView | null,
  inspectedUnitId: string,
  edit: {
    typed?: DraftTyped | null;
    reasons?: { ly_do: string; ly_do_danh_muc: string } | null;
    errors?: FieldErrors;
    message?: string | null;
    stale?: boolean;
    done?: string | null;
  } = {},
) {
  // The form starts from the draft, else from the version in force (an amendment starts from it).
  const base = conclusion?.draft ?? conclusion?.published ?? null;
  const typed: DraftTyped = edit.typed ?? {
    achieved: base?.achieved ?? '',
    shortcomings: base?.shortcomings ?? '',
    causes: base?.causes ?? '',
    rows: rowsOf(base, inspectedUnitId),
  };
  const errors = edit.errors ?? {};
  const rows = typed.rows.map((r) => ({
    ...r,
    no: r.index + 1,
    textError: errors[`kn_noi_dung:${r.index}`] ?? null,
    unitError: errors[`kn_don_vi:${r.index}`] ?? null,
    dueError: errors[`kn_han:${r.index}`] ?? null,
  }));
  return {
    exists: conclusion !== null,
    state: conclusion?.state ?? null,
    stateLabel: conclusion ? STATE_LABELS[conclusion.state] : 'Chưa có kết luận',
    revision: conclusion?.revision ?? 0,
    published: versionOf(conclusion?.published ?? null),
    draft: versionOf(conclusion?.draft ?? null),
    hasDraft: conclusion?.draft != null,
    amending: conclusion?.state === 'published' && conclusion.draft !== null,
    withdrawal: conclusion?.withdrawal ?? null,
    versions: conclusion?.versions ?? [],
    typed: { ...typed, rows },
    // An amendment of a conclusion published with the checklist unfinished starts from the reason given then.
    reasons: edit.reasons ?? { ly_do: '', ly_do_danh_muc: conclusion?.published?.checklistIncomplete?.reason ?? '' },
    errors,
    message: edit.message ?? null,
    stale: edit.stale ?? false,
    done: edit.done ?? null,
  };
}

/** The draft form's fields as typed: kn_noi_dung:<i>, kn_don_vi:<i>, kn_han:<i>, kn_id:<i>. */
export function typedDraft(body: Record<string, unknown>, inspectedUnitId: string): DraftTyped {
  const text = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
  const indexes = Object.keys(body)
    .map((k) => /^kn_noi_dung:(\d{1,3})$/.exec(k)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const rows = indexes.map((i) => ({
    index: i,
    id: text(`kn_id:${i}`),
    text: text(`kn_noi_dung:${i}`).trim(),
    unitId: text(`kn_don_vi:${i}`) || inspectedUnitId,
    dueDate: text(`kn_han:${i}`).trim(),
  }));
  return { achieved: text('ket_qua').trim(), shortcomings: text('ton_tai').trim(), causes: text('nguyen_nhan').trim(), rows };
}

export type DraftCheck =
  | {
      ok: true;
      input: {
        achieved: string;
        shortcomings: string;
        causes: string;
        recommendations: { id?: number; text: string; responsibleUnitId: string; dueDate: string }[];
      };
    }
  | { ok: false; errors: FieldErrors };

/** Rows left blank are dropped; a row with words needs a valid due date. */
export function checkDraft(typed: DraftTyped): DraftCheck {
  const errors: FieldErrors = {};
  const filled = typed.rows.filter((r) => r.text !== '');
  for (const row of typed.rows) {
    if (row.text === '' && row.dueDate !== '') errors[`kn_noi_dung:${row.index}`] = 'Hãy ghi nội dung kiến nghị, hoặc xóa thời hạn của dòng này.';
    if (row.text !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(row.dueDate)) errors[`kn_han:${row.index}`] = 'Hãy chọn thời hạn thực hiện kiến nghị (ngày/tháng/năm).';
    if (row.text.length > 4000) errors[`kn_noi_dung:${row.index}`] = 'Kiến nghị dài quá 4.000 ký tự.';
  }
  for (const [name, value] of [
    ['ket_qua', typed.achieved],
    ['ton_tai', typed.shortcomings],
    ['nguyen_nhan', typed.causes],
  ] as const) {
    if (value.length > 20_000) errors[name] = 'Nội dung dài quá 20.000 ký tự.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      achieved: typed.achieved,
      shortcomings: typed.shortcomings,
      causes: typed.causes,
      recommendations: filled.map((r) => ({
        ...(/^\d+$/.test(r.id) ? { id: Number(r.id) } : {}),
        text: r.text,
        responsibleUnitId: r.unitId,
        dueDate: r.dueDate,
      })),
    },
  };
}
