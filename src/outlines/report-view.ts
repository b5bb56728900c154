import { completeness, revisionOf, type StoredAnswer } from './answers.js';
import type { ResolvedUnitOutline } from './core.js';
import type * as repo from './repository.js';
import { sectionsOf } from './rules.js';
import type { SelfReportView } from './schema.js';

// Pure: a unit's stored self-report as the API shows it, against its outline, on a given local date.

export function signedScanUrl(campaignId: string, unitId: string): string {
  return `/campaigns/${encodeURIComponent(campaignId)}/units/${encodeURIComponent(unitId)}/self-report/signed-scan`;
}

export function reportView(resolved: ResolvedUnitOutline, row: repo.SelfReportRow | undefined, today: string): SelfReportView {
  const { view, outline, blocks } = resolved;
  const stored: Record<string, StoredAnswer> = row?.answers ?? {};
  const current = Object.fromEntries(Object.entries(stored).filter(([id]) => resolved.answerable.has(id)));
  const status = row?.status ?? 'draft';
  const dueDate = view.visitDate;
  return {
    campaignId: view.campaignId,
    unitId: view.unitId,
    unitName: view.unitName,
    outline: view.outline.code,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
    answers: Object.fromEntries(
      Object.entries(current).map(([id, a]) => [
        id,
        { text: a.text, figures: a.figures, notApplicable: a.notApplicable ?? false, revision: revisionOf(a), updatedAt: a.updatedAt, updatedBy: a.updatedBy },
      ]),
    ),
    completeness: completeness([...resolved.answerable.values()], sectionsOf(outline, blocks), current),
    status,
    dueDate,
    late: status !== 'submitted' && dueDate !== null && today > dueDate,
    submission:
      status === 'submitted' && row?.submittedAt
        ? { at: row.submittedAt, by: row.submittedBy ?? '', incompleteItems: row.submittedIncomplete ?? [] }
        : null,
    returned: row?.returnedAt ? { at: row.returnedAt, by: row.returnedBy ?? '', reason: row.returnReason ?? '' } : null,
    signedScan:
      row?.scanSha256 && row.scanFileName && row.scanUploadedAt
        ? {
            fileName: row.scanFileName,
            size: row.scanSize ?? 0,
            uploadedAt: row.scanUploadedAt,
            uploadedBy: row.scanUploadedBy ?? '',
            url: signedScanUrl(view.campaignId, view.unitId),
          }
        : null,
  };
}
