import type { DbOrTx } from '../db/connection.js';
import { programmeRowsOf, type StoredContent } from './content.js';
import * as repo from './repository.js';
import type { DocumentView } from './schema.js';

// Stored rows → the API's view of a document, as one reader may see it. A notice's standing is kept
// per visit; a reader sees the standing of the visits it may see (an inspected unit: its own), and
// only references to documents it may open: a unit is never told that a notice it cannot open
// replaced one it holds.

export interface Viewer {
  /** May the reader see this visit of a team's programme? */
  seesVisit(teamNumber: number, unitId: string): boolean;
  /** May the reader open this document? */
  reads(row: repo.DocumentRow): boolean;
}

/** Everyone sees everything: the standing office's (and the summary's) view. */
export const wholeView: Viewer = { seesVisit: () => true, reads: () => true };

type Status = DocumentView['status'];

/** A notice's status over some of its visits. */
export function noticeStatus(standings: readonly repo.Standing[]): Status {
  if (standings.includes('outdated')) return 'outdated';
  const inForce = standings.filter((s) => s === 'in-force').length;
  const superseded = standings.includes('superseded');
  if (inForce > 0) return superseded ? 'partly-superseded' : 'current';
  return superseded ? 'superseded' : 'outdated';
}

export function statusOf(row: repo.DocumentRow, pairs: readonly repo.PairRow[]): Status {
  if (row.kind === 'notice') return noticeStatus(pairs.map(repo.standingOf));
  if (row.supersededById !== null) return 'superseded';
  return row.outdatedAt !== null ? 'outdated' : 'current';
}

export function toViews(db: DbOrTx, rows: repo.DocumentRow[], withContent: boolean, viewer: Viewer = wholeView): DocumentView[] {
  const pairs = repo.pairsOf(
    db,
    rows.map((r) => r.id),
  );
  const related = new Map<number, repo.DocumentRow>(rows.map((r) => [r.id, r]));
  const wanted = new Set(
    rows.flatMap((r) => [
      ...r.supersedes,
      ...(r.supersededById === null ? [] : [r.supersededById]),
      ...(pairs.get(r.id) ?? []).flatMap((p) => (p.supersededById === null ? [] : [p.supersededById])),
    ]),
  );
  for (const id of wanted) {
    if (related.has(id) || !rows[0]) continue;
    const found = repo.findDocument(db, rows[0].campaignId, id);
    if (found) related.set(id, found);
  }
  const ref = (id: number | null) => {
    const row = id === null ? undefined : related.get(id);
    return row && viewer.reads(row) ? { id: row.id, numberLabel: row.numberLabel } : null;
  };

  return rows.map((row) => {
    const base = `/campaigns/${encodeURIComponent(row.campaignId)}/documents/${row.id}`;
    const own = pairs.get(row.id) ?? [];
    const programme = new Map(programmeRowsOf(row.content).map((r) => [r.visitId, r]));
    const visible = row.kind === 'notice' ? own.filter((p) => viewer.seesVisit(row.teamNumber, programme.get(p.visitId)?.unitId ?? '')) : [];
    const status = row.kind === 'notice' ? noticeStatus(visible.map(repo.standingOf)) : statusOf(row, own);
    const ended = visible.filter((p) => p.outdatedAt !== null).sort((a, b) => a.outdatedAt!.localeCompare(b.outdatedAt!));
    const replacing = visible.map((p) => p.supersededById).filter((id): id is number => id !== null);
    const content = row.content as StoredContent;
    return {
      id: row.id,
      campaignId: row.campaignId,
      teamNumber: row.teamNumber,
      kind: row.kind,
      origin: row.origin,
      number: row.number,
      numberLabel: row.numberLabel,
      unitId: row.unitId,
      issueDate: row.issueDate,
      issuedAt: row.issuedAt,
      issuedBy: row.issuedBy,
      enteredAfterwards: row.origin === 'paper' ? { by: row.enteredBy ?? '', at: row.enteredAt ?? '', reason: row.entryReason ?? '' } : null,
      dueDate: row.dueDate,
      late: row.dueDate !== null && row.issueDate > row.dueDate,
      lateReason: row.lateReason,
      status,
      outdatedAt: row.kind === 'notice' ? (ended.at(-1)?.outdatedAt ?? null) : row.outdatedAt,
      outdatedReason: row.kind === 'notice' ? (ended.length > 0 ? ended.map((p) => p.outdatedReason).join('; ') : null) : row.outdatedReason,
      supersededBy: row.kind === 'notice' ? (status === 'superseded' ? ref(Math.max(...replacing)) : null) : ref(row.supersededById),
      supersedes: row.supersedes.map(ref).filter((r) => r !== null),
      visitIds: own.map((p) => p.visitId),
      coverage: visible.map((p) => ({
        visitId: p.visitId,
        unitId: programme.get(p.visitId)?.unitId ?? '',
        unitName: programme.get(p.visitId)?.unitName ?? '',
        standing: repo.standingOf(p),
        since: p.outdatedAt,
        reason: p.outdatedReason,
        supersededBy: ref(p.supersededById),
      })),
      links: row.origin === 'paper' ? null : { html: `${base}/html`, pdf: `${base}/pdf`, docx: `${base}/docx` },
      content: (withContent ? content : undefined) as DocumentView['content'],
    };
  });
}
