import type { CalendarData } from '../../calendar/rules.js';
import { etag } from '../../http/etag.js';
import type { RecommendationContent } from '../tables.js';
import type { HeadRow, RecommendationFileRow, RecommendationRow, VersionRow } from './repository.js';
import { overdueness } from './rules.js';
import type { ConclusionView, RecommendationFileView, RecommendationView, VersionView } from './schema.js';

// Turning rows into API views. Overdue flags are computed here from today and the calendar.

export interface ViewContext {
  today: string;
  calendar: CalendarData;
  unitName: (unitId: string) => string;
  recommendation: (id: number) => RecommendationRow | undefined;
  /** Files attached to a recommendation's answers. */
  files: (id: number) => RecommendationFileRow[];
}

export function recommendationFileUrl(campaignId: string, recommendationId: number, id: number): string {
  return `/campaigns/${encodeURIComponent(campaignId)}/recommendations/${recommendationId}/evidence/${id}`;
}

export function recommendationFileView(row: RecommendationFileRow): RecommendationFileView {
  return {
    id: row.id,
    fileName: row.fileName,
    mimeType: row.mimeType,
    size: row.size,
    uploadedAt: row.uploadedAt,
    uploadedBy: row.uploadedBy,
    url: recommendationFileUrl(row.campaignId, row.recommendationId, row.id),
  };
}

export function conclusionEtag(head: Pick<HeadRow, 'visitId' | 'revision'>): string {
  return etag(`c${head.visitId}.${head.revision}`);
}

export function recommendationEtag(rec: Pick<RecommendationRow, 'id' | 'revision'>): string {
  return etag(`r${rec.id}.${rec.revision}`);
}

export function recommendationView(ctx: ViewContext, content: RecommendationContent): RecommendationView {
  const row = ctx.recommendation(content.id);
  const status = row?.status ?? 'open';
  const due = overdueness(ctx.calendar, { status, dueDate: content.dueDate }, ctx.today);
  return {
    id: content.id,
    text: content.text,
    responsibleUnitId: content.responsibleUnitId,
    responsibleUnitName: ctx.unitName(content.responsibleUnitId),
    dueDate: content.dueDate,
    effectiveDueDate: due.effectiveDueDate,
    status,
    overdue: due.overdue,
    workingDaysLate: due.workingDaysLate,
    statusNote: row?.statusNote ?? null,
    expectedDate: row?.expectedDate ?? null,
    statusChangedAt: row?.statusChangedAt ?? null,
    statusChangedBy: row?.statusChangedBy ?? null,
    evidence: ctx.files(content.id).map(recommendationFileView),
    etag: row ? recommendationEtag(row) : etag(`r${content.id}.0`),
  };
}

export function versionView(ctx: ViewContext, row: VersionRow): VersionView {
  return {
    version: row.version,
    status: row.status,
    achieved: row.achieved,
    shortcomings: row.shortcomings,
    causes: row.causes,
    recommendations: row.recommendations.map((r) => recommendationView(ctx, r)),
    amendmentReason: row.amendmentReason,
    checklistIncomplete: row.checklistIncomplete ?? null,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
  };
}

/** The whole conclusion; withDraft is false for the inspected unit, which never sees drafts. */
export function conclusionView(ctx: ViewContext, head: HeadRow, versions: VersionRow[], withDraft: boolean): ConclusionView {
  const published = versions.find((v) => v.version === head.publishedVersion) ?? null;
  const draft = withDraft ? (versions.find((v) => v.version === head.draftVersion) ?? null) : null;
  return {
    campaignId: head.campaignId,
    visitId: head.visitId,
    teamNumber: head.teamNumber,
    unitId: head.unitId,
    unitName: ctx.unitName(head.unitId),
    state: head.state,
    revision: head.revision,
    published: published ? versionView(ctx, published) : null,
    draft: draft ? versionView(ctx, draft) : null,
    versions: versions
      .filter((v) => withDraft || v.status !== 'draft')
      .map((v) => ({ version: v.version, status: v.status, publishedAt: v.publishedAt, amendmentReason: v.amendmentReason })),
    withdrawal: head.state === 'withdrawn' && head.withdrawnAt ? { at: head.withdrawnAt, by: head.withdrawnBy ?? '', reason: head.withdrawReason ?? '' } : null,
  };
}
