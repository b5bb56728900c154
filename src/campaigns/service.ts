import createError from '@fastify/error';
import { createHash } from 'node:crypto';
import type { AuditService } from '../audit/service.js';
import type { Actor } from '../auth/actor.js';
import { canSeeCampaign } from '../auth/policy.js';
import type { Db } from '../db/connection.js';
import { withExtensions, type FieldIssue } from '../http/errors.js';
import { stableJson } from '../text/stable-json.js';
import { foldKey, nfc } from '../text/vietnamese.js';
import { analyseCampaign, rolesByUnit, type CampaignAnalysis, type UnitRole } from './analysis.js';
import { copiedDefinition, copyProblem, type CopyCalendars, type CopyRequest } from './copy.js';
import { defaultSessionTimes, defaultSeverities, type CampaignDefinition } from './definition.js';
import * as repo from './repository.js';
import { resolveDefinition, type DefinitionIssue, type ResolvedUnit } from './resolve.js';
import type {
  AssignmentView,
  CampaignDetail,
  CampaignRules,
  CampaignSummary,
  TeamView,
  UnitView,
} from './schema.js';

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
  const errors: FieldIssue[] = issues.map((i) => ({ in: 'document', field: i.path, message: i.message, code: i.code }));
  return withExtensions(new DefinitionRejected(`Định nghĩa đợt kiểm tra có ${issues.length} lỗi`), { errors });
}

