import createError from '@fastify/error';
import { Zip, ZipPassThrough } from 'fflate';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditService } from '../audit/service.js';
import type { Actor } from '../auth/actor.js';
import type { CampaignService } from '../campaigns/service.js';
import type { Db } from '../db/connection.js';
import type { Format, OutlineDownloads } from './downloads.js';
import * as repo from './repository.js';
import type { BundleView } from './schema.js';
import type { OutlineCore } from './core.js';
import { twoDigits } from '../text/vietnamese.js';
import { makePrivateDir, PRIVATE_FILE } from '../private-files.js';

// The office's zip of every blank outline (PDF and Word) of a campaign or of one team, built in the
// background. One unfinished job per scope (a unique partial index guards it); a second request
// gets the running job. A job whose heartbeat stopped (its process died) is marked failed and
// replaced. Units are rendered one at a time so the shared PDF pool stays free for users.

const BundleNotFound = createError<[string, number]>('BUNDLE_NOT_FOUND', 'Đợt kiểm tra "%s" không có gói đề cương số %d', 404);
const BundleNotReady = createError<[string]>('BUNDLE_NOT_READY', '%s', 409);

const FORMATS: Format[] = ['pdf', 'docx'];
const BUSY_RETRIES = 5;

export interface BundleDeps {
  db: Db;
  now: () => Date;
  storageDir: string;
  audit: AuditService;
  campaigns: CampaignService;
  core: OutlineCore;
  downloads: OutlineDownloads;
  /** A running job silent for longer than this is taken as dead. */
  staleAfterMs?: number;
}

