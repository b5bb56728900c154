import type { DbOrTx } from '../db/connection.js';
import type { DocumentContent } from './content.js';
import * as repo from './repository.js';
import type { DocumentView } from './schema.js';

// Stored rows → the API's view of a document (status, links both ways, covered visits).

export function statusOf(row: repo.DocumentRow): DocumentView['status'] {
  if (row.supersededById !== null) return 'superseded';
  return row.outdatedAt !== null ? 'outdated' : 'current';
}

export function toViews(db: DbOrTx, rows: repo.DocumentRow[], withContent: boolean): DocumentView[] {
  const visits = repo.visitsOf(db, rows.map((r) => r.id));
  const related = new Set(rows.flatMap((r) => [...r.supersedes, ...(r.supersededById === null ? [] : [r.supersededById])]));
  const labels = new Map<number, string>();
  for (const r of rows) labels.set(r.id, r.numberLabel);
  for (const id of related) {
    if (labels.has(id)) continue;
    const found = rows[0] ? repo.findDocument(db, rows[0].campaignId, id) : undefined;
    if (found) labels.set(id, found.numberLabel);
  }
  const ref = (id: number) => ({ id, numberLabel: labels.get(id) ?? String(id) });
  return rows.map((row) => {
    const base = `/campaigns/${encodeURIComponent(row.campaignId)}/documents/${row.id}`;
    return {
      id: row.id,
      campaignId: row.campaignId,
      teamNumber: row.teamNumber,
      kind: row.kind,
      number: row.number,
      numberLabel: row.numberLabel,
      unitId: row.unitId,
      issueDate: row.issueDate,
      issuedAt: row.issuedAt,
      issuedBy: row.issuedBy,
      dueDate: row.dueDate,
      late: row.dueDate !== null && row.issueDate > row.dueDate,
      status: statusOf(row),
      outdatedAt: row.outdatedAt,
      outdatedReason: row.outdatedReason,
      supersededBy: row.supersededById === null ? null : ref(row.supersededById),
      supersedes: row.supersedes.map(ref),
      visitIds: visits.get(row.id) ?? [],
      links: { html: `${base}/html`, pdf: `${base}/pdf`, docx: `${base}/docx` },
      content: (withContent ? row.content : undefined) as DocumentContent,
    };
  });
}
