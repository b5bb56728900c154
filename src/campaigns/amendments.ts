import createError from '@fastify/error';
import type { AuditService } from '../audit/service.js';
import type { Actor } from '../auth/actor.js';
import type { CalendarData } from '../calendar/rules.js';
import type { Db } from '../db/connection.js';
import { withExtensions } from '../http/errors.js';
import { assertIfMatch, etag } from '../http/etag.js';
import type { ClashWorld, Finding } from '../schedule/rules.js';
import type { VisitView } from '../schedule/schema.js';
import { applyChanges } from './amend-changes.js';
import { diffCampaigns } from './amend-diff.js';
import * as versions from './amend-repository.js';
import type { AmendmentInput, AmendmentPreview, BlockingIssue, CampaignVersionView } from './amendment-schema.js';
import { definitionSchema, type CampaignDefinition } from './definition.js';
import { documentErrors, issuesOfZod, type DocumentIssue } from './errors.js';
import { resolveDefinition, type ResolvedCampaign } from './resolve.js';
import { definitionHash, type CampaignService, type DefinitionCheck } from './service.js';
import type { ChangeLine } from './amend-diff.js';
import { campaignRow, rulesOfDefinition } from './views.js';

// Amendments: a new version of a campaign's definition, whole or as targeted changes, checked like a
// new definition, previewed (what changes, what it does to the saved visits) and applied in one
// transaction that keeps the previous version and writes the audit trail. Issued documents are
// snapshots and never change; visits are never deleted: a target with active visits cannot be taken
// out or moved to another team until those visits are cancelled (which outdates their notices).

const AmendmentRejected = createError<[string]>('AMENDMENT_REJECTED', '%s', 422);
const AmendmentEmpty = createError<[string]>('AMENDMENT_EMPTY', '%s', 422);
const AmendmentBlocked = createError<[string]>('AMENDMENT_BLOCKED', '%s', 409);
const AmendmentClashes = createError<[string]>('AMENDMENT_CLASHES', '%s', 409);
const VersionNotFound = createError<[string, number]>('CAMPAIGN_VERSION_NOT_FOUND', 'Đợt kiểm tra "%s" không có phiên bản %d', 404);

export interface AmendmentDeps {
  db: Db;
  now: () => Date;
  audit: AuditService;
  campaigns: CampaignService;
  definitionChecks: DefinitionCheck[];
  /** The schedule's campaign-wide review, over the saved visits, as the plan is and as proposed. */
  reviewProposal: (campaignId: string, proposal: Omit<ClashWorld, 'today'>) => { current: Finding[]; proposed: Finding[]; visits: VisitView[] };
  /** The campaign's calendar with the local days off a proposed definition sets. */
  calendarWith: (campaignId: string, localDaysOff: { date: string; name: string }[]) => CalendarData;
}

interface Proposal {
  current: { version: number; definition: CampaignDefinition; resolved: ResolvedCampaign };
  definition: CampaignDefinition;
  resolved: ResolvedCampaign;
  hash: string;
}

const prefixed = (issues: DocumentIssue[], prefix: string) => issues.map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix }));

function findingKey(f: Finding): string {
  return [f.code, [...f.visits].sort((a, b) => a - b).join(','), [...f.units].sort().join(',')].join('|');
}

export type AmendmentService = ReturnType<typeof createAmendmentService>;

