import { checkVisit, clashScope, isActive, type ClashWorld, type Finding, type Slot } from './rules.js';

// Pure: every active visit re-checked against the others, as the calendar and the teams are now.
// A clash between two visits is found from both sides; it is reported once.

export interface ReviewedSlot extends Slot {
  overriddenCodes: readonly string[];
}

function key(finding: Finding): string {
  return [finding.code, [...finding.visits].sort((a, b) => a - b).join(','), [...finding.units].sort().join(',')].join('|');
}

export function reviewVisits(visits: readonly ReviewedSlot[], world: ClashWorld): Finding[] {
  const active = visits.filter(isActive);
  const byDateTeam = new Map<string, Slot[]>();
  const byDateUnit = new Map<string, Slot[]>();
  const byTeamUnit = new Map<string, Slot[]>();
  const push = (map: Map<string, Slot[]>, k: string, slot: Slot) => {
    const list = map.get(k);
    if (list) list.push(slot);
    else map.set(k, [slot]);
  };
  for (const slot of active) {
    push(byDateTeam, `${slot.date}|${slot.teamNumber}`, slot);
    push(byDateUnit, `${slot.date}|${slot.unitId}`, slot);
    push(byTeamUnit, `${slot.teamNumber}|${slot.unitId}`, slot);
  }
  const found = new Map<string, Finding>();
  for (const slot of active) {
    const scope = clashScope(world.teams, slot.teamNumber, slot.unitId);
    const candidates = new Set<Slot>();
    for (const n of scope.teamNumbers) for (const s of byDateTeam.get(`${slot.date}|${n}`) ?? []) candidates.add(s);
    for (const u of scope.unitIds) for (const s of byDateUnit.get(`${slot.date}|${u}`) ?? []) candidates.add(s);
    for (const s of byTeamUnit.get(`${slot.teamNumber}|${slot.unitId}`) ?? []) candidates.add(s);
    for (const finding of checkVisit(slot, [...candidates], world, { purpose: 'review', override: false })) {
      const accepted = finding.severity === 'error' && slot.overriddenCodes.includes(finding.code);
      const k = key(finding);
      const seen = found.get(k);
      if (seen) seen.overridden ||= accepted;
      else found.set(k, { ...finding, overridden: accepted });
    }
  }
  return [...found.values()];
}

/** The targets of the teams with no active visit, in team and plan order. */
export function unscheduledTargets(
  teams: readonly { number: number; targets: readonly { unitId: string }[] }[],
  visits: readonly Pick<Slot, 'teamNumber' | 'unitId' | 'status'>[],
): { teamNumber: number; unitId: string }[] {
  const scheduled = new Set(visits.filter(isActive).map((v) => `${v.teamNumber}|${v.unitId}`));
  return teams.flatMap((team) =>
    team.targets.filter((t) => !scheduled.has(`${team.number}|${t.unitId}`)).map((t) => ({ teamNumber: team.number, unitId: t.unitId })),
  );
}
