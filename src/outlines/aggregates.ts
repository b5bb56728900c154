import type { Db } from '../db/connection.js';
import type { OutlineNode, OutlineSet } from './data.js';
import { answerableItems, selectOutline } from './rules.js';

// The units' self-reports as the standing office adds them up: per team, how many units have a
// report and how much of it is answered; per question, the figures summed across units. Counted and
// summed by SQLite over the stored answers (json_each), never by loading every report. A report is
// started once it holds an answer, and submitted while its status is "submitted" (a report returned
// for correction is not, until the unit submits it again).

export interface TeamSelfReports {
  teamNumber: number;
  /** Units whose report holds at least one answer. */
  started: number;
  /** Units whose report is submitted (not returned for correction since). */
  submitted: number;
  /** Answers given, and answers their outlines ask for, over the units with a report. */
  answered: number;
  expected: number;
}

export interface UnitSelfReport {
  answered: number;
  /** When it was submitted; null while a draft or returned for correction. */
  submittedAt: string | null;
  returned: boolean;
}

export interface FigureSum {
  outline: string;
  itemId: string;
  /** "1.2" or "tckh: câu 3", as the outline numbers it. */
  itemNo: string;
  itemText: string;
  label: string;
  total: number;
  units: number;
}

interface ItemLabel {
  no: string;
  text: string;
  order: number;
}

/** Every item of a set (outlines and blocks) with its number, text and printed order. */
function itemLabels(set: OutlineSet): Map<string, ItemLabel> {
  const out = new Map<string, ItemLabel>();
  const visit = (node: OutlineNode, no: string) => {
    out.set(node.id, { no, text: node.text, order: out.size });
    node.children.forEach((child, i) => visit(child, child.no ?? `${no}, ý ${i + 1}`));
  };
  for (const outline of set.outlines.values()) outline.items.forEach((node, i) => visit(node, node.no ?? `ý ${i + 1}`));
  for (const id of set.blockOrder) {
    const block = set.blocks.get(id)!;
    for (const q of block.groups.flatMap((g) => g.questions)) {
      out.set(q.id, { no: `${block.id}: câu ${q.no}`, text: q.text, order: out.size });
      q.subBullets.forEach((s, i) => out.set(s.id, { no: `${block.id}: câu ${q.no}, ý ${i + 1}`, text: s.text, order: out.size }));
    }
  }
  return out;
}

