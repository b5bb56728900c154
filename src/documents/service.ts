import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { canActForTeam, isOffice } from '../auth/policy.js';
import { localToday } from '../text/dates.js';
import { canReadDocument } from './access.js';
import { noticeForAddressee, visitChanged } from './audience.js';
import type { DocumentContent, NoticeContent } from './content.js';
import { templateOf } from './content.js';
import type { DocumentDeps } from './deps.js';
import { documentDocx } from './docx.js';
import { DocumentNotFound, OtherTeam } from './errors.js';
import { createFactsLoader } from './facts.js';
import { createNoticeIssuer } from './issue-notice.js';
import { createResultsIssuer } from './issue-results.js';
import { outdateNotices } from './listener.js';
import * as repo from './repository.js';
import type { DocumentView, DocumentsSummary } from './schema.js';
import { buildSummary } from './summary.js';
import { toViews } from './views.js';
import { twoDigits } from '../text/vietnamese.js';

export type { DocumentDeps } from './deps.js';
export type DocumentFormat = 'html' | 'pdf' | 'docx';

export interface RenderedFile {
  bytes: Buffer;
  /** Content hash: the file's strong ETag. */
  hash: string;
  contentType: string;
  filename: string;
}

const contentTypes: Record<DocumentFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** "TB-01-DKT01.pdf": an ASCII file name for the download. */
function fileName(label: string, format: DocumentFormat): string {
  const [number, symbol] = label.split('/');
  const ascii = `${symbol}-${number}`.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/Đ/g, 'D').replace(/đ/g, 'd');
  return `${ascii.replace(/[^A-Za-z0-9-]+/g, '-')}.${format}`;
}

export type DocumentService = ReturnType<typeof createDocumentService>;

