import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { canActForTeam, isOffice } from '../auth/policy.js';
import { localToday, shortDate } from '../text/dates.js';
import { addressees, canReadDocument, canSeeAnnouncedVisit } from './access.js';
import { createDocumentAggregates } from './aggregates.js';
import type { DocumentContent } from './content.js';
import { templateOf } from './content.js';
import type { DocumentDeps } from './deps.js';
import { documentDocx } from './docx.js';
import { DocumentNotFound, OfficeOnly, OtherTeam, PaperOnly } from './errors.js';
import { createFactsLoader } from './facts.js';
import { createNoticeIssuer, type NoticeRequest, type NoticeReview } from './issue-notice.js';
import { createResultsIssuer } from './issue-results.js';
import { createPaperRecorder, type PaperNoticeInput } from './record-paper.js';
import { outdateNotices } from './listener.js';
import * as repo from './repository.js';
import { noticeCoverage } from './coverage.js';
import type { DocumentView, DocumentsSummary, NoticeCoverage, NoticeDraft } from './schema.js';
import { buildSummary } from './summary.js';
import { toViews, type Viewer } from './views.js';
import { twoDigits } from '../text/vietnamese.js';

export type { DocumentDeps } from './deps.js';
export type DocumentFormat = 'html' | 'pdf' | 'docx';

export interface RenderedFile {
  bytes: Buffer;
  /** Content hash: the file's strong ETag. */
  hash: string;
  contentType: string;
  /** ASCII name ("TB-DKT01-01.pdf"). */
  filename: string;
  /** The real name ("Thông báo kiểm tra số 01-TB-ĐKT01.pdf"). */
  displayName: string;
}

const contentTypes: Record<DocumentFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** "Thông báo kiểm tra số 01-TB-ĐKT01.pdf": the title, without the slash a file name cannot hold. */
const displayName = (content: DocumentContent, format: DocumentFormat) => `${content.documentTitle.replace(/[/\\]/g, '-')}.${format}`;

/** "TB-DKT01-01.pdf": an ASCII file name for the download. */
function fileName(label: string, format: DocumentFormat): string {
  const [number, symbol] = label.split('/');
  const ascii = `${symbol}-${number}`
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/Đ/g, 'D')
    .replace(/đ/g, 'd');
  return `${ascii.replace(/[^A-Za-z0-9-]+/g, '-')}.${format}`;
}

export type DocumentService = ReturnType<typeof createDocumentService>;

function draftView(review: NoticeReview): NoticeDraft {
  const refusals = [
    ...review.notAnnounceable.map((r) => ({ ...r, code: 'VISITS_NOT_ANNOUNCEABLE' as const, latestNoticeDate: null, acceptedWithLateReason: false })),
    ...review.tooLate.map((r) => ({ ...r, code: 'NOTICE_TOO_LATE' as const, latestNoticeDate: r.latestNoticeDate ?? null, acceptedWithLateReason: true })),
  ];
  return {
    content: review.content,
    issuable: refusals.length === 0,
    refusals,
    dueDate: review.dueDate,
    replaces: review.replaces.map((r) => ({ id: r.document.id, numberLabel: r.document.numberLabel, visitIds: r.visitIds })),
  };
}

