import createError from '@fastify/error';
import { createHash } from 'node:crypto';
import type { AuditService } from '../audit/service.js';
import type { Actor } from '../auth/actor.js';
import { canSeeCampaign } from '../auth/policy.js';
import { emptyCalendar, type CalendarData } from '../calendar/rules.js';
import type { Db } from '../db/connection.js';
import { createTargetQueries } from './targets.js';
import { withExtensions } from '../http/errors.js';
import { stableJson } from '../text/stable-json.js';
import { nfc } from '../text/vietnamese.js';
import { analyseCampaign, rolesByUnit, type CampaignAnalysis, type UnitRole } from './analysis.js';
import { copiedDefinition, copyChecklist, copyProblems, type CopyCalendars, type CopyRequest } from './copy.js';
import type { CampaignDefinition } from './definition.js';
import { documentErrors } from './errors.js';
import { campaignVersion, insertVersion } from './amend-repository.js';
import * as repo from './repository.js';
import { resolveDefinition, type DefinitionIssue } from './resolve.js';
import { searchWords } from './search.js';
import { campaignRow, detailOf, rulesOf, summaryOf, teamViews, unitViews } from './views.js';
import type { AssignmentView, CampaignDetail, CampaignRules, CampaignSummary, TeamView, UnitView } from './schema.js';

export const CampaignNotFound = createError<[string]>('CAMPAIGN_NOT_FOUND', 'Không có đợt kiểm tra "%s"', 404);
export const TeamNotFound = createError<[string, number]>('TEAM_NOT_FOUND', 'Đợt kiểm tra "%s" không có đoàn số %d', 404);
export const UnitNotFound = createError<[string, string]>('UNIT_NOT_FOUND', 'Đợt kiểm tra "%s" không có đơn vị "%s"', 404);
const DefinitionRejected = createError<[string]>('DEFINITION_REJECTED', '%s', 422);
const CampaignExists = createError<[string]>('CAMPAIGN_EXISTS', '%s', 409);
const CopyRejected = createError<[string]>('COPY_REJECTED', '%s', 422);

/** An extra check of a definition contributed by another module (e.g. outlines know their blocks). */
export type DefinitionCheck = (definition: CampaignDefinition) => DefinitionIssue[];

export function definitionHash(definition: CampaignDefinition): string {
  return createHash('sha256').update(stableJson(definition)).digest('hex');
}

function rejected(issues: DefinitionIssue[]): Error {
  return withExtensions(new DefinitionRejected(`Định nghĩa đợt kiểm tra có ${issues.length} lỗi`), { errors: documentErrors(issues) });
}

export type CampaignService = ReturnType<typeof createCampaignService>;

