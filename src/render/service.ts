import type { Config } from '../config.js';
import { fromRoot } from '../paths.js';
import { createPdfEngine, type PdfEngine } from './pdf.js';
import { createFileStore } from './store.js';
import { createTemplates } from './templates.js';
import type { ContentCache } from '../text/content-cache.js';

/**
 * The rendering services: templates (checked now, so a broken template stops start-up), the PDF
 * engine (Chromium is launched on the first PDF, so the service starts without it; or one given,
 * shared with other apps) and the store of rendered files.
 */
export function createRenderServices(config: Config, cache?: ContentCache, pdf: PdfEngine = pdfEngineFor(config)) {
  return {
    templates: createTemplates({ dir: fromRoot(config.templatesDir), cache }),
    pdf,
    files: createFileStore({ dir: config.storageDir }),
  };
}

/** The PDF engine the configuration asks for (Chromium's path, pages, queue and time limit). */
export function pdfEngineFor(config: Config): PdfEngine {
  return createPdfEngine({
    chromiumPath: config.chromiumPath,
    pages: config.pdfPages,
    maxQueued: config.pdfQueue,
    renderTimeoutMs: config.pdfTimeoutMs,
  });
}
