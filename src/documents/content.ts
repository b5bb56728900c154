// The content of an official document: everything printed, already worded and formatted, so that
// the JSON, HTML, PDF and Word forms carry the same text. Issued documents store this snapshot.

import type { Grid, Nd30Header, Section, Signature } from '../render/layout.js';

interface Common {
  documentTitle: string;
  draft: boolean;
  /** Made in a rehearsal campaign: "DIỄN TẬP" on every page. Absent in documents issued before rehearsals existed. */
  rehearsal?: boolean;
  header: Nd30Header;
  docType: string;
  subject: string;
  intro: string[];
  closing: string[];
  recipients: string[];
  signature: Signature;
}

export interface ProgrammeRow {
  visitId: number;
  unitId: string;
  unitName: string;
  date: string;
  /** "Thứ Năm, ngày 03/8/2023". */
  dateText: string;
  session: string;
  /** "Buổi sáng, 07:30 - 11:30". */
  timeText: string;
  place: string;
}

export interface NoticeContent extends Common {
  kind: 'notice';
  team: Section;
  programme: Section & { rows: ProgrammeRow[]; table: Grid };
  preparation: Section;
}

export interface ResultsNoticeContent extends Common {
  kind: 'results-notice';
  unitId: string;
  unitName: string;
  /** Other units a recommendation gives a task to: recipients who may read it. */
  taskUnitIds: string[];
  visitIds: number[];
  /** Version of each visit's published conclusion the notice was written from. */
  conclusionVersions: Record<string, number>;
  sections: Section[];
}

export interface TeamReportContent extends Common {
  kind: 'team-report';
  addressee: string;
  overview: Section & { table: Grid };
  sections: Section[];
}

/**
 * A notice issued on paper and recorded afterwards: what the office stated about it. The service never
 * renders it (it did not write it); the programme rows say what it announced.
 */
export interface PaperNoticeRecord {
  kind: 'paper-notice';
  numberLabel: string;
  issueDate: string;
  signerName: string | null;
  programme: { rows: ProgrammeRow[] };
}

export type DocumentContent = NoticeContent | ResultsNoticeContent | TeamReportContent;
/** What a documents row stores: a document the service wrote, or the record of a paper one. */
export type StoredContent = DocumentContent | PaperNoticeRecord;

/** The visits a notice (issued or recorded) announced, as printed. */
export function programmeRowsOf(content: unknown): ProgrammeRow[] {
  const stored = content as Partial<NoticeContent | PaperNoticeRecord>;
  return stored.kind === 'notice' || stored.kind === 'paper-notice' ? (stored.programme?.rows ?? []) : [];
}
export type DocumentKind = DocumentContent['kind'];
export const documentKinds = ['notice', 'results-notice', 'team-report'] as const;

/** Template name of each kind, in templates/. */
export const templateOf: Record<DocumentKind, string> = {
  notice: 'notice',
  'results-notice': 'results-notice',
  'team-report': 'team-report',
};