export function createSelfReportAggregates(db: Db, setOf: (campaignId: string) => OutlineSet | undefined) {
  const sqlite = db.$client;
  // Per set object: a set loaded again through the API keeps its id under a new version (a new object).
  const expectedCache = new WeakMap<OutlineSet, Map<string, number>>();
  const labelCache = new WeakMap<OutlineSet, Map<string, ItemLabel>>();

  /** Answerable items of an outline with its question blocks (stored as JSON text). */
  function expected(set: OutlineSet, outline: string, blocksJson: string): number {
    const key = `${outline}|${blocksJson}`;
    let counts = expectedCache.get(set);
    if (!counts) expectedCache.set(set, (counts = new Map<string, number>()));
    let n = counts.get(key);
    if (n === undefined) {
      const selected = selectOutline(set, outline, JSON.parse(blocksJson) as string[]);
      n = 'missing' in selected ? 0 : answerableItems(selected.outline, selected.blocks).length;
      counts.set(key, n);
    }
    return n;
  }

  return {
    selfReportsByTeam(campaignId: string): Map<number, TeamSelfReports> {
      const set = setOf(campaignId);
      const rows = sqlite
        .prepare<[string], { teamNumber: number; outline: string; blocks: string; started: number; submitted: number; answered: number }>(
          `select t.number as teamNumber, a.outline, a.question_blocks as blocks,
             count(case when r.n > 0 then 1 end) as started, count(case when r.status = 'submitted' then 1 end) as submitted,
             coalesce(sum(r.n), 0) as answered
           from assignments a join teams t on t.id = a.team_id
           left join (select unit_id, status, (select count(*) from json_each(answers)) as n from self_reports where campaign_id = @c) r
             on r.unit_id = a.unit_id
           where a.campaign_id = @c and a.removed_in_version is null group by t.number, a.outline, a.question_blocks`,
        )
        .all({ c: campaignId } as never);
      const out = new Map<number, TeamSelfReports>();
      for (const row of rows) {
        const sum = out.get(row.teamNumber) ?? { teamNumber: row.teamNumber, started: 0, submitted: 0, answered: 0, expected: 0 };
        sum.started += row.started;
        sum.submitted += row.submitted;
        sum.answered += row.answered;
        sum.expected += set ? row.started * expected(set, row.outline, row.blocks) : 0;
        out.set(row.teamNumber, sum);
      }
      return out;
    },

    /** Answers given by each of the units and whether it submitted (a unit without an answer is absent). */
    answeredBy(campaignId: string, unitIds: readonly string[]): Map<string, UnitSelfReport> {
      if (unitIds.length === 0) return new Map();
      const rows = sqlite
        .prepare<unknown[], { unitId: string; n: number; status: string; submittedAt: string | null }>(
          `select unit_id as unitId, (select count(*) from json_each(answers)) as n, status, submitted_at as submittedAt from self_reports
           where campaign_id = ? and unit_id in (${unitIds.map(() => '?').join(',')})`,
        )
        .all(campaignId, ...unitIds);
      return new Map(
        rows
          .filter((r) => r.n > 0 || r.status === 'submitted')
          .map((r) => [r.unitId, { answered: r.n, submittedAt: r.status === 'submitted' ? r.submittedAt : null, returned: r.status === 'returned' }]),
      );
    },

    /** Answers each target's outline asks for. */
    expectedOf(campaignId: string, unitIds: readonly string[]): Map<string, number> {
      const set = setOf(campaignId);
      if (!set || unitIds.length === 0) return new Map();
      const rows = sqlite
        .prepare<unknown[], { unitId: string; outline: string; blocks: string }>(
          `select unit_id as unitId, outline, question_blocks as blocks from assignments
           where campaign_id = ? and removed_in_version is null and unit_id in (${unitIds.map(() => '?').join(',')})`,
        )
        .all(campaignId, ...unitIds);
      return new Map(rows.map((r) => [r.unitId, expected(set, r.outline, r.blocks)]));
    },

    /** Every figure the units reported, summed per outline, question and label (optionally one team's units). */
    figureSums(campaignId: string, teamNumber?: number): FigureSum[] {
      const set = setOf(campaignId);
      const team = teamNumber === undefined ? '' : 'and t.number = @team';
      const rows = sqlite
        .prepare<unknown[], { outline: string; itemId: string; label: string; total: number; units: number }>(
          `select a.outline, j.key as itemId, f.key as label, sum(f.value) as total, count(distinct r.unit_id) as units
           from self_reports r
           join assignments a on a.campaign_id = r.campaign_id and a.unit_id = r.unit_id and a.removed_in_version is null
           join teams t on t.id = a.team_id,
           json_each(r.answers) j, json_each(j.value, '$.figures') f
           where r.campaign_id = @c ${team} and f.type in ('integer', 'real')
           group by a.outline, j.key, f.key`,
        )
        .all(teamNumber === undefined ? { c: campaignId } : { c: campaignId, team: teamNumber });
      let labels = set ? labelCache.get(set) : undefined;
      if (set && !labels) {
        labels = itemLabels(set);
        labelCache.set(set, labels);
      }
      return rows
        .map((r) => {
          const item = labels?.get(r.itemId);
          return { ...r, itemNo: item?.no ?? r.itemId, itemText: item?.text ?? '', order: item?.order ?? Number.MAX_SAFE_INTEGER };
        })
        .sort((a, b) => a.outline.localeCompare(b.outline) || a.order - b.order || a.label.localeCompare(b.label, 'vi'))
        .map(({ order: _order, ...sum }) => sum);
    },
  };
}

export type SelfReportAggregates = ReturnType<typeof createSelfReportAggregates>;
