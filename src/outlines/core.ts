import { createHash } from 'node:crypto';
import createError from '@fastify/error';
import type { Actor } from '../auth/actor.js';
import { isOffice } from '../auth/policy.js';
import type { CampaignService } from '../campaigns/service.js';
import type { CampaignRules, TeamView } from '../campaigns/schema.js';
import type { Block, Outline, OutlineSet } from './data.js';
import { fillBlock, fillOutline, renderedReferences } from './references.js';
import type { SetRegistry } from './registry.js';
import { stableJson } from '../text/stable-json.js';
import type { CampaignFacts } from './document.js';
import {
  allItemIds,
  answerableItems,
  blockView,
  itemViews,
  periodNote,
  selectOutline,
  type AnswerableItem,
  type BlockView,
  type ItemView,
} from './rules.js';
import type { BlockViewShape, OutlineSummary, UnitOutlineView } from './schema.js';

export const OutlineNotFound = createError<[string]>('OUTLINE_NOT_FOUND', '%s', 404);
const SetNotFound = createError<[string]>('OUTLINE_SET_NOT_FOUND', 'Không có bộ đề cương "%s"', 404);
const BlockNotFound = createError<[string, string]>('QUESTION_BLOCK_NOT_FOUND', 'Bộ đề cương "%s" không có khối câu hỏi "%s"', 404);

/** What outlines need of a registered visit (schedule's VisitView has more). */
export interface VisitLike {
  id: number;
  date: string;
  session: string;
  startTime: string;
  endTime: string;
  place: string;
  status: string;
}
export interface VisitSource {
  listForUnit(campaignId: string, unitId: string): VisitLike[];
  listForCampaign(campaignId: string): (VisitLike & { unitId: string })[];
}

/** Everything printed on a unit's outline, with the data to check its answers. */
export interface ResolvedUnitOutline {
  view: UnitOutlineView;
  outline: Outline;
  blocks: Block[];
  unitKind: string;
  answerable: Map<string, AnswerableItem>;
  itemIds: Set<string>;
  facts: CampaignFacts;
}

interface CampaignContext {
  campaignId: string;
  rules: CampaignRules;
  teams: TeamView[];
  facts: CampaignFacts;
  /** The campaign's own plan references (plan.references of its definition). */
  references: Parameters<typeof renderedReferences>[1];
}

interface Selection {
  outline: Outline;
  blocks: Block[];
  items: ItemView[];
  blockViews: BlockView[];
  answerable: Map<string, AnswerableItem>;
  itemIds: Set<string>;
  version: string;
}

const CONTEXT_TTL_MS = 5000;

const contentHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

export interface OutlineCoreDeps {
  campaigns: CampaignService;
  sets: SetRegistry;
  /** Schedule, once it is built: the visit date printed on the outline. */
  visits?: VisitSource | undefined;
}

export type OutlineCore = ReturnType<typeof createOutlineCore>;

