import { and, asc, count, eq, getTableColumns, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/connection.js';
import { foldKey } from '../text/vietnamese.js';
import { matchesWords } from './search.js';
import type { UnitKind } from './definition.js';
import type { ResolvedCampaign, ResolvedTeam, ResolvedUnit } from './resolve.js';
import { assignments, campaigns, teamMembers, teams, unitAliases, units } from './tables.js';

export type CampaignRow = typeof campaigns.$inferSelect;
export type NewCampaignRow = typeof campaigns.$inferInsert;

export function findCampaign(db: DbOrTx, id: string): CampaignRow | undefined {
  return db.select().from(campaigns).where(eq(campaigns.id, id)).get();
}

export type CampaignSettingsRow = Omit<CampaignRow, 'definition'>;

/** The campaign without its definition document, which grows with the campaign (rules on every check). */
export function findCampaignSettings(db: DbOrTx, id: string): CampaignSettingsRow | undefined {
  const { definition: _definition, ...columns } = getTableColumns(campaigns);
  return db.select(columns).from(campaigns).where(eq(campaigns.id, id)).get();
}

export function campaignIdBySource(db: DbOrTx, sourceHash: string): string | undefined {
  return db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.sourceHash, sourceHash)).get()?.id;
}

export function setSourceHash(db: DbOrTx, id: string, sourceHash: string): void {
  db.update(campaigns).set({ sourceHash }).where(eq(campaigns.id, id)).run();
}

export function insertCampaign(db: DbOrTx, values: NewCampaignRow): void {
  db.insert(campaigns).values(values).run();
}

export function listCampaigns(db: DbOrTx): CampaignRow[] {
  return db.select().from(campaigns).orderBy(asc(campaigns.windowStart), asc(campaigns.id)).all();
}

/** Teams and targets per campaign; of one campaign only when an id is given (indexed). */
export function countsByCampaign(db: DbOrTx, campaignId?: string): Map<string, { teams: number; targets: number }> {
  const teamCounts = db
    .select({ id: teams.campaignId, n: count() })
    .from(teams)
    .where(and(isNull(teams.removedInVersion), campaignId === undefined ? undefined : eq(teams.campaignId, campaignId)))
    .groupBy(teams.campaignId)
    .all();
  const targetCounts = db
    .select({ id: assignments.campaignId, n: count() })
    .from(assignments)
    .where(and(isNull(assignments.removedInVersion), campaignId === undefined ? undefined : eq(assignments.campaignId, campaignId)))
    .groupBy(assignments.campaignId)
    .all();
  const out = new Map<string, { teams: number; targets: number }>();
  for (const row of teamCounts) out.set(row.id, { teams: row.n, targets: 0 });
  for (const row of targetCounts) out.set(row.id, { teams: out.get(row.id)?.teams ?? 0, targets: row.n });
  return out;
}

/** Writes units, aliases, teams, members and assignments of a resolved definition. */
export function insertStructure(tx: DbOrTx, campaignId: string, resolved: ResolvedCampaign): void {
  resolved.units.forEach((unit, position) => {
    tx.insert(units)
      .values({
        campaignId,
        id: unit.id,
        name: unit.name,
        level: unit.level,
        kind: unit.kind,
        position,
        searchKey: foldKey(unit.name),
      })
      .run();
    for (const alias of unit.aliases) {
      tx.insert(unitAliases)
        .values({ campaignId, unitId: unit.id, alias, searchKey: foldKey(alias) })
        .run();
    }
  });
  let targetPosition = 0;
  for (const team of resolved.teams) {
    const { id: teamId } = tx
      .insert(teams)
      .values({
        campaignId,
        number: team.number,
        name: team.name,
        leaderUnitId: team.leader.unitId,
        leaderAsWritten: team.leader.asWritten,
        leaderPersonName: team.leaderPerson?.name ?? null,
        leaderPersonTitle: team.leaderPerson?.title ?? null,
        secretaryUnitId: team.secretaryUnitId,
      })
      .returning({ id: teams.id })
      .get();
    team.members.forEach((member, position) => {
      tx.insert(teamMembers)
        .values({
          teamId,
          campaignId,
          unitId: member.unitId,
          position,
          asWritten: member.asWritten,
          representativeName: member.representative?.name ?? null,
          representativeTitle: member.representative?.title ?? null,
        })
        .run();
    });
    for (const target of team.targets) {
      tx.insert(assignments)
        .values({
          campaignId,
          teamId,
          unitId: target.unitId,
          position: targetPosition++,
          asWritten: target.asWritten,
          outline: target.outline,
          questionBlocks: target.questionBlocks,
        })
        .run();
    }
  }
}

