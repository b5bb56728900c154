import { DateTime } from 'luxon';
import { nameKey, twoDigits } from '../text/vietnamese.js';
import type { CampaignDefinition, UnitKind, UnitLevel } from './definition.js';
import type { DocumentIssue } from './errors.js';

// Pure: turns a parsed definition into ids and finds every hard error, each with its path in the
// document, so an office can fix them all in one pass.

export type DefinitionIssue = DocumentIssue;

export interface ResolvedUnit {
  id: string;
  name: string;
  level: UnitLevel;
  kind: UnitKind;
  aliases: string[];
}

export interface Person {
  name: string;
  title?: string | undefined;
}

export interface ResolvedTeam {
  number: number;
  name: string;
  leader: { unitId: string; asWritten: string };
  leaderPerson: Person | null;
  secretaryUnitId: string;
  members: { unitId: string; asWritten: string; representative: Person | null }[];
  targets: { unitId: string; asWritten: string; outline: string; questionBlocks: string[] }[];
}

export interface AliasUse {
  unitId: string;
  asWritten: string;
  path: string;
}

export interface ResolvedCampaign {
  definition: CampaignDefinition;
  units: ResolvedUnit[];
  teams: ResolvedTeam[];
  standingOfficeUnitId: string | null;
  aliasUses: AliasUse[];
}

export type ResolveResult = { ok: true; campaign: ResolvedCampaign } | { ok: false; issues: DefinitionIssue[] };

export function teamName(number: number): string {
  return `Đoàn kiểm tra số ${twoDigits(number)}`;
}

class UnitIndex {
  private readonly byId = new Map<string, ResolvedUnit>();
  private readonly byKey = new Map<string, Set<string>>();
  readonly aliasUses: AliasUse[] = [];

  constructor(
    units: CampaignDefinition['units'],
    private readonly issues: DefinitionIssue[],
  ) {
    units.forEach((unit, index) => {
      if (this.byId.has(unit.id)) {
        issues.push({
          path: `units[${index}].id`,
          code: 'DUPLICATE_UNIT_ID',
          message: `Mã đơn vị "${unit.id}" bị khai báo hai lần`,
          en: `Unit id "${unit.id}" is declared twice`,
        });
        return;
      }
      const resolved: ResolvedUnit = { ...unit, aliases: [...new Set(unit.aliases.filter((a) => a !== unit.name))] };
      this.byId.set(unit.id, resolved);
      for (const name of [unit.name, ...unit.aliases]) {
        const key = nameKey(name);
        const ids = this.byKey.get(key) ?? new Set<string>();
        ids.add(unit.id);
        this.byKey.set(key, ids);
      }
    });
    for (const [key, ids] of this.byKey) {
      if (ids.size > 1) {
        const list = [...ids];
        const second = units.findIndex((u) => u.id === list[1]);
        issues.push({
          path: `units[${second}].${nameKey(units[second]!.name) === key ? 'name' : 'aliases'}`,
          code: 'AMBIGUOUS_UNIT_NAME',
          message: `Tên "${key}" dùng cho nhiều đơn vị: ${list.join(', ')}`,
          en: `The name "${key}" is used by several units: ${list.join(', ')}`,
        });
      }
    }
  }

  get all(): ResolvedUnit[] {
    return [...this.byId.values()];
  }

  get(id: string): ResolvedUnit | undefined {
    return this.byId.get(id);
  }

  /** Resolves a reference written in the document; records an issue and returns undefined if it cannot. */
  resolve(ref: string, path: string): ResolvedUnit | undefined {
    const direct = this.byId.get(ref);
    if (direct) return direct;
    const ids = this.byKey.get(nameKey(ref));
    if (!ids || ids.size === 0) {
      this.issues.push({
        path,
        code: 'UNKNOWN_UNIT',
        message: `Không có đơn vị "${ref}" trong danh sách units`,
        en: `There is no unit "${ref}" in the units list`,
      });
      return undefined;
    }
    if (ids.size > 1) {
      this.issues.push({
        path,
        code: 'AMBIGUOUS_UNIT_NAME',
        message: `"${ref}" có thể là nhiều đơn vị: ${[...ids].join(', ')}`,
        en: `"${ref}" may be any of several units: ${[...ids].join(', ')}`,
      });
      return undefined;
    }
    const unit = this.byId.get([...ids][0]!)!;
    if (ref !== unit.name) {
      this.aliasUses.push({ unitId: unit.id, asWritten: ref, path });
      if (!unit.aliases.includes(ref)) unit.aliases.push(ref);
    }
    return unit;
  }
}