export function createOutlineCore(deps: OutlineCoreDeps) {
  const { campaigns, sets } = deps;

  function notFound(campaignId: string, unitId: string): Error {
    return new OutlineNotFound(`Đơn vị "${unitId}" không có đề cương báo cáo trong đợt kiểm tra "${campaignId}"`);
  }

  // A campaign's teams and targets change only by an amendment, which raises its version: they are
  // kept for a few seconds while the version stays, rather than read on every download.
  const contexts = new Map<string, { at: number; revision: number; value: CampaignContext }>();
  function context(campaignId: string): CampaignContext {
    const at = Date.now();
    const kept = contexts.get(campaignId);
    const revision = campaigns.revision(campaignId);
    if (kept && kept.revision === revision && at - kept.at < CONTEXT_TTL_MS) return kept.value;
    const detail = campaigns.detail(campaignId);
    const value: CampaignContext = {
      campaignId,
      rules: detail.rules,
      teams: campaigns.teams(campaignId),
      facts: {
        title: detail.title,
        issuingBody: detail.issuingBody,
        parentBody: detail.parentBody,
        placeName: detail.placeName,
        planNumber: detail.plan.number,
        planDate: detail.plan.date,
        year: detail.window.start.slice(0, 4),
      },
      references: campaigns.definition(campaignId).plan.references,
    };
    if (contexts.size > 100) contexts.clear();
    contexts.set(campaignId, { at, revision, value });
    return value;
  }

  // A set version never changes, so what is derived from an outline, its blocks and the campaign's
  // references is kept by all three; the references' hash joins the version (a new render).
  const selections = new Map<string, Selection>();
  function selection(set: OutlineSet, code: string, blockIds: string[], references: CampaignContext['references']): Selection {
    const rendered = renderedReferences(set.references, references);
    const refs = rendered.size === 0 ? '' : contentHash(stableJson([...rendered]));
    const key = `${set.id}@${set.version ?? 0}|${code}|${blockIds.join(',')}|${refs}`;
    const kept = selections.get(key);
    if (kept) return kept;
    const selected = selectOutline(set, code, blockIds);
    if ('missing' in selected) throw new OutlineNotFound(`Bộ đề cương "${set.id}" không có ${selected.missing}`);
    const outline = fillOutline(selected.outline, rendered);
    const blocks = selected.blocks.map((b) => fillBlock(b, rendered));
    const items = answerableItems(outline, blocks);
    const value: Selection = {
      outline,
      blocks,
      items: itemViews(outline.items),
      blockViews: blocks.map(blockView),
      answerable: new Map(items.map((item) => [item.id, item])),
      itemIds: allItemIds(outline, blocks),
      version: [outline.version, ...blocks.map((b) => b.version), ...(refs ? [refs] : [])].join('.'),
    };
    if (selections.size > 2000) selections.clear();
    selections.set(key, value);
    return value;
  }

  function firstVisit(visits: VisitLike[]): VisitLike | null {
    return (
      visits
        .filter((v) => v.status !== 'cancelled')
        .sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime))[0] ?? null
    );
  }

  function resolve(campaignId: string, unitId: string): ResolvedUnitOutline {
    return resolveIn(context(campaignId), unitId, deps.visits?.listForUnit(campaignId, unitId) ?? []);
  }

  function resolveIn(ctx: ReturnType<typeof context>, unitId: string, visits: VisitLike[]): ResolvedUnitOutline {
    const { campaignId, rules } = ctx;
    const team = ctx.teams.find((t) => t.targets.some((x) => x.unitId === unitId));
    const target = team?.targets.find((x) => x.unitId === unitId);
    if (!team || !target) throw notFound(campaignId, unitId);
    const set = sets.get(rules.outlineSet);
    if (!set) throw new SetNotFound(rules.outlineSet);
    const selected = selection(set, target.outline, target.questionBlocks, ctx.references);
    const { outline, blocks } = selected;
    const period = rules.outlinePeriods[target.outline] ?? null;
    const visit = firstVisit(visits);
    const view: UnitOutlineView = {
      campaignId,
      unitId,
      unitName: target.name,
      level: target.level,
      outlineSet: set.id,
      outline: { code: outline.code, title: outline.title, version: outline.version },
      period,
      periodNote: period ? periodNote(period) : null,
      team: { number: team.number, name: team.name, leaderUnitId: team.leader.unitId, leaderName: team.leader.name },
      visit: visit
        ? { id: visit.id, date: visit.date, session: visit.session, startTime: visit.startTime, endTime: visit.endTime, place: visit.place }
        : null,
      visitDate: visit?.date ?? null,
      version: selected.version,
      items: selected.items,
      trailingNote: blocks.length > 0 ? (outline.trailingNote ?? null) : null,
      blocks: selected.blockViews,
      answerableCount: selected.answerable.size,
    };
    return { view, outline, blocks, unitKind: target.kind, answerable: selected.answerable, itemIds: selected.itemIds, facts: ctx.facts };
  }

  /** Inspected units see their own; leaders and secretaries their team's targets; the office all. */
  function canRead(actor: Actor, unitId: string, teamNumber: number): boolean {
    if (isOffice(actor)) return true;
    if (actor.role === 'leader' || actor.role === 'secretary') return actor.teamNumber === teamNumber;
    return actor.unitId === unitId;
  }

  function resolveFor(actor: Actor, campaignId: string, unitId: string): ResolvedUnitOutline {
    // A unit asking for another unit learns nothing, not even whether that unit is inspected.
    if ((actor.role === 'unit' || actor.role === 'member') && actor.unitId !== unitId) throw notFound(campaignId, unitId);
    const resolved = resolve(campaignId, unitId);
    if (!canRead(actor, unitId, resolved.view.team.number)) throw notFound(campaignId, unitId);
    return resolved;
  }

  return {
    resolve,
    resolveFor,

    /** Contract for other modules: no access check (callers have done theirs). */
    forUnit(campaignId: string, unitId: string): UnitOutlineView {
      return resolve(campaignId, unitId).view;
    },

    forActor(actor: Actor, campaignId: string, unitId: string): UnitOutlineView {
      return resolveFor(actor, campaignId, unitId).view;
    },

    /** The targets the actor may see, each with its outline, blocks, team and visit date. */
    listForActor(actor: Actor, campaignId: string, teamNumber?: number): OutlineSummary[] {
      const ctx = context(campaignId);
      const visits = new Map<string, VisitLike[]>();
      for (const v of deps.visits?.listForCampaign(campaignId) ?? []) visits.set(v.unitId, [...(visits.get(v.unitId) ?? []), v]);
      return ctx.teams
        .filter((team) => teamNumber === undefined || team.number === teamNumber)
        .flatMap((team) => team.targets.filter((x) => canRead(actor, x.unitId, team.number)))
        .map((x) => {
          const { view } = resolveIn(ctx, x.unitId, visits.get(x.unitId) ?? []);
          return { ...view, blocks: view.blocks.map((b) => ({ id: b.id, heading: b.heading })) };
        });
    },

    block(setId: string, blockId: string): BlockViewShape {
      const set = sets.get(setId);
      if (!set) throw new SetNotFound(setId);
      const block = set.blocks.get(blockId);
      if (!block) throw new BlockNotFound(setId, blockId);
      return blockView(block);
    },

    /** A block of the campaign's set with the campaign's plan references in its texts (checklists). */
    campaignBlock(campaignId: string, blockId: string): BlockViewShape {
      const ctx = context(campaignId);
      const set = sets.get(ctx.rules.outlineSet);
      if (!set) throw new SetNotFound(ctx.rules.outlineSet);
      const block = set.blocks.get(blockId);
      if (!block) throw new BlockNotFound(set.id, blockId);
      return blockView(fillBlock(block, renderedReferences(set.references, ctx.references)));
    },

    set(setId: string) {
      const set = sets.get(setId);
      if (!set) throw new SetNotFound(setId);
      return {
        id: set.id,
        title: set.title,
        source: set.source,
        version: set.version,
        shipped: set.version === null,
        references: set.references,
        outlines: [...set.outlines.values()].map((o) => ({
          code: o.code,
          title: o.title,
          appliesTo: o.appliesTo,
          dataPeriodNote: o.dataPeriodNote ?? null,
          trailingNote: o.trailingNote ?? null,
          version: o.version,
          items: itemViews(o.items),
        })),
        blocks: set.blockOrder.map((id) => {
          const block = set.blocks.get(id)!;
          return { ...blockView(block), forOutline: block.forOutline ?? null, version: block.version };
        }),
      };
    },

  };
}
