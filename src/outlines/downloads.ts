import createError from '@fastify/error';
import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { buildId } from '../build-id.js';
import type { Db } from '../db/connection.js';
import { etag } from '../http/etag.js';
import { withExtensions } from '../http/errors.js';
import type { FileStore } from '../render/store.js';
import { localToday } from '../text/dates.js';
import { slugify } from '../text/vietnamese.js';
import { outlineDocument, type FilledReport, type OutlineDocument } from './document.js';
import type { DocxRenderer } from './docx-pool.js';
import type { OutlineTemplates } from './html.js';
import * as repo from './repository.js';
import type { OutlineCore, ResolvedUnitOutline } from './core.js';

// Downloads of a unit's blank outline and of its filled report. Each is rendered once per render key
// (a hash of everything printed, the build and the template version) and then served from storage;
// the key is also the ETag, so a revalidation is answered 304 without reading the file.

export const formats = ['html', 'pdf', 'docx'] as const;
export type Format = (typeof formats)[number];
export type DownloadKind = 'outline' | 'report';

const PdfUnavailable = createError<[string]>('PDF_ENGINE_UNAVAILABLE', '%s', 503);

const MEMORY_FILES = 64;
const MEMORY_BYTES = 32 * 1024 * 1024;

export const contentTypes: Record<Format, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export interface Download {
  etag: string;
  contentType: string;
  /** Vietnamese file name and an ASCII fallback, for Content-Disposition. */
  fileName: string;
  asciiName: string;
  /** Absent when the client's copy is current (answer 304). */
  body?: Buffer;
}

export interface PdfRenderer {
  render(html: string): Promise<Buffer>;
}

export interface DownloadDeps {
  db: Db;
  now: () => Date;
  files: FileStore;
  timeZone: string;
  core: OutlineCore;
  templates: OutlineTemplates;
  docx: DocxRenderer;
  /** The shared Chromium pool; PDFs answer 503 without it. */
  pdf?: PdfRenderer | undefined;
}

export type OutlineDownloads = ReturnType<typeof createOutlineDownloads>;

export function createOutlineDownloads(deps: DownloadDeps) {
  const { db, now, core, templates, files } = deps;
  // The build is part of every key: a new wording in document.ts or layout in docx.ts after a
  // deployment renders every file again instead of serving the old one.
  let renderer: string | undefined;
  const inFlight = new Map<string, Promise<Buffer>>();
  // Recently served files stay in memory (bounded): a popular outline costs no disk read and no
  // fresh 200 KB buffer per download. The store on disk stays the source of truth.
  const recent = new Map<string, Buffer>();
  let recentBytes = 0;
  function remember(key: string, body: Buffer): Buffer {
    if (recent.has(key)) return body;
    recent.set(key, body);
    recentBytes += body.length;
    for (const [oldest, kept] of recent) {
      if (recentBytes <= MEMORY_BYTES && recent.size <= MEMORY_FILES) break;
      recent.delete(oldest);
      recentBytes -= kept.length;
    }
    return body;
  }

  /** The filled report's answers and date; null for a blank outline. */
  function filledFor(resolved: ResolvedUnitOutline, kind: DownloadKind): FilledReport | null {
    if (kind === 'outline') return null;
    const row = repo.findSelfReport(db, resolved.view.campaignId, resolved.view.unitId);
    return { answers: row?.answers ?? {}, date: localToday(row ? new Date(row.updatedAt) : now(), deps.timeZone) };
  }

  async function produce(doc: OutlineDocument, format: Format): Promise<Buffer> {
    const html = templates.report(doc);
    if (format === 'html') return Buffer.from(html, 'utf8');
    if (format === 'docx') return deps.docx.render(doc);
    if (!deps.pdf) {
      throw withExtensions(new PdfUnavailable('Chưa có bộ tạo PDF; hãy tải bản HTML hoặc Word.'), { retryAfterSeconds: 60 });
    }
    return deps.pdf.render(html);
  }

  async function stored(key: string, meta: Omit<repo.RenderRow, 'key' | 'hash' | 'bytes' | 'createdAt'>, doc: () => OutlineDocument): Promise<Buffer> {
    const hot = recent.get(key);
    if (hot) {
      recent.delete(key);
      recent.set(key, hot);
      return hot;
    }
    const existing = repo.findRender(db, key);
    const kept = existing ? files.get(existing.hash, meta.format) : null;
    if (kept) return remember(key, kept);
    let pending = inFlight.get(key);
    if (!pending) {
      pending = (async () => {
        const body = await produce(doc(), meta.format);
        const { hash, size } = files.put(body, meta.format);
        repo.insertRender(db, { ...meta, key, hash, bytes: size, createdAt: now().toISOString() });
        return remember(key, body);
      })().finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  }

  /**
   * The key of a document: everything it prints (the outline and blocks through their versions, the
   * unit, team, period, visit, campaign facts, the answers), the templates and the rendering code.
   */
  function keyOf(resolved: ResolvedUnitOutline, filled: FilledReport | null, kind: DownloadKind, format: Format): string {
    const { items: _items, blocks: _blocks, ...view } = resolved.view;
    return createHash('sha256')
      .update(JSON.stringify({ kind, format, renderer: (renderer ??= `${buildId()}.${templates.version}`), view, kindOfUnit: resolved.unitKind, facts: resolved.facts }))
      .update(filled ? JSON.stringify(filled) : '')
      .digest('hex')
      .slice(0, 40);
  }

  function names(resolved: ResolvedUnitOutline, kind: DownloadKind, format: Format) {
    const { view } = resolved;
    const what = kind === 'outline' ? 'Đề cương báo cáo' : 'Báo cáo kết quả thực hiện Đề án 06';
    return {
      fileName: `${what} - ${view.unitName}.${format}`,
      asciiName: `${kind === 'outline' ? 'de-cuong' : 'bao-cao'}-${slugify(view.unitName)}.${format}`,
    };
  }

  /** Renders (or finds) a document for someone who has already passed the access check. */
  async function render(resolved: ResolvedUnitOutline, kind: DownloadKind, format: Format, knownEtags: string[] = []): Promise<Download> {
    const filled = filledFor(resolved, kind);
    const key = keyOf(resolved, filled, kind, format);
    const tag = etag(key);
    const base = { etag: tag, contentType: contentTypes[format], ...names(resolved, kind, format) };
    if (knownEtags.includes(tag)) return base;
    const document = () => outlineDocument(resolved.view, resolved.facts, resolved.unitKind, filled);
    const body = await stored(key, { campaignId: resolved.view.campaignId, unitId: resolved.view.unitId, kind, format }, document);
    return { ...base, body };
  }

  return {
    render,
    /** A blank outline (kind 'outline') or the filled report ('report') for the actor. */
    async download(actor: Actor, campaignId: string, unitId: string, kind: DownloadKind, format: Format, knownEtags: string[] = []) {
      return render(core.resolveFor(actor, campaignId, unitId), kind, format, knownEtags);
    },
  };
}