/** Notices, results notices and team reports: issuing, reading in every format, what is due. */
export function createDocumentService(deps: DocumentDeps) {
  const { db, now, timeZone, campaigns, schedule, templates, pdf, files } = deps;
  const loadFacts = createFactsLoader(campaigns);
  const notices = createNoticeIssuer(deps, loadFacts);
  const results = createResultsIssuer(deps, loadFacts);
  const paper = createPaperRecorder(deps, loadFacts);
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

  /** What a reader may open and which visits of a programme it may see. */
  function viewer(campaignId: string, actor: Actor): Viewer {
    const teams = memberTeams(campaignId, actor);
    return {
      reads: (row) => canReadDocument(actor, { campaignId, kind: row.kind, teamNumber: row.teamNumber, unitIds: addressees(row) }, teams),
      seesVisit: (teamNumber, unitId) => canSeeAnnouncedVisit(actor, teamNumber, unitId, teams),
    };
  }

  function readable(campaignId: string, actor: Actor, rows: repo.DocumentRow[]): repo.DocumentRow[] {
    const { reads } = viewer(campaignId, actor);
    return rows.filter(reads);
  }

  function visibleRow(campaignId: string, documentId: number, actor: Actor): repo.DocumentRow {
    const row = repo.findDocument(db, campaignId, documentId);
    if (!row || readable(campaignId, actor, [row]).length === 0) throw new DocumentNotFound(campaignId, documentId);
    return row;
  }

  const view = (row: repo.DocumentRow, actor: Actor) => toViews(db, [row], true, viewer(row.campaignId, actor))[0]!;

  /** The service renders only what it wrote: a paper notice has no HTML, PDF or Word form. */
  function rendered(row: repo.DocumentRow): DocumentContent {
    if (row.origin === 'paper') {
      throw new PaperOnly(
        `Thông báo số ${row.numberLabel} ngày ${shortDate(row.issueDate)} được ban hành trên giấy và chỉ được ghi nhận vào hệ thống; hệ thống không có bản do mình tạo ra`,
      );
    }
    return row.content as DocumentContent;
  }

  function html(content: DocumentContent): string {
    return templates.render(templateOf[content.kind], content);
  }

  async function renderFile(content: DocumentContent, format: DocumentFormat, label: string): Promise<RenderedFile> {
    const page = html(content);
    const bytes = format === 'html' ? Buffer.from(page) : format === 'pdf' ? await pdf.render(page) : await documentDocx(content);
    return {
      bytes,
      hash: sha256(format === 'html' ? bytes : page + format),
      contentType: contentTypes[format],
      filename: fileName(label, format),
      displayName: displayName(content, format),
    };
  }

  /** An issued document's PDF or Word file is made once, stored by hash, then served from storage. */
  async function storedFile(row: repo.DocumentRow, format: 'pdf' | 'docx'): Promise<RenderedFile> {
    const content = rendered(row);
    const known = format === 'pdf' ? row.pdfHash : row.docxHash;
    const bytes = known ? files.get(known, format) : null;
    if (known && bytes) {
      return { bytes, hash: known, contentType: contentTypes[format], filename: fileName(row.numberLabel, format), displayName: displayName(content, format) };
    }
    const key = `${row.id}.${format}`;
    let pending = rendering.get(key);
    if (!pending) {
      pending = (async () => {
        const made = await renderFile(content, format, row.numberLabel);
        const stored = files.put(made.bytes, format);
        repo.setRenderHash(db, row.id, format, stored.hash);
        return { ...made, hash: stored.hash };
      })().finally(() => rendering.delete(key));
      rendering.set(key, pending);
    }
    return pending;
  }

  return {
    /**
     * The notice as it would be issued today (nothing saved), with every visit issuing would refuse and
     * why, the earlier notices it would supersede and for which visits: what a page shows before "issue".
     */
    draftNotice(campaignId: string, teamNumber: number, visitIds: number[] | undefined, actor: Actor): NoticeDraft {
      authorize(actor, campaignId, teamNumber);
      return draftView(notices.review(campaignId, teamNumber, visitIds, null));
    },

    async draftNoticeFile(campaignId: string, teamNumber: number, visitIds: number[] | undefined, format: DocumentFormat, actor: Actor) {
      authorize(actor, campaignId, teamNumber);
      const { content } = notices.review(campaignId, teamNumber, visitIds, null);
      return renderFile(content, format, `DU-THAO/TB-DKT${twoDigits(teamNumber)}`);
    },

    issueNotice(campaignId: string, teamNumber: number, input: NoticeRequest, actor: Actor): DocumentView {
      authorize(actor, campaignId, teamNumber);
      return view(notices.issue(campaignId, teamNumber, input, actor), actor);
    },

    /** A notice issued on paper before it was entered (office only): recorded, never rendered. */
    recordPaperNotice(campaignId: string, teamNumber: number, input: PaperNoticeInput, actor: Actor): DocumentView {
      if (!isOffice(actor) || !canActForTeam(actor, campaignId, teamNumber)) {
        throw new OfficeOnly('Chỉ cơ quan thường trực được ghi nhận văn bản đã ban hành trên giấy');
      }
      return view(paper.record(campaignId, teamNumber, input, actor), actor);
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
      return view(results.resultsNotice(campaignId, teamNumber, input, actor), actor);
    },

    issueTeamReport(campaignId: string, teamNumber: number, input: { signerName?: string }, actor: Actor): DocumentView {
      authorize(actor, campaignId, teamNumber);
      return view(results.teamReport(campaignId, teamNumber, input, actor), actor);
    },

    get(campaignId: string, documentId: number, actor: Actor): DocumentView {
      return view(visibleRow(campaignId, documentId, actor), actor);
    },

    list(campaignId: string, actor: Actor, filter: repo.DocumentFilter): Omit<DocumentView, 'content'>[] {
      campaigns.rules(campaignId);
      const rows = readable(campaignId, actor, repo.listDocuments(db, campaignId, filter));
      return toViews(db, rows, false, viewer(campaignId, actor)).map(({ content: _content, ...rest }) => rest);
    },

    async file(campaignId: string, documentId: number, format: DocumentFormat, actor: Actor): Promise<RenderedFile> {
      const row = visibleRow(campaignId, documentId, actor);
      if (format === 'html') return renderFile(rendered(row), 'html', row.numberLabel);
      return storedFile(row, format);
    },

    /** Which notice is in force for each of the team's visits, and every notice that announced it. */
    coverage(campaignId: string, teamNumber: number): NoticeCoverage {
      loadFacts(campaignId, teamNumber);
      return noticeCoverage(db, campaignId, teamNumber, schedule.listForTeam(campaignId, teamNumber, { includeCancelled: true }));
    },

    /** Counts and overdue results notices for the office's dashboard, aggregated in SQL. */
    aggregates: createDocumentAggregates(db),

    /** Contract (docs/contracts.md): what each team has issued, what is due, overdue and issued late. */
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