/** Notices, results notices and team reports: issuing, reading in every format, what is due. */
export function createDocumentService(deps: DocumentDeps) {
  const { db, now, timeZone, campaigns, schedule, templates, pdf, files } = deps;
  const loadFacts = createFactsLoader(campaigns);
  const notices = createNoticeIssuer(deps, loadFacts);
  const results = createResultsIssuer(deps, loadFacts);
  const rendering = new Map<string, Promise<RenderedFile>>();
  schedule.onVisitChange(outdateNotices(deps));

  /** Team existence is checked when its facts are read (404); the actor's right first (403). */
  function authorize(actor: Actor, campaignId: string, teamNumber: number): void {
    if (!canActForTeam(actor, campaignId, teamNumber)) {
      throw new OtherTeam(`Chỉ trưởng đoàn, thư ký Đoàn ${twoDigits(teamNumber)} hoặc cơ quan thường trực được ban hành văn bản của đoàn này`);
    }
  }

  /** The teams a member token's unit leads or sits on. */
  function memberTeams(campaignId: string, actor: Actor): number[] {
    return actor.role === 'member' && actor.unitId ? campaigns.staffTeams(campaignId, actor.unitId) : [];
  }

  function readable(campaignId: string, actor: Actor, rows: repo.DocumentRow[]): repo.DocumentRow[] {
    const teams = memberTeams(campaignId, actor);
    const units = (row: repo.DocumentRow) =>
      row.kind === 'notice' ? (row.content as { programme: { rows: { unitId: string }[] } }).programme.rows.map((r) => r.unitId) : row.unitId ? [row.unitId] : [];
    return rows.filter((row) => canReadDocument(actor, { campaignId, kind: row.kind, teamNumber: row.teamNumber, unitIds: units(row) }, teams));
  }

  function visibleRow(campaignId: string, documentId: number, actor: Actor): repo.DocumentRow {
    const row = repo.findDocument(db, campaignId, documentId);
    if (!row || readable(campaignId, actor, [row]).length === 0) throw new DocumentNotFound(campaignId, documentId);
    return row;
  }

  const view = (row: repo.DocumentRow) => toViews(db, [row], true)[0]!;

  /** A notice the actor reads only because it names the actor's unit (not as the team or the office). */
  function addresseeOnly(campaignId: string, actor: Actor, row: repo.DocumentRow): boolean {
    if (row.kind !== 'notice' || isOffice(actor) || actor.role === 'leader' || actor.role === 'secretary') return false;
    return !memberTeams(campaignId, actor).includes(row.teamNumber);
  }

  /** Item 6 of issue 13 (audience.ts): never "superseded" by a document the unit cannot open. */
  function asSeen<T extends Pick<DocumentView, 'status' | 'supersededBy' | 'outdatedAt' | 'outdatedReason'>>(campaignId: string, actor: Actor, row: repo.DocumentRow, seen: T): T {
    if (seen.status === 'current' || !addresseeOnly(campaignId, actor, row)) return seen;
    const superseding = row.supersededById === null ? undefined : repo.findDocument(db, campaignId, row.supersededById);
    const canOpen = superseding !== undefined && readable(campaignId, actor, [superseding]).length > 0;
    const own = (row.content as NoticeContent).programme.rows.filter((r) => r.unitId === actor.unitId);
    const changed = own.some((r) => {
      try {
        return visitChanged(r, schedule.get(campaignId, r.visitId));
      } catch {
        return visitChanged(r, null);
      }
    });
    return noticeForAddressee(seen, canOpen, changed);
  }

  function html(content: DocumentContent): string {
    return templates.render(templateOf[content.kind], content);
  }

  async function renderFile(content: DocumentContent, format: DocumentFormat, label: string): Promise<RenderedFile> {
    const page = html(content);
    const bytes = format === 'html' ? Buffer.from(page) : format === 'pdf' ? await pdf.render(page) : await documentDocx(content);
    return { bytes, hash: sha256(format === 'html' ? bytes : page + format), contentType: contentTypes[format], filename: fileName(label, format) };
  }

  /** An issued document's PDF or Word file is made once, stored by hash, then served from storage. */
  async function storedFile(row: repo.DocumentRow, format: 'pdf' | 'docx'): Promise<RenderedFile> {
    const known = format === 'pdf' ? row.pdfHash : row.docxHash;
    const bytes = known ? files.get(known, format) : null;
    if (known && bytes) return { bytes, hash: known, contentType: contentTypes[format], filename: fileName(row.numberLabel, format) };
    const key = `${row.id}.${format}`;
    let pending = rendering.get(key);
    if (!pending) {
      pending = (async () => {
        const made = await renderFile(row.content as DocumentContent, format, row.numberLabel);
        const stored = files.put(made.bytes, format);
        repo.setRenderHash(db, row.id, format, stored.hash);
        return { ...made, hash: stored.hash };
      })().finally(() => rendering.delete(key));
      rendering.set(key, pending);
    }
    return pending;
  }

  return {
    draftNotice(campaignId: string, teamNumber: number, visitIds: number[] | undefined, actor: Actor): DocumentContent {
      authorize(actor, campaignId, teamNumber);
      return notices.draft(campaignId, teamNumber, visitIds, null);
    },

    async draftNoticeFile(campaignId: string, teamNumber: number, visitIds: number[] | undefined, format: DocumentFormat, actor: Actor) {
      const content = this.draftNotice(campaignId, teamNumber, visitIds, actor);
      return renderFile(content, format, `DU-THAO/TB-DKT${twoDigits(teamNumber)}`);
    },

    issueNotice(campaignId: string, teamNumber: number, input: { visitIds?: number[]; signerName?: string }, actor: Actor): DocumentView {
      authorize(actor, campaignId, teamNumber);
      return view(notices.issue(campaignId, teamNumber, input, actor));
    },

    /** The results notice of a unit as it would be issued today (DỰ THẢO, unnumbered); nothing is saved. */
    async draftResultsNoticeFile(campaignId: string, teamNumber: number, unitId: string, format: DocumentFormat, actor: Actor) {
      authorize(actor, campaignId, teamNumber);
      return renderFile(results.draftResultsNotice(campaignId, teamNumber, { unitId }), format, `DU-THAO/TB-DKT${twoDigits(teamNumber)}`);
    },

    /** The team report as it would be issued today (DỰ THẢO, unnumbered); nothing is saved. */
    async draftTeamReportFile(campaignId: string, teamNumber: number, format: DocumentFormat, actor: Actor) {
      authorize(actor, campaignId, teamNumber);
      return renderFile(results.draftTeamReport(campaignId, teamNumber, {}), format, `DU-THAO/BC-DKT${twoDigits(teamNumber)}`);
    },

    issueResultsNotice(campaignId: string, teamNumber: number, input: { unitId: string; signerName?: string }, actor: Actor): DocumentView {
      authorize(actor, campaignId, teamNumber);
      return view(results.resultsNotice(campaignId, teamNumber, input, actor));
    },

    issueTeamReport(campaignId: string, teamNumber: number, input: { signerName?: string }, actor: Actor): DocumentView {
      authorize(actor, campaignId, teamNumber);
      return view(results.teamReport(campaignId, teamNumber, input, actor));
    },

    get(campaignId: string, documentId: number, actor: Actor): DocumentView {
      const row = visibleRow(campaignId, documentId, actor);
      return asSeen(campaignId, actor, row, view(row));
    },

    list(campaignId: string, actor: Actor, filter: repo.DocumentFilter): Omit<DocumentView, 'content'>[] {
      campaigns.rules(campaignId);
      const rows = readable(campaignId, actor, repo.listDocuments(db, campaignId, filter));
      return toViews(db, rows, false).map(({ content: _content, ...rest }, i) => asSeen(campaignId, actor, rows[i]!, rest));
    },

    async file(campaignId: string, documentId: number, format: DocumentFormat, actor: Actor): Promise<RenderedFile> {
      const row = visibleRow(campaignId, documentId, actor);
      if (format === 'html') return renderFile(row.content as DocumentContent, 'html', row.numberLabel);
      return storedFile(row, format);
    },

    /** Contract (contracts.md): what each team has issued, what is due, overdue and issued late. */
    summary(campaignId: string): DocumentsSummary {
      const rules = campaigns.rules(campaignId);
      return buildSummary(db, {
        campaignId,
        today: localToday(now(), timeZone),
        teamNumbers: campaigns.teams(campaignId).map((t) => t.number),
        teamReportDeadlineExclusive: rules.teamReportDeadlineExclusive,
        visits: schedule.listForCampaign(campaignId),
      });
    },
  };
}
