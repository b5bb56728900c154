import type { AuditService } from '../audit/service.js';
import type { CampaignService } from '../campaigns/service.js';
import type { Db } from '../db/connection.js';
import { fromRoot } from '../paths.js';
import { createOutlineBundles } from './bundles.js';
import { outlineDefinitionCheck } from './check.js';
import { createOutlineCore, type VisitSource } from './core.js';
import type { OutlineSets } from './data.js';
import { createSetRegistry, type SetRegistry } from './registry.js';
import { createOutlineSetService } from './sets.js';
import type { FileStore } from '../render/store.js';
import { createDocxRenderer } from './docx-pool.js';
import { createOutlineDownloads, type PdfRenderer } from './downloads.js';
import { createOutlineTemplates } from './html.js';
import { createSelfReports } from './reports.js';
import { createSelfReportAggregates } from './aggregates.js';
import { createSubmissions } from './submission.js';
import type { UploadStore } from '../findings/evidence/uploads.js';
import { loadOutlineSets } from './loader.js';
import type { ContentCache } from '../text/content-cache.js';

// Phụ lục 2 outlines: the sets in outlines/ (loaded and validated at start-up), each target unit's
// outline with its blocks, period, team and visit, downloads, self-reports and the office's bundle.

export { OutlineFileError } from './loader.js';
export { OutlineNotFound, type VisitLike, type VisitSource } from './core.js';
export type { UnitOutlineView, BlockViewShape as OutlineBlockView } from './schema.js';
export type { Download } from './downloads.js';

/**
 * Loads every shipped outline set (a broken file throws OutlineFileError naming the file and line)
 * and knows those loaded through the API from the database.
 */
export function loadOutlines(
  dir: string,
  db: Db,
  cache?: ContentCache,
): { shipped: OutlineSets; sets: SetRegistry; definitionCheck: ReturnType<typeof outlineDefinitionCheck> } {
  const shipped = loadOutlineSets(fromRoot(dir), cache);
  const sets = createSetRegistry(db, shipped);
  return { shipped, sets, definitionCheck: outlineDefinitionCheck(sets) };
}

export interface OutlineServiceDeps {
  db: Db;
  now: () => Date;
  audit: AuditService;
  campaigns: CampaignService;
  sets: SetRegistry;
  /** Where checked templates are remembered between starts. */
  cache?: ContentCache;
  config: { storageDir: string; timeZone: string; templatesDir: string };
  /** Schedule: the visit date printed on each outline. */
  visits?: VisitSource | undefined;
  /** The shared Chromium pool and render store. */
  pdf?: PdfRenderer | undefined;
  files: FileStore;
  /** Where the signed scans of self-reports are kept (PDF only). */
  scans: UploadStore;
}

export type OutlineService = ReturnType<typeof createOutlineService>;

export function createOutlineService(deps: OutlineServiceDeps) {
  const { db, now, audit, campaigns, sets } = deps;
  const core = createOutlineCore({ campaigns, sets, visits: deps.visits });
  const reports = createSelfReports({ db, now, timeZone: deps.config.timeZone, audit, core });
  const submissions = createSubmissions({ db, now, timeZone: deps.config.timeZone, audit, core, scans: deps.scans });
  const templates = createOutlineTemplates(fromRoot(deps.config.templatesDir), deps.cache);
  const docx = createDocxRenderer();
  const downloads = createOutlineDownloads({ db, now, core, docx, files: deps.files, timeZone: deps.config.timeZone, templates, pdf: deps.pdf });
  const bundles = createOutlineBundles({ db, now, storageDir: deps.config.storageDir, campaigns, core, audit, downloads });
  return {
    // core.ts: outlines and their blocks, resolved for a unit
    forUnit: core.forUnit,
    forActor: core.forActor,
    listForActor: core.listForActor,
    block: core.block,
    campaignBlock: core.campaignBlock,
    set: core.set,
    // reports.ts: the unit's self-report
    selfReport: reports.selfReport,
    saveSelfReport: reports.saveSelfReport,
    // submission.ts: submitting, returning, the signed scan
    submitSelfReport: submissions.submitSelfReport,
    returnSelfReport: submissions.returnSelfReport,
    scanLimits: submissions.scanLimits,
    scanTooLarge: submissions.scanTooLarge,
    prepareScan: submissions.prepareScan,
    uploadScan: submissions.uploadScan,
    openScan: submissions.openScan,
    // downloads.ts, bundles.ts
    download: downloads.download,
    bundles,
    /** Outline sets loaded through the API: preview, load, versions. */
    sets: createOutlineSetService({ db, now, audit, campaigns, sets }),
    /** Self-reports counted and their figures summed in SQL, for the office's dashboard and exports. */
    aggregates: createSelfReportAggregates(db, (campaignId) => sets.get(campaigns.rules(campaignId).outlineSet)),
    async close() {
      await bundles.close();
      await docx.close();
    },
  };
}
