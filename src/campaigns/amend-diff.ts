import { stableJson } from '../text/stable-json.js';
import { twoDigits } from '../text/vietnamese.js';
import type { ResolvedCampaign } from './resolve.js';

// Pure: what an amendment changes, said the way an office reads a plan (a target moved from team 02 to
// team 04, the plan's number set), each with its path in the definition and in two languages.

export interface ChangeLine {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
  vi: string;
  en: string;
}

const labels: Record<string, [string, string]> = {
  title: ['Tên đợt kiểm tra', 'Title'],
  fullTitle: ['Tên đầy đủ', 'Full title'],
  issuingBody: ['Cơ quan ban hành', 'Issuing body'],
  parentBody: ['Cơ quan chủ quản', 'Parent body'],
  placeName: ['Địa danh', 'Place name'],
  'plan.number': ['Số kế hoạch', 'Plan number'],
  'plan.date': ['Ngày ban hành kế hoạch', 'Plan date'],
  'plan.legalBasis': ['Căn cứ ban hành kế hoạch', 'Legal basis of the plan'],
  'window.start': ['Ngày bắt đầu kiểm tra', 'Window start'],
  'window.endExclusive': ['Kết thúc kiểm tra trước ngày', 'Window ends before'],
  'registration.deadlineExclusive': ['Hạn đăng ký lịch (trước ngày)', 'Registration deadline (before)'],
  'teamReport.deadlineExclusive': ['Hạn báo cáo của đoàn (trước ngày)', 'Team report deadline (before)'],
  'calendar.localDaysOff': ['Ngày nghỉ riêng của địa phương', 'Local days off'],
  'outlines.set': ['Bộ đề cương', 'Outline set'],
};

const show = (value: unknown) => (value === null || value === undefined ? '(trống)' : typeof value === 'string' ? value : stableJson(value));
const showEn = (value: unknown) => (value === null || value === undefined ? '(none)' : typeof value === 'string' ? value : stableJson(value));

function label(path: string): [string, string] {
  const known = labels[path];
  if (known) return known;
  const period = /^outlines\.periods\.(.+)$/.exec(path);
  if (period) return [`Kỳ số liệu đề cương ${period[1]}`, `Data period of outline ${period[1]}`];
  return [path, path];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Fields other than units and teams: objects are walked, arrays and values compared whole. */
function fieldChanges(before: unknown, after: unknown, path: string, out: ChangeLine[]): void {
  if (stableJson(before ?? null) === stableJson(after ?? null)) return;
  const periods = path === 'outlines.periods';
  if (isPlainObject(before) && isPlainObject(after) && (periods || !/^outlines\.periods\./.test(path))) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      fieldChanges(before[key], after[key], path === '' ? key : `${path}.${key}`, out);
    }
    return;
  }
  const kind = before === undefined || before === null ? 'added' : after === undefined || after === null ? 'removed' : 'changed';
  const [vi, en] = label(path);
  out.push({
    path,
    kind,
    before: before ?? null,
    after: after ?? null,
    vi: `${vi}: ${show(before)} → ${show(after)}`,
    en: `${en}: ${showEn(before)} → ${showEn(after)}`,
  });
}