export function createCampaignService(deps: {
  db: Db;
  now: () => Date;
  audit: AuditService;
  definitionChecks?: DefinitionCheck[];
  /** The campaign's working-day calendar (the calendar service is built after this one). */
  calendarFor?: (campaignId: string) => CalendarData;
}) {
  const { db, now, audit } = deps;
  const checks = deps.definitionChecks ?? [];

  function row(id: string): repo.CampaignRow {
    const found = repo.findCampaign(db, id);
    if (!found) throw new CampaignNotFound(id);
    return found;
  }

  const counts = (id: string) => repo.countsByCampaign(db, id).get(id);
  const targetQueries = createTargetQueries(db);
  const detail = (r: repo.CampaignRow) => {
    const office = r.standingOfficeUnitId ? repo.unitsByIds(db, r.id, [r.standingOfficeUnitId])[0] : undefined;
    return detailOf(r, office?.name ?? null, counts(r.id), deps.calendarFor?.(r.id) ?? emptyCalendar());
  };

  /** Applies a changed shipped definition to the campaign loaded from its earlier file (the amendments service). */
  let shippedUpgrader: ((definition: CampaignDefinition, sourceHash: string, actor: Actor) => { created: boolean; campaign: CampaignDetail }) | null = null;

  return {
    /** Set once the amendments service exists: a shipped file that changed is applied as an amendment. */
    useShippedUpgrader(upgrade: NonNullable<typeof shippedUpgrader>): void {
      shippedUpgrader = upgrade;
    },

    importDefinition(definition: CampaignDefinition, actor: Actor, copiedFrom?: string, sourceHash?: string): { created: boolean; campaign: CampaignDetail } {
      const stored = sourceHash ? repo.findCampaignSettings(db, definition.id) : undefined;
      if (stored?.sourceHash && sourceHash && stored.sourceHash !== sourceHash && shippedUpgrader) {
        return shippedUpgrader(definition, sourceHash, actor);
      }
      const resolved = resolveDefinition(definition);
      const issues = resolved.ok ? [] : resolved.issues;
      for (const check of checks) issues.push(...check(definition));
      if (!resolved.ok || issues.length > 0) throw rejected(issues);
      const hash = definitionHash(definition);
      const created = db.transaction((tx) => {
        const existing = repo.findCampaign(tx, definition.id);
        if (existing) {
          if (existing.definitionHash === hash) {
            if (sourceHash && existing.sourceHash !== sourceHash) repo.setSourceHash(tx, definition.id, sourceHash);
            return false;
          }
          throw withExtensions(new CampaignExists(`Đợt kiểm tra "${definition.id}" đã có với nội dung khác; hãy dùng mã khác`), { campaignId: definition.id });
        }
        const d = definition;
        repo.insertCampaign(tx, campaignRow(d, resolved.campaign, { hash, sourceHash, createdAt: now().toISOString(), createdBy: actor.label }));
        repo.insertStructure(tx, d.id, resolved.campaign);
        insertVersion(tx, {
          campaignId: d.id,
          version: 1,
          kind: copiedFrom ? 'copy' : 'import',
          definition: d,
          definitionHash: hash,
          createdAt: now().toISOString(),
          createdBy: actor.label,
        });
        audit.record(tx, actor, {
          action: copiedFrom ? 'campaign.copy' : 'campaign.import',
          entityType: 'campaign',
          entityId: d.id,
          campaignId: d.id,
          after: { id: d.id, title: d.title, definitionHash: hash, ...(copiedFrom ? { copiedFrom, window: d.window } : {}) },
        });
        return true;
      });
      return { created, campaign: detail(row(definition.id)) };
    },

    list(actor: Actor): CampaignSummary[] {
      const all = repo.countsByCampaign(db);
      return repo
        .listCampaigns(db)
        .filter((r) => canSeeCampaign(actor, r.id))
        .map((r) => summaryOf(r, all.get(r.id)));
    },

    summary(id: string): CampaignSummary {
      return summaryOf(row(id), counts(id));
    },

    detail(id: string): CampaignDetail {
      return detail(row(id));
    },

    /** Whether the campaign is a rehearsal, for the label of every page: one row, no counts (the detail costs a page ~2 ms). */
    isRehearsal(id: string): boolean {
      const found = repo.findCampaignSettings(db, id);
      if (!found) throw new CampaignNotFound(id);
      return found.rehearsal;
    },

    rules(id: string): CampaignRules {
      const found = repo.findCampaignSettings(db, id);
      if (!found) throw new CampaignNotFound(id);
      return rulesOf(found);
    },

    /**
     * Copies a campaign into a new cycle: teams, members, targets and rules; the window starts on the
     * given working day and keeps its length in working days; both deadlines move with it.
     */
    copy(sourceId: string, request: CopyRequest, calendars: CopyCalendars, actor: Actor) {
      const source = row(sourceId).definition as CampaignDefinition;
      const problems = copyProblems(source, request, calendars.target);
      if (problems.length > 0) {
        throw withExtensions(new CopyRejected(`Không thể sao chép: ${problems.map((p) => p.message).join('; ')}`), {
          sourceId,
          errors: documentErrors(problems, 'body'),
        });
      }
      const copy = copiedDefinition(source, request, calendars);
      return { ...this.importDefinition(copy, actor, sourceId), toCheck: copyChecklist(source, copy, calendars.target) };
    },

    setSourceHash(id: string, sourceHash: string): void {
      repo.setSourceHash(db, id, sourceHash);
    },

    /** The campaign loaded from a definition file with this SHA-256, if any. */
    idForSource(sourceHash: string): string | null {
      return repo.campaignIdBySource(db, sourceHash) ?? null;
    },

    definition(id: string): CampaignDefinition {
      return row(id).definition as CampaignDefinition;
    },

    /** The campaign's version (one more with every amendment): caches of its plan compare it. 404 if unknown. */
    revision(id: string): number {
      const version = campaignVersion(db, id);
      if (version === undefined) throw new CampaignNotFound(id);
      return version;
    },

    /** Units and teams with their ids: what the clash engine and documents work from. */
    structure(id: string): repo.StoredStructure {
      row(id);
      return repo.loadStructure(db, id);
    },

    /**
     * Teams numbered (with their targets), and teams led or staffed by one of the units (with
     * colleagues: also by the numbered teams' own units; these come without targets), with the units
     * they name, in indexed lookups.
     */
    structureAround(id: string, around: { teamNumbers?: readonly number[]; unitIds?: readonly string[]; colleagues?: boolean }): repo.StoredStructure {
      return repo.loadStructureAround(db, id, around.teamNumbers ?? [], around.unitIds ?? [], around.colleagues ?? false);
    },

    /** Numbers of the teams a unit leads or sits on (none for a unit that is only inspected). */
    staffTeams(id: string, unitId: string): number[] {
      return repo
        .loadStructureAround(db, id, [], [unitId], false)
        .teams.filter((t) => t.leader.unitId === unitId || t.members.some((m) => m.unitId === unitId))
        .map((t) => t.number);
    },

    /** Names of the given units of a campaign (unknown ids are left out). */
    unitNames(id: string, unitIds: readonly string[]): Map<string, string> {
      return new Map(repo.unitsByIds(db, id, unitIds).map((u) => [u.id, u.name]));
    },

    hasTeam(id: string, teamNumber: number): boolean {
      return repo.loadStructure(db, id).teams.some((t) => t.number === teamNumber);
    },

    unitRoles(id: string, unitId: string): UnitRole[] | null {
      const structure = repo.loadStructure(db, id);
      if (!structure.units.some((u) => u.id === unitId)) return null;
      return rolesByUnit(structure.teams).get(unitId) ?? [];
    },

    teams(id: string): TeamView[] {
      return teamViews(this.structure(id));
    },

    team(id: string, teamNumber: number): TeamView {
      const team = this.teams(id).find((t) => t.number === teamNumber);
      if (!team) throw new TeamNotFound(id, teamNumber);
      return team;
    },

    units(id: string, query?: string): UnitView[] {
      const structure = this.structure(id);
      if (query === undefined || query.trim() === '') return unitViews(id, structure);
      const ids = new Set(repo.searchUnitIds(db, id, searchWords(nfc(query))).map((hit) => hit.id));
      return unitViews(id, structure, ids);
    },

    unit(id: string, unitId: string): UnitView {
      const found = unitViews(id, this.structure(id), new Set([unitId]))[0];
      if (!found) throw new UnitNotFound(id, unitId);
      return found;
    },

    /** Units of every campaign the actor may see whose name or alias matches the query. */
    searchUnits(actor: Actor, query: string): UnitView[] {
      const hits = repo.searchUnitIds(db, actor.campaignId, searchWords(nfc(query)));
      const byCampaign = new Map<string, Set<string>>();
      for (const hit of hits) byCampaign.set(hit.campaignId, (byCampaign.get(hit.campaignId) ?? new Set()).add(hit.id));
      return [...byCampaign].flatMap(([campaignId, ids]) => unitViews(campaignId, repo.loadStructure(db, campaignId), ids));
    },

    assignments(id: string): AssignmentView[] {
      const r = row(id);
      const ids = repo.assignmentIds(db, id);
      return this.teams(id).flatMap((team) =>
        team.targets.map((t) => ({
          id: ids.get(t.unitId)!,
          teamNumber: team.number,
          unitId: t.unitId,
          name: t.name,
          level: t.level,
          asWritten: t.asWritten,
          outline: t.outline,
          outlinePeriod: r.outlinePeriods[t.outline] ?? null,
          questionBlocks: t.questionBlocks,
        })),
      );
    },

    /** Teams with their target counts, and targets page by page (the office's dashboard). */
    targetCountsByTeam(id: string) {
      row(id);
      return targetQueries.targetCountsByTeam(id);
    },
    targetsPage(id: string, page: Parameters<typeof targetQueries.targetsPage>[1]) {
      return targetQueries.targetsPage(id, page);
    },

    analysis(id: string): CampaignAnalysis & { campaignId: string } {
      const structure = this.structure(id);
      return { campaignId: id, ...analyseCampaign(structure.units, structure.teams) };
    },
  };
}