export interface StoredStructure {
  units: ResolvedUnit[];
  teams: (Omit<ResolvedTeam, 'targets'> & { id: number; targets: (ResolvedTeam['targets'][number] & { assignmentId: number })[] })[];
}

type UnitRow = typeof units.$inferSelect;
type TeamRow = typeof teams.$inferSelect;
type MemberRow = typeof teamMembers.$inferSelect;
type TargetRow = typeof assignments.$inferSelect;

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

function assemble(
  unitRows: UnitRow[],
  aliasRows: (typeof unitAliases.$inferSelect)[],
  teamRows: TeamRow[],
  memberRows: MemberRow[],
  targetRows: TargetRow[],
): StoredStructure {
  const aliases = groupBy(aliasRows, (row) => row.unitId);
  const members = groupBy(memberRows, (row) => row.teamId);
  const targets = groupBy(targetRows, (row) => row.teamId);
  return {
    units: unitRows.map((row) => ({
      id: row.id,
      name: row.name,
      level: row.level,
      kind: row.kind as UnitKind,
      aliases: (aliases.get(row.id) ?? []).map((a) => a.alias),
    })),
    teams: teamRows.map((row) => ({
      id: row.id,
      number: row.number,
      name: row.name,
      leader: { unitId: row.leaderUnitId, asWritten: row.leaderAsWritten },
      leaderPerson: row.leaderPersonName ? { name: row.leaderPersonName, title: row.leaderPersonTitle ?? undefined } : null,
      secretaryUnitId: row.secretaryUnitId,
      members: (members.get(row.id) ?? []).map((m) => ({
        unitId: m.unitId,
        asWritten: m.asWritten,
        representative: m.representativeName ? { name: m.representativeName, title: m.representativeTitle ?? undefined } : null,
      })),
      targets: (targets.get(row.id) ?? []).map((a) => ({
        assignmentId: a.id,
        unitId: a.unitId,
        asWritten: a.asWritten,
        outline: a.outline,
        questionBlocks: a.questionBlocks,
      })),
    })),
  };
}

export function loadStructure(db: DbOrTx, campaignId: string): StoredStructure {
  const unitRows = db
    .select()
    .from(units)
    .where(and(eq(units.campaignId, campaignId), isNull(units.removedInVersion)))
    .orderBy(asc(units.position))
    .all();
  const aliasRows = db.select().from(unitAliases).where(eq(unitAliases.campaignId, campaignId)).all();
  const teamRows = db
    .select()
    .from(teams)
    .where(and(eq(teams.campaignId, campaignId), isNull(teams.removedInVersion)))
    .orderBy(asc(teams.number))
    .all();
  const teamIds = teamRows.map((t) => t.id);
  const memberRows =
    teamIds.length === 0 ? [] : db.select().from(teamMembers).where(inArray(teamMembers.teamId, teamIds)).orderBy(asc(teamMembers.position)).all();
  const targetRows = db
    .select()
    .from(assignments)
    .where(and(eq(assignments.campaignId, campaignId), isNull(assignments.removedInVersion)))
    .orderBy(asc(assignments.position))
    .all();
  return assemble(unitRows, aliasRows, teamRows, memberRows, targetRows);
}

/**
 * The part of a campaign's structure around some teams and units, in indexed lookups: the teams
 * numbered (with their targets), the teams any of the units leads or sits on (their staff only, no
 * targets), and every unit they name. A clash check needs only this, so its cost does not grow with
 * the campaign or with the size of the other teams.
 */
