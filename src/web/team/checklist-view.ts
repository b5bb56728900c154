import type { ChecklistView } from '../../findings/checklist/schema.js';
import type { ChecklistResult } from '../../findings/tables.js';

// Pure: the visit's checklist as the visit page shows it, item by item, with what was typed back in
// the item a refused or conflicting save came from (nothing typed is lost).

export const RESULT_LABELS: Record<ChecklistResult, string> = {
  dat: 'Đạt',
  'dat-mot-phan': 'Đạt một phần',
  'chua-dat': 'Chưa đạt',
  'khong-ap-dung': 'Không áp dụng',
};
const RESULTS = Object.keys(RESULT_LABELS) as ChecklistResult[];

/** What happened to one item on the last save: refused (field errors) or changed meanwhile by someone else. */
export interface ItemState {
  key: string;
  typed: { result: string; note: string };
  errors: Record<string, string>;
  /** The answer someone else saved meanwhile. */
  conflict: { result: string | null; note: string | null; by: string; at: string } | null;
}

const SECTION_TITLES: Record<string, string> = { contents: 'II. Nội dung kiểm tra', methods: 'III. Phương pháp kiểm tra' };

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1_048_576) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1_048_576).toFixed(1).replace('.', ',')} MB`;
}

/** What a file that is not a picture shows in place of a thumbnail: its extension ("PDF", "DOCX"). */
export function fileBadge(fileName: string): string {
  const ext = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1];
  return ext ? ext.toUpperCase() : 'TỆP';
}

/** A stable, valid id for an element of an item ("II.3" → "muc-II.3", "block:tckh" → "phan-block-tckh"). */
export const itemAnchor = (key: string) => `muc-${key.replace(/[^\w.-]/g, '-')}`;

export function checklistSections(view: ChecklistView, base: string, state: ItemState | null) {
  return view.sections.map((section) => {
    let previousGroup: string | null = null;
    const items = section.items.map((item) => {
      const own = state?.key === item.key ? state : null;
      const result = own ? own.typed.result : (item.answer?.result ?? '');
      const anchor = itemAnchor(item.key);
      const groupHeading = item.group !== null && item.group !== previousGroup ? item.group : null;
      previousGroup = item.group;
      return {
        key: item.key,
        anchor,
        resultErrorId: `${anchor}-ket-qua`,
        fileErrorId: `${anchor}-tep-loi`,
        no: item.no,
        text: item.text,
        groupHeading,
        subBullets: item.subBullets,
        version: item.answer?.version ?? 0,
        note: own ? own.typed.note : (item.answer?.note ?? ''),
        answered: item.answer?.result != null,
        resultLabel: item.answer?.result ? RESULT_LABELS[item.answer.result] : null,
        updatedBy: item.answer?.updatedBy ?? null,
        updatedAt: item.answer?.updatedAt ?? null,
        figures: item.answer?.figures ?? [],
        options: RESULTS.map((value) => ({ value, label: RESULT_LABELS[value], checked: result === value, id: `${anchor}-${value}` })),
        evidence: item.evidence.map((e) => ({
          id: e.id,
          fileName: e.fileName,
          image: e.mimeType.startsWith('image/'),
          badge: fileBadge(e.fileName),
          size: fileSize(e.size),
          href: `${base}/minh-chung/${e.id}`,
          uploadedBy: e.uploadedBy,
        })),
        errors: own?.errors ?? {},
        conflict: own?.conflict
          ? { ...own.conflict, resultLabel: own.conflict.result ? RESULT_LABELS[own.conflict.result as ChecklistResult] : 'chưa chọn' }
          : null,
      };
    });
    return {
      key: section.key,
      title: SECTION_TITLES[section.kind] ?? section.title,
      legalBasis: section.legalBasis,
      answered: items.filter((i) => i.answered).length,
      total: items.length,
      items,
    };
  });
}
