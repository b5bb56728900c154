import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app.js';
import type { ConclusionView } from '../../findings/conclusions/schema.js';
import { latestNoticeDate } from '../../calendar/rules.js';
import { checklistSections, type ItemState } from './checklist-view.js';
import { conclusionSection } from './conclusion-view.js';
import type { VisitPage } from './context.js';

// The visit page of the team, put together: the visit and its papers, the checklist item by item,
// and the conclusion (drafted, published, amended or withdrawn here by the leader).

/** What file inputs offer: the API's allowed types, with the extensions phones and Windows know. */
export function acceptList(types: readonly string[]): string {
  const extensions: Record<string, string> = {
    'application/pdf': '.pdf',
    'application/msword': '.doc',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
    'application/vnd.ms-excel': '.xls',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  };
  return [...types, ...types.map((t) => extensions[t]).filter((e): e is string => e !== undefined)].join(',');
}

export function maxSizeLabel(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1).replace(/\.0$/, '').replace('.', ',')} MB`;
}

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'ảnh JPEG',
  'image/png': 'ảnh PNG',
  'image/webp': 'ảnh WebP',
  'application/msword': 'Word (.doc)',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (.docx)',
  'application/vnd.ms-excel': 'Excel (.xls)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (.xlsx)',
};

/**
 * A file the service refused, in the page's words: the service names media types and MiB, which a
 * commune clerk does not read; the page names the file, what it takes, and the limit its form states.
 */
export function fileRefusal(status: number, serviceMessage: string, fileName: string, limits: { maxBytes: number; types: readonly string[] }): string {
  if (status === 415) return `Không nhận tệp “${fileName}”: loại tệp này không được nhận. Chỉ nhận ${limits.types.map((t) => TYPE_NAMES[t] ?? t).join(', ')}.`;
  if (status === 413) return `Tệp “${fileName}” lớn quá: tối đa ${maxSizeLabel(limits.maxBytes)}.`;
  return serviceMessage;
}

export interface VisitDayExtra {
  item?: ItemState | null;
  conclusion?: Parameters<typeof conclusionSection>[2];
  /** Which item was just saved or given a file (from the redirect's query). */
  saved?: string | null;
  uploaded?: string | null;
}

function readOrNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404 || (error as { statusCode?: number }).statusCode === 403) return null;
    throw error;
  }
}

export function renderVisitDay(services: Services, request: FastifyRequest, reply: FastifyReply, page: VisitPage, extra: VisitDayExtra = {}, status = 200) {
  const actor = request.actor!;
  const { visit, checklist, campaign } = page;
  const notices = services.documents.list(campaign.id, actor, { teamNumber: visit.teamNumber, kind: 'notice' }).filter((d) => d.visitIds.includes(visit.id));
  const outline = readOrNull(() => services.outlines.forUnit(campaign.id, visit.unitId));
  const report = page.canDraft ? readOrNull(() => services.outlines.selfReport(actor, campaign.id, visit.unitId)) : null;
  const conclusion: ConclusionView | null = readOrNull(() => services.findings.conclusions.get(actor, campaign.id, visit.id).view);
  const units = services.campaigns.structure(campaign.id).units.map((u) => ({ id: u.id, name: u.name }));
  const progress = checklist.progress;
  const team = services.campaigns.team(campaign.id, visit.teamNumber);
  const limits = services.findings.evidence.limits;
  return reply.page(
    'visit-day',
    {
      title: `Kiểm tra tại ${visit.unitName}`,
      banner: page.banner,
      page,
      visit,
      teamName: team.name,
      ctx: { base: page.campaignBase, team: { number: team.number, name: team.name } },
      leaderPages: page.canDraft,
      notices,
      lastNotice:
        visit.status === 'registered'
          ? latestNoticeDate(page.calendar, visit.date, campaign.rules.notice.leadWorkingDays, campaign.rules.notice.convention)
          : null,
      outline: outline ? { code: outline.outline.code, blocks: outline.blocks.map((b) => b.heading), periodNote: outline.periodNote } : null,
      report,
      progress: {
        ...progress,
        percent: progress.total === 0 ? 0 : Math.round((progress.answered / progress.total) * 100),
        unfinished: progress.answered < progress.total,
      },
      sections: checklistSections(checklist, page.base, extra.item ?? null),
      saved: extra.saved ?? null,
      uploaded: extra.uploaded ?? null,
      accept: acceptList(limits.types),
      maxSize: maxSizeLabel(limits.maxBytes),
      conclusion: conclusionSection(conclusion, visit.unitId, extra.conclusion),
      units,
      visitTookPlace: visit.date <= page.today,
    },
    status,
  );
}
