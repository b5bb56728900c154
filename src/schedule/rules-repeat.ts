import { slotEn, slotVi, teamLabel } from './labels.js';
import type { ClashWorld, RawFinding, Slot } from './rules.js';

// A team registering a second visit to one of its targets, on any day: the plan gives each target one
// working session, so a second one is usually a registration made twice (a warning by default).

export function repeatRules(slot: Slot, sameTarget: readonly Slot[], world: ClashWorld): RawFinding[] {
  if (sameTarget.length === 0) return [];
  const earlier = [...sameTarget].sort((a, b) => a.date.localeCompare(b.date) || a.startMinute - b.startMinute);
  const name = world.unitNames.get(slot.unitId) ?? slot.unitId;
  const n = teamLabel(slot.teamNumber);
  return [
    {
      code: 'TARGET_VISITED_TWICE',
      message: {
        vi: `Đoàn ${n} đã có lịch kiểm tra ${name} vào ${earlier.map(slotVi).join('; ')}; đây là lần thứ hai đoàn đến cùng đơn vị`,
        en: `Team ${n} already has a visit to ${name} (${earlier.map(slotEn).join('; ')}); this would be its second visit to the same unit`,
      },
      visits: [...(slot.id === null ? [] : [slot.id]), ...earlier.map((o) => o.id!)].sort((a, b) => a - b),
      teams: [slot.teamNumber],
      units: [slot.unitId],
    },
  ];
}
