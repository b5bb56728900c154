import { nameKey } from '../text/vietnamese.js';
import type { ResolvedTeam, ResolvedUnit } from './resolve.js';

// Pure analysis of a campaign's structure: what an office checks before the campaign starts, and what
// the clash engine relies on (a unit on a team cannot host a visit while that team is out).

export type RoleName = 'leader' | 'member' | 'target';

export interface UnitRole {
  teamNumber: number;
  role: RoleName;
  asWritten: string;
}

interface UnitRef {
  unitId: string;
  name: string;
}

export interface CampaignAnalysis {
  counts: {
    teams: number;
    units: number;
    unitsByLevel: Record<string, number>;
    targets: number;
    targetsByLevel: Record<string, number>;
  };
  multiRoleUnits: (UnitRef & { roles: UnitRole[] })[];
  unitsOnSeveralTeams: (UnitRef & { teams: number[] })[];
  reciprocalTeamPairs: { teams: [number, number]; firstInspects: UnitRef[]; secondInspects: UnitRef[] }[];
  leadersInspectedByOtherTeams: (UnitRef & { leads: number; inspectedBy: number })[];
  unitsNeverInspected: UnitRef[];
  unitsOnlyInspected: UnitRef[];
  aliasesUsed: (UnitRef & { asWritten: string; kind: 'alias' | 'spelling'; teamNumber: number; role: RoleName })[];
}

export function rolesByUnit(teams: ResolvedTeam[]): Map<string, UnitRole[]> {
  const roles = new Map<string, UnitRole[]>();
  const add = (unitId: string, role: UnitRole) => roles.set(unitId, [...(roles.get(unitId) ?? []), role]);
  for (const team of teams) {
    add(team.leader.unitId, { teamNumber: team.number, role: 'leader', asWritten: team.leader.asWritten });
    for (const m of team.members) add(m.unitId, { teamNumber: team.number, role: 'member', asWritten: m.asWritten });
    for (const t of team.targets) add(t.unitId, { teamNumber: team.number, role: 'target', asWritten: t.asWritten });
  }
  for (const list of roles.values()) list.sort((a, b) => a.teamNumber - b.teamNumber);
  return roles;
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export function analyseCampaign(units: ResolvedUnit[], teams: ResolvedTeam[]): CampaignAnalysis {
  const byId = new Map(units.map((u) => [u.id, u]));
  const ref = (unitId: string): UnitRef => ({ unitId, name: byId.get(unitId)?.name ?? unitId });
  const roles = rolesByUnit(teams);
  const staffTeams = (unitId: string) => [...new Set((roles.get(unitId) ?? []).filter((r) => r.role !== 'target').map((r) => r.teamNumber))];
  const targets = teams.flatMap((team) => team.targets);
  const inspectedBy = new Map(teams.flatMap((team) => team.targets.map((t) => [t.unitId, team.number] as const)));

  const reciprocalTeamPairs: CampaignAnalysis['reciprocalTeamPairs'] = [];
  const sorted = [...teams].sort((a, b) => a.number - b.number);
  const inspectsStaffOf = (x: ResolvedTeam, y: ResolvedTeam) => x.targets.filter((t) => staffTeams(t.unitId).includes(y.number)).map((t) => ref(t.unitId));
  sorted.forEach((x, i) => {
    for (const y of sorted.slice(i + 1)) {
      const first = inspectsStaffOf(x, y);
      const second = inspectsStaffOf(y, x);
      if (first.length > 0 && second.length > 0) {
        reciprocalTeamPairs.push({ teams: [x.number, y.number], firstInspects: first, secondInspects: second });
      }
    }
  });

  const aliasesUsed: CampaignAnalysis['aliasesUsed'] = [];
  for (const [unitId, list] of roles) {
    const unit = byId.get(unitId);
    if (!unit) continue;
    for (const role of list) {
      if (role.asWritten === unit.name || role.asWritten === unit.id) continue;
      aliasesUsed.push({
        ...ref(unitId),
        asWritten: role.asWritten,
        kind: nameKey(role.asWritten) === nameKey(unit.name) ? 'spelling' : 'alias',
        teamNumber: role.teamNumber,
        role: role.role,
      });
    }
  }

  return {
    counts: {
      teams: teams.length,
      units: units.length,
      unitsByLevel: countBy(units, (u) => u.level),
      targets: targets.length,
      targetsByLevel: countBy(targets, (t) => byId.get(t.unitId)?.level ?? 'other'),
    },
    multiRoleUnits: units.filter((u) => (roles.get(u.id) ?? []).length > 1).map((u) => ({ ...ref(u.id), roles: roles.get(u.id)! })),
    unitsOnSeveralTeams: units.filter((u) => staffTeams(u.id).length > 1).map((u) => ({ ...ref(u.id), teams: staffTeams(u.id) })),
    reciprocalTeamPairs,
    leadersInspectedByOtherTeams: sorted
      .filter((team) => inspectedBy.has(team.leader.unitId))
      .map((team) => ({
        ...ref(team.leader.unitId),
        leads: team.number,
        inspectedBy: inspectedBy.get(team.leader.unitId)!,
      })),
    unitsNeverInspected: units.filter((u) => staffTeams(u.id).length > 0 && !inspectedBy.has(u.id)).map((u) => ref(u.id)),
    // Communes are always only inspected; the list is about units an office might expect on a team.
    unitsOnlyInspected: units.filter((u) => u.level !== 'commune' && inspectedBy.has(u.id) && staffTeams(u.id).length === 0).map((u) => ref(u.id)),
    aliasesUsed,
  };
}