function rulesOf(row: repo.CampaignSettingsRow): CampaignRules {
  return {
    window: { start: row.windowStart, endExclusive: row.windowEndExclusive },
    registrationDeadlineExclusive: row.registrationDeadlineExclusive,
    notice: { leadWorkingDays: row.noticeLeadWorkingDays, convention: row.noticeConvention },
    resultsNotice: { workingDays: row.resultsNoticeWorkingDays, countFrom: row.resultsNoticeFrom },
    teamReportDeadlineExclusive: row.teamReportDeadlineExclusive,
    visitsPerTeamPerDay: row.visitsPerTeamPerDay,
    severities: { ...defaultSeverities, ...row.severities },
    sessions: { ...defaultSessionTimes, ...row.sessionTimes },
    outlineSet: row.outlineSet,
    outlinePeriods: row.outlinePeriods,
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;

export function createCampaignService(deps: {
  db: Db;
  now: () => Date;
  audit: AuditService;
  definitionChecks?: DefinitionCheck[];
}) {
  const { db, now, audit } = deps;
  const checks = deps.definitionChecks ?? [];

  function row(id: string): repo.CampaignRow {
    const found = repo.findCampaign(db, id);
    if (!found) throw new CampaignNotFound(id);
    return found;
  }

  function summaryOf(r: repo.CampaignRow, counts = repo.countsByCampaign(db).get(r.id)): CampaignSummary {
    return {
      id: r.id,
      title: r.title,
      issuingBody: r.issuingBody,
      parentBody: r.parentBody,
      placeName: r.placeName,
      window: { start: r.windowStart, endExclusive: r.windowEndExclusive },
      teamCount: counts?.teams ?? 0,
      targetCount: counts?.targets ?? 0,
      createdAt: r.createdAt,
    };
  }

  function detailOf(r: repo.CampaignRow): CampaignDetail {
    const definition = r.definition as CampaignDefinition;
    const office = r.standingOfficeUnitId
      ? repo.loadStructure(db, r.id).units.find((u) => u.id === r.standingOfficeUnitId)
      : undefined;
    return {
      ...summaryOf(r),
      fullTitle: r.fullTitle,
      plan: { number: r.planNumber, date: r.planDate, legalBasis: definition.plan.legalBasis },
      standingOffice: {
        unitId: r.standingOfficeUnitId,
        name: office?.name ?? null,
        desk: r.standingOfficeDesk,
      },
      rules: rulesOf(r),
      definitionHash: r.definitionHash,
    };
  }

  function unitViews(campaignId: string, structure: repo.StoredStructure, only?: Set<string>): UnitView[] {
    const roles = rolesByUnit(structure.teams);
    return structure.units
      .filter((u) => !only || only.has(u.id))
      .map((u: ResolvedUnit) => ({
        id: u.id,
        campaignId,
        name: u.name,
        level: u.level,
        kind: u.kind,
        aliases: u.aliases,
        roles: roles.get(u.id) ?? [],
      }));
  }

  return {
    importDefinition(
      definition: CampaignDefinition,
      actor: Actor,
      copiedFrom?: string,
      sourceHash?: string,
    ): { created: boolean; campaign: CampaignDetail } {
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
          throw withExtensions(
            new CampaignExists(`Đợt kiểm tra "${definition.id}" đã có với nội dung khác; hãy dùng mã khác`),
            { campaignId: definition.id },
          );
        }
        const d = definition;
        repo.insertCampaign(tx, {
            id: d.id,
            sourceHash: sourceHash ?? null,
            title: d.title,
            fullTitle: d.fullTitle ?? null,
            issuingBody: d.issuingBody,
            parentBody: d.parentBody,
            placeName: d.placeName,
            planNumber: d.plan.number,
            planDate: d.plan.date,
            standingOfficeUnitId: resolved.campaign.standingOfficeUnitId,
            standingOfficeDesk: d.standingOffice?.desk ?? null,
            windowStart: d.window.start,
            windowEndExclusive: d.window.endExclusive,
            registrationDeadlineExclusive: d.registration.deadlineExclusive,
            noticeLeadWorkingDays: d.notice.leadWorkingDays,
            noticeConvention: d.notice.convention,
            resultsNoticeWorkingDays: d.resultsNotice.workingDays,
            resultsNoticeFrom: d.resultsNotice.countFrom,
            teamReportDeadlineExclusive: d.teamReport.deadlineExclusive,
            visitsPerTeamPerDay: d.scheduling.visitsPerTeamPerDay,
            severities: d.scheduling.severities,
            sessionTimes: d.scheduling.sessions ?? null,
            outlineSet: d.outlines.set,
            outlinePeriods: d.outlines.periods,
            definition: d,
            definitionHash: hash,
            createdAt: now().toISOString(),
            createdBy: actor.label,
          });
        repo.insertStructure(tx, d.id, resolved.campaign);
        audit.record(tx, actor, {
          action: copiedFrom ? 'campaign.copy' : 'campaign.import',
          entityType: 'campaign',
          entityId: d.id,
          campaignId: d.id,
          after: { id: d.id, title: d.title, definitionHash: hash, ...(copiedFrom ? { copiedFrom, window: d.window } : {}) },
        });
        return true;
      });
      return { created, campaign: detailOf(row(definition.id)) };
    },

    list(actor: Actor): CampaignSummary[] {
      const counts = repo.countsByCampaign(db);
      return repo
        .listCampaigns(db)
        .filter((r) => canSeeCampaign(actor, r.id))
        .map((r) => summaryOf(r, counts.get(r.id)));
    },

    summary(id: string): CampaignSummary {
      return summaryOf(row(id));
    },

    detail(id: string): CampaignDetail {
      return detailOf(row(id));
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
      const problem = copyProblem(source, request, calendars.target);
      if (problem) throw withExtensions(new CopyRejected(problem), { sourceId, windowStart: request.windowStart });
      return this.importDefinition(copiedDefinition(source, request, calendars), actor, sourceId);
    },

    /** The campaign loaded from a definition file with this SHA-256, if any. */
    idForSource(sourceHash: string): string | null {
      return repo.campaignIdBySource(db, sourceHash) ?? null;
    },

    definition(id: string): CampaignDefinition {
      return row(id).definition as CampaignDefinition;
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
    structureAround(
      id: string,
      around: { teamNumbers?: readonly number[]; unitIds?: readonly string[]; colleagues?: boolean },
    ): repo.StoredStructure {
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
      const structure = this.structure(id);
      const names = new Map(structure.units.map((u) => [u.id, u]));
      const name = (unitId: string) => names.get(unitId)?.name ?? unitId;
      return structure.teams.map((team) => ({
        number: team.number,
        name: team.name,
        leader: {
          unitId: team.leader.unitId,
          name: name(team.leader.unitId),
          asWritten: team.leader.asWritten,
          person: team.leaderPerson ? { name: team.leaderPerson.name, title: team.leaderPerson.title ?? null } : null,
        },
        secretaryUnitId: team.secretaryUnitId,
        members: team.members.map((m) => ({
          unitId: m.unitId,
          name: name(m.unitId),
          asWritten: m.asWritten,
          representative: m.representative
            ? { name: m.representative.name, title: m.representative.title ?? null }
            : null,
        })),
        targets: team.targets.map((t) => {
          const unit = names.get(t.unitId)!;
          return {
            unitId: t.unitId,
            name: unit.name,
            asWritten: t.asWritten,
            level: unit.level,
            kind: unit.kind,
            outline: t.outline,
            questionBlocks: t.questionBlocks,
          };
        }),
      }));
    },

    team(id: string, teamNumber: number): TeamView {
      const team = this.teams(id).find((t) => t.number === teamNumber);
      if (!team) throw new TeamNotFound(id, teamNumber);
      return team;
    },

    units(id: string, query?: string): UnitView[] {
      const structure = this.structure(id);
      const folded = query === undefined ? '' : foldKey(nfc(query));
      if (folded === '') return unitViews(id, structure);
      const ids = new Set(repo.searchUnitIds(db, id, folded).map((hit) => hit.id));
      return unitViews(id, structure, ids);
    },

    unit(id: string, unitId: string): UnitView {
      const found = unitViews(id, this.structure(id), new Set([unitId]))[0];
      if (!found) throw new UnitNotFound(id, unitId);
      return found;
    },

    /** Units of every campaign the actor may see whose name or alias matches the query. */
    searchUnits(actor: Actor, query: string): UnitView[] {
      const folded = foldKey(nfc(query));
      if (folded === '') return [];
      const hits = repo.searchUnitIds(db, actor.campaignId, folded);
      const byCampaign = new Map<string, Set<string>>();
      for (const hit of hits) byCampaign.set(hit.campaignId, (byCampaign.get(hit.campaignId) ?? new Set()).add(hit.id));
      return [...byCampaign].flatMap(([campaignId, ids]) =>
        unitViews(campaignId, repo.loadStructure(db, campaignId), ids),
      );
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

    analysis(id: string): CampaignAnalysis & { campaignId: string } {
      const structure = this.structure(id);
      return { campaignId: id, ...analyseCampaign(structure.units, structure.teams) };
    },
  };
}
