import type { Config } from '../config.js';
import { fromRoot } from '../paths.js';
import { createPdfEngine } from './pdf.js';
import { createFileStore } from './store.js';
import { createTemplates } from './templates.js';

/**
 * The rendering services: templates (compiled now, so a broken template stops start-up), the PDF
 * engine (Chromium is launched on the first PDF, so the service starts without it) and the store of
 * rendered files.
 */
export function createRenderServices(config: Config) {
  return {
    templates: createTemplates({ dir: fromRoot(config.templatesDir) }),
    pdf: createPdfEngine({
      chromiumPath: config.chromiumPath,
      pages: config.pdfPages,
      maxQueued: config.pdfQueue,
      renderTimeoutMs: config.pdfTimeoutMs,
    }),
    files: createFileStore({ dir: config.storageDir }),
  };
}