function checkDates(def: CampaignDefinition, issues: DefinitionIssue[]): void {
  const order = (earlier: string | null, later: string | null, path: string, message: string, en: string, strict = true) => {
    if (earlier === null || later === null) return;
    if (strict ? earlier >= later : earlier > later) {
      issues.push({ path, code: 'DATES_OUT_OF_ORDER', message, en });
    }
  };
  const { window } = def;
  order(window.start, window.endExclusive, 'window.endExclusive', 'Ngày kết thúc phải sau ngày bắt đầu đợt kiểm tra', 'The window must end after it starts');
  order(
    def.registration.deadlineExclusive,
    window.endExclusive,
    'registration.deadlineExclusive',
    'Hạn đăng ký lịch phải trước ngày kết thúc đợt kiểm tra',
    'The registration deadline must come before the end of the window',
  );
  order(
    window.endExclusive,
    def.teamReport.deadlineExclusive,
    'teamReport.deadlineExclusive',
    'Hạn báo cáo của đoàn không được trước ngày kết thúc đợt kiểm tra',
    'The team report deadline may not come before the end of the window',
    false,
  );
  order(
    def.plan.date,
    window.start,
    'plan.date',
    'Ngày ban hành kế hoạch phải trước ngày bắt đầu kiểm tra',
    'The plan must be dated before the window starts',
    false,
  );
  for (const [code, period] of Object.entries(def.outlines.periods)) {
    order(
      period.from,
      period.to,
      `outlines.periods.${code}.to`,
      `Kỳ số liệu đề cương ${code}: "đến" trước "từ"`,
      `Data period of outline ${code}: "to" is before "from"`,
      false,
    );
  }
  def.calendar.localDaysOff.forEach((day, index) => {
    if (!DateTime.fromISO(day.date).isValid) {
      issues.push({ path: `calendar.localDaysOff[${index}].date`, code: 'INVALID_DATE', message: 'Ngày không hợp lệ', en: 'Invalid date' });
    }
  });
}

