import { z } from 'zod';
import { nameKey } from '../text/vietnamese.js';
import { isoDate } from '../http/params.js';
import { definitionSchema, type CampaignDefinition } from './definition.js';
import type { DocumentIssue } from './errors.js';

// Targeted amendments: each change is applied in turn to a copy of the current definition, and the
// result is then checked like any new definition. Pure: every change that cannot apply is reported
// with its path (changes[2].unit), not only the first.

const text = z.string().trim().min(1).max(2000);
const team = z.number().int().min(1).max(999).describe('team number (số đoàn)');
const unitRef = text.describe('unit id, or its name (or an alias) as written');
const shape = definitionSchema.shape;
const unitShape = shape.units.element;

export const amendmentChange = z.discriminatedUnion('op', [
  z.object({ op: z.literal('setSigner'), team, name: text, title: text.optional() }).describe("the team leader who signs the team's documents"),
  z
    .object({ op: z.literal('setRepresentative'), team, unit: unitRef, name: text, title: text.optional() })
    .describe("a member unit's representative on the team"),
  z
    .object({ op: z.literal('setPlan'), number: text.nullable().optional(), date: isoDate.nullable().optional() })
    .describe("the plan's number and date (null: not known yet)"),
  z
    .object({
      op: z.literal('setPlanReference'),
      reference: text.describe('the placeholder id the outline set cites, e.g. ke-hoach-nam'),
      kind: text.optional(),
      number: text.nullable().optional(),
      date: isoDate.nullable().optional(),
      text: text.optional().describe('the reference as printed, instead of kind, number and date'),
    })
    .describe('a plan the outlines cite ({plan:<reference>})'),
  z.object({ op: z.literal('setDataPeriod'), outline: text, from: isoDate, to: isoDate }).describe("an outline's data period"),
  z.object({ op: z.literal('addUnit'), unit: unitShape }).describe('a unit new to the campaign (then add it as a target or member)'),
  z
    .object({ op: z.literal('addTarget'), team, unit: unitRef, outline: text.optional(), questionBlocks: z.array(text).optional() })
    .describe('a unit the team must inspect'),
  z.object({ op: z.literal('removeTarget'), unit: unitRef }).describe('a target taken out of the plan (it must have no active visit)'),
  z
    .object({ op: z.literal('addMember'), team, unit: unitRef, representative: z.object({ name: text, title: text.optional() }).optional() })
    .describe('a unit joining the team'),
  z.object({ op: z.literal('removeMember'), team, unit: unitRef }).describe('a unit leaving the team'),
  z
    .object({ op: z.literal('moveWindow'), start: isoDate.optional(), endExclusive: isoDate.optional() })
    .refine((c) => c.start !== undefined || c.endExclusive !== undefined, 'cần start hoặc endExclusive')
    .describe('the inspection window ("kết thúc trước ngày endExclusive")'),
  z
    .object({ op: z.literal('setDeadline'), deadline: z.enum(['registration', 'teamReport']), before: isoDate.nullable() })
    .describe('"trước ngày before" for registration or the team report (null: none)'),
]);

export type AmendmentChange = z.infer<typeof amendmentChange>;

/** The unit a reference names in a definition: its id, or its name or an alias (case and punctuation aside). */
function unitIdOf(definition: CampaignDefinition, ref: string): string | undefined {
  if (definition.units.some((u) => u.id === ref)) return ref;
  const key = nameKey(ref);
  const found = definition.units.filter((u) => [u.name, ...u.aliases].some((n) => nameKey(n) === key));
  return found.length === 1 ? found[0]!.id : undefined;
}

const refOf = (entry: string | { unit: string }) => (typeof entry === 'string' ? entry : entry.unit);

/**
 * The definition with every change that could apply applied, and the issues of those that could not
 * (so the result can be checked too, and every problem reported at once).
 */
