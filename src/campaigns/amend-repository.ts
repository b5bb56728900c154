import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import type { DbOrTx } from '../db/connection.js';
import { foldKey } from '../text/vietnamese.js';
import type { NewCampaignRow } from './repository.js';
import type { ResolvedCampaign } from './resolve.js';
import { assignments, campaigns, campaignVersions, teamMembers, teams, unitAliases, units } from './tables.js';

// Writing a new version of a campaign over the stored one. Rows are updated in place and taken out
// with removedInVersion, never deleted: visits, documents, tokens and reports point at them.

export type VersionRow = typeof campaignVersions.$inferSelect;

export function insertVersion(tx: DbOrTx, row: typeof campaignVersions.$inferInsert): void {
  tx.insert(campaignVersions).values(row).run();
}

export function findVersion(db: DbOrTx, campaignId: string, version: number): VersionRow | undefined {
  return db
    .select()
    .from(campaignVersions)
    .where(and(eq(campaignVersions.campaignId, campaignId), eq(campaignVersions.version, version)))
    .get();
}

export function listVersions(db: DbOrTx, campaignId: string): Omit<VersionRow, 'definition'>[] {
  const { definition: _definition, ...columns } = getTableColumns(campaignVersions);
  return db.select(columns).from(campaignVersions).where(eq(campaignVersions.campaignId, campaignId)).orderBy(asc(campaignVersions.version)).all();
}

/** The campaign's version: one indexed read, for caches that must notice an amendment. */
export function campaignVersion(db: DbOrTx, campaignId: string): number | undefined {
  return db.select({ version: campaigns.version }).from(campaigns).where(eq(campaigns.id, campaignId)).get()?.version;
}

/** Replaces the campaign row's settings and definition, and sets its version. */
export function updateCampaign(tx: DbOrTx, campaignId: string, values: Omit<NewCampaignRow, 'id' | 'createdAt' | 'createdBy' | 'sourceHash'>): void {
  tx.update(campaigns).set(values).where(eq(campaigns.id, campaignId)).run();
}

/** Makes the stored units, teams, members and targets those of the resolved definition. */
export function syncStructure(tx: DbOrTx, campaignId: string, resolved: ResolvedCampaign, version: number): void {
  const unitRows = new Map(
    tx
      .select()
      .from(units)
      .where(eq(units.campaignId, campaignId))
      .all()
      .map((u) => [u.id, u]),
  );
  const wantedUnits = new Set(resolved.units.map((u) => u.id));
  resolved.units.forEach((unit, position) => {
    const values = { name: unit.name, level: unit.level, kind: unit.kind, position, searchKey: foldKey(unit.name), removedInVersion: null };
    if (unitRows.has(unit.id)) {
      tx.update(units)
        .set(values)
        .where(and(eq(units.campaignId, campaignId), eq(units.id, unit.id)))
        .run();
      tx.delete(unitAliases)
        .where(and(eq(unitAliases.campaignId, campaignId), eq(unitAliases.unitId, unit.id)))
        .run();
    } else {
      tx.insert(units)
        .values({ campaignId, id: unit.id, ...values })
        .run();
    }
    for (const alias of unit.aliases) {
      tx.insert(unitAliases)
        .values({ campaignId, unitId: unit.id, alias, searchKey: foldKey(alias) })
        .run();
    }
  });
  for (const row of unitRows.values()) {
    if (!wantedUnits.has(row.id) && row.removedInVersion === null) {
      tx.update(units)
        .set({ removedInVersion: version })
        .where(and(eq(units.campaignId, campaignId), eq(units.id, row.id)))
        .run();
    }
  }

  const teamRows = new Map(
    tx
      .select()
      .from(teams)
      .where(eq(teams.campaignId, campaignId))
      .all()
      .map((t) => [t.number, t]),
  );
  const teamIds = new Map<number, number>();
  for (const team of resolved.teams) {
    const values = {
      name: team.name,
      leaderUnitId: team.leader.unitId,
      leaderAsWritten: team.leader.asWritten,
      leaderPersonName: team.leaderPerson?.name ?? null,
      leaderPersonTitle: team.leaderPerson?.title ?? null,
      secretaryUnitId: team.secretaryUnitId,
      removedInVersion: null,
    };
    const existing = teamRows.get(team.number);
    const teamId = existing
      ? (tx.update(teams).set(values).where(eq(teams.id, existing.id)).run(), existing.id)
      : tx
          .insert(teams)
          .values({ campaignId, number: team.number, ...values })
          .returning({ id: teams.id })
          .get().id;
    teamIds.set(team.number, teamId);
    tx.delete(teamMembers).where(eq(teamMembers.teamId, teamId)).run();
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
  }
  for (const row of teamRows.values()) {
    if (!teamIds.has(row.number) && row.removedInVersion === null) {
      tx.update(teams).set({ removedInVersion: version }).where(eq(teams.id, row.id)).run();
      tx.delete(teamMembers).where(eq(teamMembers.teamId, row.id)).run();
    }
  }

  const targetRows = new Map(
    tx
      .select()
      .from(assignments)
      .where(eq(assignments.campaignId, campaignId))
      .all()
      .map((a) => [a.unitId, a]),
  );
  const wantedTargets = new Set<string>();
  let position = 0;
  for (const team of resolved.teams) {
    for (const target of team.targets) {
      wantedTargets.add(target.unitId);
      const values = {
        teamId: teamIds.get(team.number)!,
        position: position++,
        asWritten: target.asWritten,
        outline: target.outline,
        questionBlocks: target.questionBlocks,
        removedInVersion: null,
      };
      const existing = targetRows.get(target.unitId);
      if (existing) tx.update(assignments).set(values).where(eq(assignments.id, existing.id)).run();
      else
        tx.insert(assignments)
          .values({ campaignId, unitId: target.unitId, ...values })
          .run();
    }
  }
  for (const row of targetRows.values()) {
    if (!wantedTargets.has(row.unitId) && row.removedInVersion === null) {
      tx.update(assignments).set({ removedInVersion: version }).where(eq(assignments.id, row.id)).run();
    }
  }
}
