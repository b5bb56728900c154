import type { AuditService } from '../audit/service.js';
import type { CampaignService } from '../campaigns/service.js';
import type { Db } from '../db/connection.js';
import type { PublishedConclusion } from '../findings/conclusions/schema.js';
import type { PdfEngine } from '../render/pdf.js';
import type { FileStore } from '../render/store.js';
import type { Templates } from '../render/templates.js';
import type { ScheduleService } from '../schedule/service.js';

// What documents needs from the modules before it (docs/contracts.md), kept narrow.

export type ScheduleForDocuments = Pick<ScheduleService, 'get' | 'listForTeam' | 'listForCampaign' | 'markNotified' | 'onVisitChange'>;

export interface FindingsForDocuments {
  publishedConclusion(campaignId: string, visitId: number): PublishedConclusion | null;
}

export interface DocumentDeps {
  db: Db;
  now: () => Date;
  timeZone: string;
  audit: AuditService;
  campaigns: CampaignService;
  schedule: ScheduleForDocuments;
  findings: FindingsForDocuments;
  templates: Templates;
  pdf: PdfEngine;
  files: FileStore;
}
