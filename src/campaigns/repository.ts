import { and, asc, count, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/connection.js';
import { foldKey } from '../text/vietnamese.js';
import type { UnitKind, UnitLevel } from './definition.js';
import type { ResolvedCampaign, ResolvedTeam, ResolvedUnit } from './resolve.js';
import { assignments, campaigns, teamMembers, teams, unitAliases, units } from './tables.js';

export type CampaignRow = typeof campaigns.$inferSelect;
export type NewCampaignRow = typeof campaigns.$inferInsert;

export function findCampaign(db: DbOrTx, id: string): CampaignRow | undefined {
  return db.select().from(campaigns).where(eq(campaigns.id, id)).get();
}

export function insertCampaign(db: DbOrTx, values: NewCampaignRow): void {
  db.insert(campaigns).values(values).run();
}

export function listCampaigns(db: DbOrTx): CampaignRow[] {
  return db.select().from(campaigns).orderBy(asc(campaigns.windowStart), asc(campaigns.id)).all();
}

export function countsByCampaign(db: DbOrTx): Map<string, { teams: number; targets: number }> {
  const teamCounts = db.select({ id: teams.campaignId, n: count() }).from(teams).groupBy(teams.campaignId).all();
  const targetCounts = db
    .select({ id: assignments.campaignId, n: count() })
    .from(assignments)
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
      tx.insert(unitAliases).values({ campaignId, unitId: unit.id, alias, searchKey: foldKey(alias) }).run();
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
  teams: (ResolvedTeam & { id: number })[];
}

export function loadStructure(db: DbOrTx, campaignId: string): StoredStructure {
  const unitRows = db.select().from(units).where(eq(units.campaignId, campaignId)).orderBy(asc(units.position)).all();
  const aliasRows = db.select().from(unitAliases).where(eq(unitAliases.campaignId, campaignId)).all();
  const aliases = new Map<string, string[]>();
  for (const row of aliasRows) aliases.set(row.unitId, [...(aliases.get(row.unitId) ?? []), row.alias]);

  const teamRows = db.select().from(teams).where(eq(teams.campaignId, campaignId)).orderBy(asc(teams.number)).all();
  const teamIds = teamRows.map((t) => t.id);
  const memberRows =
    teamIds.length === 0
      ? []
      : db.select().from(teamMembers).where(inArray(teamMembers.teamId, teamIds)).orderBy(asc(teamMembers.position)).all();
  const targetRows = db
    .select()
    .from(assignments)
    .where(eq(assignments.campaignId, campaignId))
    .orderBy(asc(assignments.position))
    .all();

  return {
    units: unitRows.map((row) => ({
      id: row.id,
      name: row.name,
      level: row.level as UnitLevel,
      kind: row.kind as UnitKind,
      aliases: aliases.get(row.id) ?? [],
    })),
    teams: teamRows.map((row) => ({
      id: row.id,
      number: row.number,
      name: row.name,
      leader: { unitId: row.leaderUnitId, asWritten: row.leaderAsWritten },
      leaderPerson: row.leaderPersonName
        ? { name: row.leaderPersonName, title: row.leaderPersonTitle ?? undefined }
        : null,
      secretaryUnitId: row.secretaryUnitId,
      members: memberRows
        .filter((m) => m.teamId === row.id)
        .map((m) => ({
          unitId: m.unitId,
          asWritten: m.asWritten,
          representative: m.representativeName
            ? { name: m.representativeName, title: m.representativeTitle ?? undefined }
            : null,
        })),
      targets: targetRows
        .filter((a) => a.teamId === row.id)
        .map((a) => ({ unitId: a.unitId, asWritten: a.asWritten, outline: a.outline, questionBlocks: a.questionBlocks })),
    })),
  };
}

export function assignmentIds(db: DbOrTx, campaignId: string): Map<string, number> {
  const rows = db
    .select({ id: assignments.id, unitId: assignments.unitId })
    .from(assignments)
    .where(eq(assignments.campaignId, campaignId))
    .all();
  return new Map(rows.map((row) => [row.unitId, row.id]));
}

/** Units whose name or an alias contains the folded query, in campaign order. */
export function searchUnitIds(db: DbOrTx, campaignId: string | null, folded: string): { campaignId: string; id: string }[] {
  const aliasMatch = sql`exists (select 1 from ${unitAliases} where ${unitAliases.campaignId} = ${units.campaignId}
    and ${unitAliases.unitId} = ${units.id} and instr(${unitAliases.searchKey}, ${folded}) > 0)`;
  return db
    .select({ campaignId: units.campaignId, id: units.id })
    .from(units)
    .where(
      and(
        campaignId ? eq(units.campaignId, campaignId) : undefined,
        or(sql`instr(${units.searchKey}, ${folded}) > 0`, aliasMatch),
      ),
    )
    .orderBy(asc(units.campaignId), asc(units.position))
    .all();
}