export function diffCampaigns(before: ResolvedCampaign, after: ResolvedCampaign): ChangeLine[] {
  const out: ChangeLine[] = [];
  const strip = ({ units: _u, teams: _t, format: _f, id: _i, ...rest }: ResolvedCampaign['definition']) => rest;
  fieldChanges(strip(before.definition), strip(after.definition), '', out);

  const oldUnits = new Map(before.units.map((u) => [u.id, u]));
  const newUnits = new Map(after.units.map((u) => [u.id, u]));
  const name = (id: string) => newUnits.get(id)?.name ?? oldUnits.get(id)?.name ?? id;
  for (const unit of after.units) {
    const old = oldUnits.get(unit.id);
    const path = `units.${unit.id}`;
    if (!old) out.push({ path, kind: 'added', before: null, after: unit, vi: `Thêm đơn vị ${unit.name}`, en: `Unit added: ${unit.name}` });
    else if (stableJson({ ...old, aliases: [...old.aliases].sort() }) !== stableJson({ ...unit, aliases: [...unit.aliases].sort() })) {
      out.push({ path, kind: 'changed', before: old, after: unit, vi: `Sửa thông tin đơn vị ${old.name}`, en: `Unit changed: ${old.name}` });
    }
  }
  for (const unit of before.units) {
    if (!newUnits.has(unit.id)) {
      out.push({ path: `units.${unit.id}`, kind: 'removed', before: unit, after: null, vi: `Bỏ đơn vị ${unit.name}`, en: `Unit removed: ${unit.name}` });
    }
  }

  const oldTeams = new Map(before.teams.map((t) => [t.number, t]));
  const newTeams = new Map(after.teams.map((t) => [t.number, t]));
  for (const team of after.teams) {
    const n = twoDigits(team.number);
    const old = oldTeams.get(team.number);
    const path = `teams.${team.number}`;
    if (!old) {
      out.push({
        path,
        kind: 'added',
        before: null,
        after: { number: team.number, leader: team.leader.unitId },
        vi: `Thêm Đoàn ${n} do ${name(team.leader.unitId)} chủ trì`,
        en: `Team ${n} added, led by ${name(team.leader.unitId)}`,
      });
      continue;
    }
    if (old.leader.unitId !== team.leader.unitId) {
      out.push({
        path: `${path}.leader`,
        kind: 'changed',
        before: old.leader.unitId,
        after: team.leader.unitId,
        vi: `Đoàn ${n}: đơn vị chủ trì ${name(old.leader.unitId)} → ${name(team.leader.unitId)}`,
        en: `Team ${n}: led by ${name(team.leader.unitId)} instead of ${name(old.leader.unitId)}`,
      });
    }
    if (stableJson(old.leaderPerson) !== stableJson(team.leaderPerson)) {
      out.push({
        path: `${path}.leaderPerson`,
        kind: 'changed',
        before: old.leaderPerson,
        after: team.leaderPerson,
        vi: `Đoàn ${n}: trưởng đoàn ký ${show(old.leaderPerson?.name)} → ${show(team.leaderPerson?.name)}`,
        en: `Team ${n}: signing leader ${showEn(old.leaderPerson?.name)} → ${showEn(team.leaderPerson?.name)}`,
      });
    }
    if (old.secretaryUnitId !== team.secretaryUnitId || old.name !== team.name) {
      out.push({
        path,
        kind: 'changed',
        before: { name: old.name, secretary: old.secretaryUnitId },
        after: { name: team.name, secretary: team.secretaryUnitId },
        vi: `Đoàn ${n}: tên hoặc thư ký đoàn thay đổi`,
        en: `Team ${n}: name or secretary changed`,
      });
    }
    const oldMembers = new Map(old.members.map((m) => [m.unitId, m]));
    const newMembers = new Map(team.members.map((m) => [m.unitId, m]));
    for (const m of team.members) {
      const was = oldMembers.get(m.unitId);
      if (!was)
        out.push({
          path: `${path}.members.${m.unitId}`,
          kind: 'added',
          before: null,
          after: m,
          vi: `Đoàn ${n}: thêm thành viên ${name(m.unitId)}`,
          en: `Team ${n}: member added: ${name(m.unitId)}`,
        });
      else if (stableJson(was.representative) !== stableJson(m.representative)) {
        out.push({
          path: `${path}.members.${m.unitId}`,
          kind: 'changed',
          before: was.representative,
          after: m.representative,
          vi: `Đoàn ${n}: đại diện của ${name(m.unitId)} ${show(was.representative?.name)} → ${show(m.representative?.name)}`,
          en: `Team ${n}: representative of ${name(m.unitId)} ${showEn(was.representative?.name)} → ${showEn(m.representative?.name)}`,
        });
      }
    }
    for (const m of old.members) {
      if (!newMembers.has(m.unitId))
        out.push({
          path: `${path}.members.${m.unitId}`,
          kind: 'removed',
          before: m,
          after: null,
          vi: `Đoàn ${n}: bỏ thành viên ${name(m.unitId)}`,
          en: `Team ${n}: member removed: ${name(m.unitId)}`,
        });
    }
  }
  for (const team of before.teams) {
    if (!newTeams.has(team.number)) {
      out.push({
        path: `teams.${team.number}`,
        kind: 'removed',
        before: { number: team.number },
        after: null,
        vi: `Bỏ Đoàn ${twoDigits(team.number)}`,
        en: `Team ${twoDigits(team.number)} removed`,
      });
    }
  }

  const targets = (c: ResolvedCampaign) =>
    new Map(c.teams.flatMap((t) => t.targets.map((g) => [g.unitId, { team: t.number, outline: g.outline, questionBlocks: g.questionBlocks }] as const)));
  const oldTargets = targets(before);
  const newTargets = targets(after);
  for (const [unitId, now] of newTargets) {
    const was = oldTargets.get(unitId);
    const path = `targets.${unitId}`;
    const n = twoDigits(now.team);
    if (!was)
      out.push({ path, kind: 'added', before: null, after: now, vi: `Đoàn ${n} kiểm tra thêm ${name(unitId)}`, en: `Team ${n} also inspects ${name(unitId)}` });
    else if (was.team !== now.team) {
      out.push({
        path,
        kind: 'changed',
        before: was,
        after: now,
        vi: `${name(unitId)} chuyển từ Đoàn ${twoDigits(was.team)} sang Đoàn ${n}`,
        en: `${name(unitId)} moves from team ${twoDigits(was.team)} to team ${n}`,
      });
    } else if (stableJson(was) !== stableJson(now)) {
      out.push({
        path,
        kind: 'changed',
        before: was,
        after: now,
        vi: `${name(unitId)}: đề cương ${was.outline} [${was.questionBlocks.join(', ')}] → ${now.outline} [${now.questionBlocks.join(', ')}]`,
        en: `${name(unitId)}: outline ${was.outline} [${was.questionBlocks.join(', ')}] → ${now.outline} [${now.questionBlocks.join(', ')}]`,
      });
    }
  }
  for (const [unitId, was] of oldTargets) {
    if (!newTargets.has(unitId)) {
      out.push({
        path: `targets.${unitId}`,
        kind: 'removed',
        before: was,
        after: null,
        vi: `Đoàn ${twoDigits(was.team)} không kiểm tra ${name(unitId)} nữa`,
        en: `Team ${twoDigits(was.team)} no longer inspects ${name(unitId)}`,
      });
    }
  }
  return out;
}
