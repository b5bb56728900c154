import { shortDate, slotEn, slotVi, teamLabel } from './labels.js';
import { overlaps } from './slots.js';
import { teamsOfUnit, teamUnits, type ClashWorld, type RawFinding, type Slot, type TeamShape } from './rules-world.js';

// Rules between a visit and the other active visits of the same day. Intervals are half-open, so
// visits that only touch (11:30 end, 11:30 start) never clash.

function ids(slot: Slot, other: Slot): number[] {
  return slot.id === null ? [other.id!] : [slot.id, other.id!];
}

function roleVi(team: TeamShape, unitId: string): string {
  return team.leaderUnitId === unitId ? 'chủ trì' : 'là thành viên';
}

function roleEn(team: TeamShape, unitId: string): string {
  return team.leaderUnitId === unitId ? 'leads' : 'sits on';
}

export function overlapRules(slot: Slot, sameDay: readonly Slot[], world: ClashWorld): RawFinding[] {
  const name = (unitId: string) => world.unitNames.get(unitId) ?? unitId;
  const out: RawFinding[] = [];
  const clashing = sameDay.filter((other) => overlaps(slot, other));
  const n = teamLabel(slot.teamNumber);
  const team = world.teams.get(slot.teamNumber);

  for (const other of clashing) {
    if (other.unitId !== slot.unitId) continue;
    out.push({
      code: 'TARGET_DOUBLE_BOOKED',
      message: {
        vi: `${name(slot.unitId)} đã có lịch làm việc với Đoàn ${teamLabel(other.teamNumber)} vào ${slotVi(other)}`,
        en: `${name(slot.unitId)} already has a visit by team ${teamLabel(other.teamNumber)} at ${slotEn(other)}`,
      },
      visits: ids(slot, other),
      teams: [...new Set([slot.teamNumber, other.teamNumber])],
      units: [slot.unitId],
    });
  }

  for (const other of clashing) {
    if (other.teamNumber !== slot.teamNumber) continue;
    out.push({
      code: 'TEAM_DOUBLE_BOOKED',
      message: {
        vi: `Đoàn ${n} đã có lịch kiểm tra ${name(other.unitId)} vào ${slotVi(other)}`,
        en: `Team ${n} is already at ${name(other.unitId)} at ${slotEn(other)}`,
      },
      visits: ids(slot, other),
      teams: [slot.teamNumber],
      units: [...new Set([slot.unitId, other.unitId])],
    });
  }
  const sameTeam = sameDay.filter((other) => other.teamNumber === slot.teamNumber);
  const limit = world.rules.visitsPerTeamPerDay;
  if (sameTeam.length + 1 > limit) {
    out.push({
      code: 'TEAM_DOUBLE_BOOKED',
      message: {
        vi: `Đoàn ${n} đã có ${sameTeam.length} buổi kiểm tra trong ngày ${shortDate(slot.date)}; tối đa ${limit} buổi mỗi ngày`,
        en: `Team ${n} already has ${sameTeam.length} visit(s) on ${slot.date}; the limit is ${limit} a day`,
      },
      visits: [...(slot.id === null ? [] : [slot.id]), ...sameTeam.map((o) => o.id!)].sort((a, b) => a - b),
      teams: [slot.teamNumber],
      units: [...new Set([slot.unitId, ...sameTeam.map((o) => o.unitId)])],
    });
  }

  // The target's own leaders are out: it leads or sits on a team visiting someone at that time.
  for (const host of teamsOfUnit(world.teams.values(), slot.unitId, slot.teamNumber)) {
    for (const other of clashing) {
      if (other.teamNumber !== host.number) continue;
      const m = teamLabel(host.number);
      out.push({
        code: 'HOST_AWAY_INSPECTING',
        message: {
          vi: `${name(slot.unitId)} ${roleVi(host, slot.unitId)} Đoàn ${m}; Đoàn ${m} kiểm tra ${name(other.unitId)} vào ${slotVi(other)}, lãnh đạo đơn vị đang đi kiểm tra nên không thể làm việc với Đoàn ${n}`,
          en: `${name(slot.unitId)} ${roleEn(host, slot.unitId)} team ${m}, which inspects ${name(other.unitId)} at ${slotEn(other)}: its leaders are away inspecting and cannot host team ${n}`,
        },
        visits: ids(slot, other),
        teams: [slot.teamNumber, host.number],
        units: [slot.unitId],
      });
    }
  }

  if (!team) return out;
  const own = teamUnits(team);
  // A unit of this team is itself being inspected by another team at that time.
  for (const other of clashing) {
    if (other.teamNumber === slot.teamNumber || !own.includes(other.unitId)) continue;
    const m = teamLabel(other.teamNumber);
    out.push({
      code: 'HOST_AWAY_INSPECTING',
      message: {
        vi: `${name(other.unitId)} ${roleVi(team, other.unitId)} Đoàn ${n} nhưng đang được Đoàn ${m} kiểm tra vào ${slotVi(other)}, không thể đồng thời đi kiểm tra`,
        en: `${name(other.unitId)} ${roleEn(team, other.unitId)} team ${n} but is being inspected by team ${m} at ${slotEn(other)}, so it cannot be out inspecting`,
      },
      visits: ids(slot, other),
      teams: [slot.teamNumber, other.teamNumber],
      units: [other.unitId],
    });
  }

  // A unit on this team and on another team that is out at that time would be in two places.
  for (const unitId of own) {
    for (const elsewhere of teamsOfUnit(world.teams.values(), unitId, slot.teamNumber)) {
      for (const other of clashing) {
        if (other.teamNumber !== elsewhere.number) continue;
        const m = teamLabel(elsewhere.number);
        out.push({
          code: 'MEMBER_DOUBLE_BOOKED',
          message: {
            vi: `${name(unitId)} ở cả Đoàn ${n} và Đoàn ${m}; Đoàn ${m} kiểm tra ${name(other.unitId)} vào ${slotVi(other)}, đơn vị không thể có mặt ở hai nơi`,
            en: `${name(unitId)} sits on teams ${n} and ${m}; team ${m} inspects ${name(other.unitId)} at ${slotEn(other)}, and the unit cannot be in two places`,
          },
          visits: ids(slot, other),
          teams: [slot.teamNumber, elsewhere.number],
          units: [unitId],
        });
      }
    }
  }
  return out;
}