export function createAmendmentService(deps: AmendmentDeps) {
  const { db, now, audit, campaigns } = deps;

  /** The definition the amendment makes, checked like a new one; 422 with every problem otherwise. */
  function propose(campaignId: string, input: AmendmentInput): Proposal {
    const version = campaigns.revision(campaignId);
    const definition = campaigns.definition(campaignId);
    const before = resolveDefinition(definition);
    if (!before.ok) throw new Error(`stored definition of ${campaignId} does not resolve`);
    const issues: DocumentIssue[] = [];
    let next: CampaignDefinition;
    if (input.definition) {
      if (input.definition.id !== campaignId) {
        issues.push({
          path: 'definition.id',
          code: 'ID_MISMATCH',
          message: `Mã đợt kiểm tra phải giữ nguyên "${campaignId}"; để tạo đợt mới hãy dùng POST /campaigns hoặc sao chép`,
          en: `The campaign id must stay "${campaignId}"; load or copy a new campaign instead`,
        });
      }
      next = input.definition;
    } else {
      const applied = applyChanges(definition, input.changes ?? []);
      issues.push(...applied.issues);
      next = applied.definition;
    }
    // The result is checked as a whole document, like a new definition: changes may leave it inconsistent.
    const parsed = definitionSchema.safeParse(next);
    const resolved = parsed.success ? resolveDefinition(parsed.data) : undefined;
    if (!parsed.success) issues.push(...prefixed(issuesOfZod(parsed.error.issues), 'definition'));
    else {
      next = parsed.data;
      if (resolved && !resolved.ok) issues.push(...prefixed(resolved.issues, 'definition'));
      for (const check of deps.definitionChecks) issues.push(...prefixed(check(next), 'definition'));
    }
    if (issues.length > 0 || !resolved?.ok) {
      throw withExtensions(new AmendmentRejected(`Nội dung sửa đổi có ${issues.length} lỗi; chưa có gì thay đổi`), {
        errors: documentErrors(issues, 'body'),
      });
    }
    return { current: { version, definition, resolved: before.campaign }, definition: next, resolved: resolved.campaign, hash: definitionHash(next) };
  }

  /** Targets with active visits that the amendment takes out or gives to another team. */
  function blockingOf(p: Proposal, visits: VisitView[]): BlockingIssue[] {
    const teamOf = new Map(p.resolved.teams.flatMap((t) => t.targets.map((g) => [g.unitId, t.number] as const)));
    const byUnit = new Map<string, VisitView[]>();
    for (const visit of visits) {
      if (visit.status === 'cancelled' || teamOf.get(visit.unitId) === visit.teamNumber) continue;
      byUnit.set(visit.unitId, [...(byUnit.get(visit.unitId) ?? []), visit]);
    }
    return [...byUnit].map(([unitId, list]) => {
      const name = list[0]!.unitName;
      const to = teamOf.get(unitId);
      const what = to === undefined ? 'bỏ khỏi kế hoạch' : `chuyển sang Đoàn ${String(to).padStart(2, '0')}`;
      const whatEn = to === undefined ? 'taken out of the plan' : `moved to team ${String(to).padStart(2, '0')}`;
      return {
        code: 'TARGET_HAS_VISITS',
        path: `targets.${unitId}`,
        message:
          `${name} được ${what} nhưng còn ${list.length} lịch kiểm tra chưa hủy; ` +
          'hãy hủy các lịch đó (kèm lý do) trước khi sửa đổi kế hoạch, lịch kiểm tra không bao giờ bị xóa',
        messageEn: `${name} is ${whatEn} but has ${list.length} active visit(s); cancel them (with a reason) first: visits are never deleted`,
        visits: list.map((v) => ({ id: v.id, teamNumber: v.teamNumber, unitId: v.unitId, unitName: v.unitName, date: v.date, status: v.status })),
      };
    });
  }

  function impact(campaignId: string, p: Proposal): AmendmentPreview {
    const changes: ChangeLine[] = diffCampaigns(p.current.resolved, p.resolved);
    const names = new Map([...p.current.resolved.units, ...p.resolved.units].map((u) => [u.id, u.name]));
    const review = deps.reviewProposal(campaignId, {
      rules: rulesOfDefinition(p.definition, p.resolved),
      calendar: deps.calendarWith(campaignId, p.definition.calendar.localDaysOff),
      teams: new Map(
        p.resolved.teams.map((t) => [
          t.number,
          { number: t.number, leaderUnitId: t.leader.unitId, secretaryUnitId: t.secretaryUnitId, memberUnitIds: t.members.map((m) => m.unitId) },
        ]),
      ),
      unitNames: names,
    });
    const before = new Set(review.current.map(findingKey));
    const after = new Set(review.proposed.map(findingKey));
    const raised = review.proposed.filter((f) => !before.has(findingKey(f)));
    const blocking = blockingOf(p, review.visits);
    const clashes = {
      raised: raised.filter((f) => f.severity === 'error'),
      cleared: review.current.filter((f) => f.severity === 'error' && !after.has(findingKey(f))),
      warnings: raised.filter((f) => f.severity === 'warning'),
    };
    return {
      campaignId,
      fromVersion: p.current.version,
      toVersion: p.current.version + 1,
      definitionHash: p.hash,
      changes,
      blocking,
      clashes,
      canApply: changes.length > 0 && blocking.length === 0,
      needsAcceptance: clashes.raised.length > 0,
      definition: p.definition,
    };
  }

  function versionView(row: Omit<versions.VersionRow, 'definition'>): CampaignVersionView {
    return {
      version: row.version,
      kind: row.kind,
      definitionHash: row.definitionHash,
      changes: row.changes as ChangeLine[],
      reason: row.reason,
      createdAt: row.createdAt,
      createdBy: row.createdBy,
    };
  }

  return {
    /** What the amendment would change and do to the saved visits; nothing is written. */
    preview(campaignId: string, input: AmendmentInput): AmendmentPreview {
      return impact(campaignId, propose(campaignId, input));
    },

    /**
     * Applies the amendment as the next version, checked again inside one IMMEDIATE transaction (a
     * visit registered since the preview counts). If-Match names the version it was based on.
     */
    apply(campaignId: string, input: AmendmentInput, actor: Actor, ifMatch: string | undefined) {
      const result = db.transaction(
        (tx) => {
          assertIfMatch({ headers: { 'if-match': ifMatch } }, etag(campaigns.revision(campaignId)));
          const proposal = propose(campaignId, input);
          const preview = impact(campaignId, proposal);
          if (preview.changes.length === 0) {
            throw new AmendmentEmpty('Nội dung sửa đổi không làm thay đổi kế hoạch; chưa có gì được ghi');
          }
          if (preview.blocking.length > 0) {
            throw withExtensions(new AmendmentBlocked(`Chưa thể sửa đổi: ${preview.blocking.map((b) => b.message).join('; ')}`), {
              blocking: preview.blocking,
            });
          }
          if (preview.needsAcceptance && !input.acceptClashes) {
            throw withExtensions(
              new AmendmentClashes(
                `Sau sửa đổi, ${preview.clashes.raised.length} lỗi lịch mới xuất hiện (xem clashes); ` +
                  'xem lại bản xem trước và gửi lại với acceptClashes: true nếu vẫn sửa đổi',
              ),
              { clashes: preview.clashes.raised },
            );
          }
          const at = now().toISOString();
          const { version } = proposal.current;
          const next = version + 1;
          const stored = campaigns.detail(campaignId);
          if (!versions.findVersion(tx, campaignId, version)) {
            // Campaigns loaded before versions were kept: their first version is the stored one.
            versions.insertVersion(tx, {
              campaignId,
              version,
              kind: 'import',
              definition: proposal.current.definition,
              definitionHash: stored.definitionHash,
              createdAt: stored.createdAt,
              createdBy: 'system',
            });
          }
          versions.insertVersion(tx, {
            campaignId,
            version: next,
            kind: 'amendment',
            definition: proposal.definition,
            definitionHash: proposal.hash,
            changes: preview.changes,
            reason: input.reason,
            createdAt: at,
            createdBy: actor.label,
          });
          const {
            id: _id,
            createdAt: _c,
            createdBy: _b,
            sourceHash: _s,
            ...row
          } = campaignRow(proposal.definition, proposal.resolved, {
            hash: proposal.hash,
            sourceHash: undefined,
            createdAt: at,
            createdBy: actor.label,
          });
          versions.updateCampaign(tx, campaignId, { ...row, version: next });
          versions.syncStructure(tx, campaignId, proposal.resolved, next);
          audit.record(tx, actor, {
            action: 'campaign.amend',
            entityType: 'campaign',
            entityId: campaignId,
            campaignId,
            before: { version, definitionHash: stored.definitionHash },
            after: { version: next, definitionHash: proposal.hash, changes: preview.changes.map((c) => c.vi) },
            reason: input.reason,
          });
          return { version: next, amendment: { ...preview } };
        },
        { behavior: 'immediate' },
      );
      return { ...result, campaign: campaigns.detail(campaignId) };
    },

    /** Every version, oldest first (campaigns loaded before versions were kept show their current one). */
    versions(campaignId: string): CampaignVersionView[] {
      const detail = campaigns.detail(campaignId);
      const rows = versions.listVersions(db, campaignId);
      if (rows.length > 0) return rows.map(versionView);
      return [
        {
          version: campaigns.revision(campaignId),
          kind: 'import',
          definitionHash: detail.definitionHash,
          changes: [],
          reason: null,
          createdAt: detail.createdAt,
          createdBy: 'system',
        },
      ];
    },

    version(campaignId: string, version: number): CampaignVersionView & { definition: CampaignDefinition } {
      const row = versions.findVersion(db, campaignId, version);
      if (row) return { ...versionView(row), definition: row.definition as CampaignDefinition };
      const only = this.versions(campaignId).find((v) => v.version === version);
      if (!only) throw new VersionNotFound(campaignId, version);
      return { ...only, definition: campaigns.definition(campaignId) };
    },

    /**
     * A shipped definition file that changed in a release, for the campaign loaded from its earlier
     * version: applied as an amendment by the system, unless the office amended the campaign since
     * (its amendments are kept; the file is not applied).
     */
    upgradeShipped(definition: CampaignDefinition, sourceHash: string, actor: Actor): { created: boolean; campaign: ReturnType<CampaignService['detail']> } {
      const campaignId = definition.id;
      if (this.versions(campaignId).some((v) => v.kind === 'amendment' && v.createdBy !== actor.label)) {
        return { created: false, campaign: campaigns.detail(campaignId) };
      }
      const input = { reason: 'Định nghĩa kèm theo phiên bản mới của dịch vụ đã thay đổi', definition, acceptClashes: true };
      if (this.preview(campaignId, input).changes.length > 0) this.apply(campaignId, input, actor, etag(campaigns.revision(campaignId)));
      campaigns.setSourceHash(campaignId, sourceHash);
      return { created: false, campaign: campaigns.detail(campaignId) };
    },

    /** The ETag of the campaign's current version (send it in If-Match to amend). */
    etag(campaignId: string): string {
      return etag(campaigns.revision(campaignId));
    },
  };
}