export function resolveDefinition(def: CampaignDefinition): ResolveResult {
  const issues: DefinitionIssue[] = [];
  const index = new UnitIndex(def.units, issues);
  checkDates(def, issues);

  const blocksByUnit = new Map<string, string[]>();
  for (const [blockId, refs] of Object.entries(def.outlines.questionBlocks)) {
    refs.forEach((ref, i) => {
      const unit = index.resolve(ref, `outlines.questionBlocks.${blockId}[${i}]`);
      if (unit) blocksByUnit.set(unit.id, [...(blocksByUnit.get(unit.id) ?? []), blockId]);
    });
  }
  const standingOffice = def.standingOffice ? index.resolve(def.standingOffice.unit, 'standingOffice.unit') : undefined;

  const teams: ResolvedTeam[] = [];
  const teamByNumber = new Map<number, number>();
  const targetedBy = new Map<string, { team: number; path: string }>();

  def.teams.forEach((team, t) => {
    const at = `teams[${t}]`;
    if (teamByNumber.has(team.number)) {
      issues.push({
        path: `${at}.number`,
        code: 'DUPLICATE_TEAM_NUMBER',
        message: `Số đoàn ${team.number} đã dùng ở teams[${teamByNumber.get(team.number)}]`,
        en: `Team number ${team.number} is already used by teams[${teamByNumber.get(team.number)}]`,
      });
    } else teamByNumber.set(team.number, t);

    const leader = index.resolve(team.leader, `${at}.leader`);
    const secretaryRef = team.secretaryUnit ?? team.leader;
    const secretary = team.secretaryUnit ? index.resolve(team.secretaryUnit, `${at}.secretaryUnit`) : leader;
    if (leader && secretary && secretary.id !== leader.id) {
      issues.push({
        path: `${at}.secretaryUnit`,
        code: 'SECRETARY_NOT_FROM_LEADER_UNIT',
        message: `Thư ký đoàn phải là cán bộ của đơn vị trưởng đoàn (${leader.name}), không phải "${secretaryRef}"`,
        en: `The team secretary must come from the leader's unit (${leader.name}), not "${secretaryRef}"`,
      });
    }

    const staff = new Set<string>(leader ? [leader.id] : []);
    const members: ResolvedTeam['members'] = [];
    team.members.forEach((member, m) => {
      const ref = typeof member === 'string' ? member : member.unit;
      const path = `${at}.members[${m}]`;
      const unit = index.resolve(ref, path);
      if (!unit) return;
      if (staff.has(unit.id)) {
        issues.push({
          path,
          code: leader?.id === unit.id ? 'LEADER_ALSO_MEMBER' : 'DUPLICATE_MEMBER',
          message: `${unit.name} đã có trong thành phần đoàn`,
          en: `${unit.name} is already on the team`,
        });
        return;
      }
      staff.add(unit.id);
      const representative = typeof member === 'string' ? null : (member.representative ?? null);
      members.push({ unitId: unit.id, asWritten: ref, representative });
    });

    const targets: ResolvedTeam['targets'] = [];
    team.targets.forEach((target, g) => {
      const ref = typeof target === 'string' ? target : target.unit;
      const path = `${at}.targets[${g}]`;
      const unit = index.resolve(ref, path);
      if (!unit) return;
      if (staff.has(unit.id)) {
        issues.push({
          path,
          code: 'TEAM_TARGETS_OWN_STAFF',
          message: `Đoàn số ${team.number} không thể kiểm tra ${unit.name}, đơn vị thuộc chính đoàn`,
          en: `Team ${team.number} cannot inspect ${unit.name}, which sits on the team`,
        });
        return;
      }
      const earlier = targetedBy.get(unit.id);
      if (earlier) {
        issues.push({
          path,
          code: 'TARGET_ON_TWO_TEAMS',
          message: `${unit.name} đã được giao cho đoàn số ${earlier.team} (${earlier.path})`,
          en: `${unit.name} is already given to team ${earlier.team} (${earlier.path})`,
        });
        return;
      }
      targetedBy.set(unit.id, { team: team.number, path });
      const explicit: { outline?: string | undefined; questionBlocks?: string[] | undefined } = typeof target === 'string' ? {} : target;
      const outline = explicit.outline ?? def.outlines.byLevel[unit.level];
      if (!outline) {
        issues.push({
          path,
          code: 'NO_OUTLINE',
          message: `Chưa xác định đề cương cho ${unit.name} (cấp ${unit.level})`,
          en: `No outline is set for ${unit.name} (level ${unit.level})`,
        });
        return;
      }
      if (!(outline in def.outlines.periods)) {
        issues.push({
          path: typeof target === 'string' ? path : `${path}.outline`,
          code: 'UNKNOWN_OUTLINE',
          message: `Đề cương "${outline}" không có trong outlines.periods`,
          en: `Outline "${outline}" has no data period in outlines.periods`,
        });
        return;
      }
      let blocks = explicit.questionBlocks ?? blocksByUnit.get(unit.id) ?? [];
      const other = def.outlines.otherBlock;
      if (!explicit.questionBlocks && blocks.length === 0 && other && other.forOutline === outline) blocks = [other.id];
      targets.push({ unitId: unit.id, asWritten: ref, outline, questionBlocks: blocks });
    });

    if (!leader) return;
    teams.push({
      number: team.number,
      name: team.name ?? teamName(team.number),
      leader: { unitId: leader.id, asWritten: team.leader },
      leaderPerson: team.leaderPerson ?? null,
      secretaryUnitId: secretary?.id ?? leader.id,
      members,
      targets,
    });
  });

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    campaign: {
      definition: def,
      units: index.all,
      teams,
      standingOfficeUnitId: standingOffice?.id ?? null,
      aliasUses: index.aliasUses,
    },
  };
}
