import type { Actor } from '../auth/actor.js';
import { isOffice } from '../auth/policy.js';

// Pure: who sees which visits. The office, leaders and secretaries see the whole schedule (they
// coordinate dates); a member unit sees its teams' visits and its own; an inspected unit its own.

export type VisitScope = (visit: { teamNumber: number; unitId: string }) => boolean;

export function seesWholeSchedule(actor: Actor): boolean {
  return isOffice(actor) || actor.role === 'leader' || actor.role === 'secretary';
}

/** memberTeams: the teams the actor's unit leads or sits on (for member tokens). */
export function visitScope(actor: Actor, memberTeams: readonly number[]): VisitScope {
  if (seesWholeSchedule(actor)) return () => true;
  if (actor.role === 'member') {
    const teams = new Set(memberTeams);
    return (visit) => teams.has(visit.teamNumber) || visit.unitId === actor.unitId;
  }
  if (actor.role === 'unit') return (visit) => visit.unitId === actor.unitId;
  return () => false;
}