export function applyChanges(current: CampaignDefinition, changes: readonly AmendmentChange[]): { definition: CampaignDefinition; issues: DocumentIssue[] } {
  const d = structuredClone(current);
  const issues: DocumentIssue[] = [];
  const fail = (i: number, field: string, code: string, message: string, en: string) => issues.push({ path: `changes[${i}].${field}`, code, message, en });

  changes.forEach((change, i) => {
    const teamOf = (number: number) => {
      const found = d.teams.find((t) => t.number === number);
      if (!found) fail(i, 'team', 'UNKNOWN_TEAM', `Không có đoàn số ${number}`, `There is no team ${number}`);
      return found;
    };
    const unitOf = (ref: string) => {
      const id = unitIdOf(d, ref);
      if (!id) fail(i, 'unit', 'UNKNOWN_UNIT', `Không có đơn vị "${ref}" trong đợt kiểm tra`, `There is no unit "${ref}" in the campaign`);
      return id;
    };
    switch (change.op) {
      case 'setSigner': {
        const t = teamOf(change.team);
        if (t) t.leaderPerson = { name: change.name, ...(change.title ? { title: change.title } : {}) };
        return;
      }
      case 'setRepresentative': {
        const t = teamOf(change.team);
        const id = unitOf(change.unit);
        if (!t || !id) return;
        const index = t.members.findIndex((m) => unitIdOf(d, refOf(m)) === id);
        if (index < 0) {
          fail(i, 'unit', 'NOT_A_MEMBER', `"${change.unit}" không phải thành viên Đoàn số ${t.number}`, `"${change.unit}" is not a member of team ${t.number}`);
          return;
        }
        const representative = { name: change.name, ...(change.title ? { title: change.title } : {}) };
        t.members[index] = { unit: refOf(t.members[index]!), representative };
        return;
      }
      case 'setPlan':
        if (change.number !== undefined) d.plan.number = change.number;
        if (change.date !== undefined) d.plan.date = change.date;
        return;
      case 'setPlanReference': {
        const references = { ...(d.plan.references ?? {}) };
        const before = references[change.reference];
        const kept = typeof before === 'object' ? before : { kind: 'Kế hoạch', number: null, date: null };
        references[change.reference] = change.text ?? {
          kind: change.kind ?? kept.kind,
          number: change.number === undefined ? kept.number : change.number,
          date: change.date === undefined ? kept.date : change.date,
        };
        d.plan.references = references;
        return;
      }
      case 'setDataPeriod':
        if (!(change.outline in d.outlines.periods)) {
          fail(i, 'outline', 'UNKNOWN_OUTLINE', `Đợt kiểm tra không dùng đề cương "${change.outline}"`, `The campaign uses no outline "${change.outline}"`);
          return;
        }
        d.outlines.periods[change.outline] = { from: change.from, to: change.to };
        return;
      case 'addUnit':
        if (d.units.some((u) => u.id === change.unit.id)) {
          fail(i, 'unit.id', 'UNIT_EXISTS', `Mã đơn vị "${change.unit.id}" đã có`, `Unit id "${change.unit.id}" is taken`);
          return;
        }
        d.units.push(change.unit);
        return;
      case 'addTarget': {
        const t = teamOf(change.team);
        const id = unitOf(change.unit);
        if (!t || !id) return;
        const holder = d.teams.find((x) => x.targets.some((g) => unitIdOf(d, refOf(g)) === id));
        if (holder) {
          fail(
            i,
            'unit',
            'ALREADY_A_TARGET',
            `"${change.unit}" đã được giao cho Đoàn số ${holder.number}`,
            `"${change.unit}" is already given to team ${holder.number}`,
          );
          return;
        }
        const explicit = change.outline !== undefined || change.questionBlocks !== undefined;
        t.targets.push(
          explicit
            ? { unit: id, ...(change.outline ? { outline: change.outline } : {}), ...(change.questionBlocks ? { questionBlocks: change.questionBlocks } : {}) }
            : id,
        );
        return;
      }
      case 'removeTarget': {
        const id = unitOf(change.unit);
        if (!id) return;
        const holder = d.teams.find((x) => x.targets.some((g) => unitIdOf(d, refOf(g)) === id));
        if (!holder) {
          fail(i, 'unit', 'NOT_A_TARGET', `"${change.unit}" không phải đơn vị được kiểm tra`, `"${change.unit}" is not a target`);
          return;
        }
        holder.targets = holder.targets.filter((g) => unitIdOf(d, refOf(g)) !== id);
        return;
      }
      case 'addMember': {
        const t = teamOf(change.team);
        const id = unitOf(change.unit);
        if (!t || !id) return;
        t.members.push(change.representative ? { unit: id, representative: change.representative } : id);
        return;
      }
      case 'removeMember': {
        const t = teamOf(change.team);
        const id = unitOf(change.unit);
        if (!t || !id) return;
        const before = t.members.length;
        t.members = t.members.filter((m) => unitIdOf(d, refOf(m)) !== id);
        if (t.members.length === before) {
          fail(i, 'unit', 'NOT_A_MEMBER', `"${change.unit}" không phải thành viên Đoàn số ${t.number}`, `"${change.unit}" is not a member of team ${t.number}`);
        }
        return;
      }
      case 'moveWindow':
        d.window = { start: change.start ?? d.window.start, endExclusive: change.endExclusive ?? d.window.endExclusive };
        return;
      case 'setDeadline':
        if (change.deadline === 'registration') d.registration = { deadlineExclusive: change.before };
        else d.teamReport = { deadlineExclusive: change.before };
        return;
    }
  });
  return { definition: d, issues };
}