export function loadStructureAround(
  db: DbOrTx,
  campaignId: string,
  teamNumbers: readonly number[],
  unitIds: readonly string[],
  colleagues = false,
): StoredStructure {
  const ids = new Set<number>();
  const numbered: number[] = [];
  const wanted = [...new Set(unitIds)];
  if (teamNumbers.length > 0) {
    const rows = db
      .select({ id: teams.id, leader: teams.leaderUnitId })
      .from(teams)
      .where(and(eq(teams.campaignId, campaignId), isNull(teams.removedInVersion), inArray(teams.number, [...new Set(teamNumbers)])))
      .all();
    for (const row of rows) ids.add(row.id);
    numbered.push(...rows.map((r) => r.id));
    if (colleagues && rows.length > 0) {
      // The other teams the numbered teams' own units lead or sit on.
      wanted.push(...rows.map((r) => r.leader));
      const staff = db
        .select({ unitId: teamMembers.unitId })
        .from(teamMembers)
        .where(
          inArray(
            teamMembers.teamId,
            rows.map((r) => r.id),
          ),
        )
        .all();
      wanted.push(...staff.map((m) => m.unitId));
    }
  }
  if (wanted.length > 0) {
    const leading = db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.campaignId, campaignId), isNull(teams.removedInVersion), inArray(teams.leaderUnitId, wanted)))
      .all();
    const sitting = db
      .select({ id: teamMembers.teamId })
      .from(teamMembers)
      .where(and(eq(teamMembers.campaignId, campaignId), inArray(teamMembers.unitId, wanted)))
      .all();
    for (const row of [...leading, ...sitting]) ids.add(row.id);
  }
  const teamIds = [...ids];
  const teamRows =
    teamIds.length === 0
      ? []
      : db
          .select()
          .from(teams)
          .where(and(inArray(teams.id, teamIds), isNull(teams.removedInVersion)))
          .orderBy(asc(teams.number))
          .all();
  const memberRows =
    teamIds.length === 0 ? [] : db.select().from(teamMembers).where(inArray(teamMembers.teamId, teamIds)).orderBy(asc(teamMembers.position)).all();
  const targetRows =
    numbered.length === 0
      ? []
      : db
          .select()
          .from(assignments)
          .where(and(inArray(assignments.teamId, numbered), isNull(assignments.removedInVersion)))
          .orderBy(asc(assignments.position))
          .all();
  const named = new Set<string>(wanted);
  for (const team of teamRows) named.add(team.leaderUnitId).add(team.secretaryUnitId);
  for (const row of [...memberRows, ...targetRows]) named.add(row.unitId);
  const unitRows = unitsByIds(db, campaignId, [...named]);
  const aliasRows =
    unitRows.length === 0
      ? []
      : db
          .select()
          .from(unitAliases)
          .where(
            and(
              eq(unitAliases.campaignId, campaignId),
              inArray(
                unitAliases.unitId,
                unitRows.map((u) => u.id),
              ),
            ),
          )
          .all();
  return assemble(unitRows, aliasRows, teamRows, memberRows, targetRows);
}

export function unitsByIds(db: DbOrTx, campaignId: string, ids: readonly string[]): UnitRow[] {
  const unique = [...new Set(ids)];
  const out: UnitRow[] = [];
  // Chunks keep each statement well under SQLite's limit on bound parameters.
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    out.push(
      ...db
        .select()
        .from(units)
        .where(and(eq(units.campaignId, campaignId), inArray(units.id, chunk)))
        .all(),
    );
  }
  return out.sort((a, b) => a.position - b.position);
}

export function assignmentIds(db: DbOrTx, campaignId: string): Map<string, number> {
  const rows = db
    .select({ id: assignments.id, unitId: assignments.unitId })
    .from(assignments)
    .where(and(eq(assignments.campaignId, campaignId), isNull(assignments.removedInVersion)))
    .all();
  return new Map(rows.map((row) => [row.unitId, row.id]));
}

/**
 * Units whose name, or one alias, holds every word, in campaign order. SQLite narrows by substring
 * (words are folded like the stored keys); matchesWords keeps those where each word begins a word.
 */
export function searchUnitIds(db: DbOrTx, campaignId: string | null, words: readonly string[]): { campaignId: string; id: string }[] {
  if (words.length === 0) return [];
  const all = (key: typeof units.searchKey | typeof unitAliases.searchKey) => and(...words.map((word) => sql`instr(${key}, ${word}) > 0`));
  const aliasMatch = sql`exists (select 1 from ${unitAliases} where ${unitAliases.campaignId} = ${units.campaignId}
    and ${unitAliases.unitId} = ${units.id} and ${all(unitAliases.searchKey)})`;
  const candidates = db
    .select({ campaignId: units.campaignId, id: units.id, name: units.name })
    .from(units)
    .where(and(campaignId ? eq(units.campaignId, campaignId) : undefined, isNull(units.removedInVersion), or(all(units.searchKey), aliasMatch)))
    .orderBy(asc(units.campaignId), asc(units.position))
    .all();
  const byName = candidates.filter((unit) => matchesWords(words, unit.name));
  const rest = candidates.filter((unit) => !byName.includes(unit));
  const aliasHits = new Set(
    rest.length === 0
      ? []
      : db
          .select({ campaignId: unitAliases.campaignId, unitId: unitAliases.unitId, alias: unitAliases.alias })
          .from(unitAliases)
          .where(or(...rest.map((u) => and(eq(unitAliases.campaignId, u.campaignId), eq(unitAliases.unitId, u.id)))))
          .all()
          .filter((a) => matchesWords(words, a.alias))
          .map((a) => `${a.campaignId}\u0000${a.unitId}`),
  );
  return candidates
    .filter((unit) => byName.includes(unit) || aliasHits.has(`${unit.campaignId}\u0000${unit.id}`))
    .map(({ campaignId, id }) => ({ campaignId, id }));
}