export type OutlineBundles = ReturnType<typeof createOutlineBundles>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createOutlineBundles(deps: BundleDeps) {
  const { db, now, audit, campaigns, core, downloads } = deps;
  const dir = join(deps.storageDir, 'outlines', 'bundles');
  const staleAfterMs = deps.staleAfterMs ?? 120_000;
  const running = new Map<number, Promise<void>>();
  let closing = false;

  const view = (row: repo.BundleRow): BundleView => ({
    id: row.id,
    campaignId: row.campaignId,
    teamNumber: row.teamNumber,
    status: row.status,
    done: row.done,
    total: row.total,
    bytes: row.bytes,
    error: row.error,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    download: row.status === 'done' ? `/campaigns/${row.campaignId}/outline-bundles/${row.id}/file` : null,
  });

  function targets(campaignId: string, teamNumber: number | null) {
    if (teamNumber !== null) campaigns.team(campaignId, teamNumber);
    return campaigns.assignments(campaignId).filter((a) => teamNumber === null || a.teamNumber === teamNumber);
  }

  async function renderWithRetry(resolved: ReturnType<OutlineCore['resolve']>, format: Format) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await downloads.render(resolved, 'outline', format);
      } catch (error) {
        const busy = (error as { statusCode?: number }).statusCode === 503 && (error as { code?: string }).code === 'PDF_ENGINE_BUSY';
        if (!busy || attempt >= BUSY_RETRIES) throw error;
        await sleep(1000 * (attempt + 1));
      }
    }
  }

  async function build(job: repo.BundleRow): Promise<void> {
    const stamp = () => now().toISOString();
    repo.updateBundle(db, job.id, { status: 'running', startedAt: stamp(), heartbeatAt: stamp() });
    makePrivateDir(dir);
    const file = join(dir, `bundle-${job.id}.zip`);
    const temp = `${file}.${process.pid}.tmp`;
    const out = createWriteStream(temp, { mode: PRIVATE_FILE });
    const written = new Promise<void>((resolve, reject) => {
      out.on('finish', resolve);
      out.on('error', reject);
    });
    // On failure the stream is destroyed while zip chunks may still be in flight: those writes are
    // dropped, and the rejection of `written` is observed here so it never goes unhandled.
    written.catch(() => undefined);
    const zip = new Zip((error, chunk, final) => {
      if (out.destroyed) return;
      if (error) out.destroy(error);
      else {
        out.write(chunk);
        if (final) out.end();
      }
    });
    try {
      const list = targets(job.campaignId, job.teamNumber);
      for (const [index, target] of list.entries()) {
        if (closing) throw new Error('Dịch vụ đang dừng; gói đề cương chưa hoàn thành.');
        const resolved = core.resolve(job.campaignId, target.unitId);
        for (const format of FORMATS) {
          const download = await renderWithRetry(resolved, format);
          // PDFs are already compressed: stored as they are, the zip costs no CPU.
          const entry = new ZipPassThrough(`doan-${twoDigits(target.teamNumber)}/${download.asciiName}`);
          zip.add(entry);
          entry.push(download.body!, true);
        }
        repo.updateBundle(db, job.id, { done: index + 1, heartbeatAt: stamp() });
      }
      zip.end();
      await written;
      renameSync(temp, file);
      const bytes = out.bytesWritten;
      repo.updateBundle(db, job.id, { status: 'done', file, bytes, finishedAt: stamp(), heartbeatAt: stamp() });
    } catch (error) {
      zip.terminate();
      out.destroy();
      rmSync(temp, { force: true });
      const message = (error as Error).message || 'Lỗi khi tạo gói đề cương';
      try {
        repo.updateBundle(db, job.id, { status: 'failed', error: message, finishedAt: stamp() });
      } catch {
        // The database is already closed (the service is stopping); a restart marks the job stale.
      }
    }
  }

  function start(job: repo.BundleRow): void {
    const task = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => build(job))
      .finally(() => running.delete(job.id));
    running.set(job.id, task);
  }

  return {
    /** Starts a bundle, or answers the unfinished one of the same scope (created=false). */
    request(actor: Actor, campaignId: string, teamNumber: number | null): { created: boolean; bundle: BundleView } {
      const list = targets(campaignId, teamNumber);
      const scope = teamNumber === null ? 'campaign' : `team-${teamNumber}`;
      const at = now();
      const result = db.transaction(
        (tx) => {
          const active = repo.activeBundle(tx, campaignId, scope);
          if (active) {
            const alive = at.getTime() - Date.parse(active.heartbeatAt) < staleAfterMs;
            if (alive) return { created: false, row: active };
            repo.updateBundle(tx, active.id, {
              status: 'failed',
              error: 'Tiến trình tạo gói đã dừng giữa chừng (máy chủ khởi động lại); đã tạo gói mới.',
              finishedAt: at.toISOString(),
            });
          }
          const row = repo.insertBundle(tx, {
            campaignId,
            teamNumber,
            scope,
            status: 'queued',
            total: list.length,
            createdAt: at.toISOString(),
            createdBy: actor.label,
            heartbeatAt: at.toISOString(),
          });
          audit.record(tx, actor, {
            action: 'outline-bundle.request',
            entityType: 'outline-bundle',
            entityId: row.id,
            campaignId,
            after: { scope, total: list.length },
          });
          return { created: true, row };
        },
        { behavior: 'immediate' },
      );
      if (result.created) start(result.row);
      return { created: result.created, bundle: view(result.row) };
    },

    get(campaignId: string, id: number): BundleView {
      const row = repo.findBundle(db, campaignId, id);
      if (!row) throw new BundleNotFound(campaignId, id);
      return view(row);
    },

    list(campaignId: string): BundleView[] {
      campaigns.summary(campaignId); // 404 for a campaign that does not exist
      return repo.listBundles(db, campaignId).map(view);
    },

    file(campaignId: string, id: number): { file: string; bytes: number; fileName: string } {
      const row = repo.findBundle(db, campaignId, id);
      if (!row) throw new BundleNotFound(campaignId, id);
      if (row.status !== 'done' || !row.file) {
        throw new BundleNotReady(`Gói đề cương số ${id} chưa xong (${row.status}, ${row.done}/${row.total})`);
      }
      const scope = row.teamNumber === null ? 'toan-dot' : `doan-${twoDigits(row.teamNumber)}`;
      return { file: row.file, bytes: row.bytes ?? 0, fileName: `de-cuong-${campaignId}-${scope}.zip` };
    },

    /** Resolves when every job started by this process has finished. */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running.values()]);
    },

    async close(): Promise<void> {
      closing = true;
      await this.idle();
    },
  };
}
