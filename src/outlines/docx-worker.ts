import { parentPort } from 'node:worker_threads';
import type { OutlineDocument } from './document.js';
import { outlineDocx } from './docx.js';

// Builds Word files off the main thread: the docx library spends tens of milliseconds of CPU per
// outline, which would otherwise stall every other request (see docx-pool.ts).

parentPort?.on('message', (message: { id: number; document: OutlineDocument }) => void build(message));

async function build({ id, document }: { id: number; document: OutlineDocument }): Promise<void> {
  try {
    const buffer = await outlineDocx(document);
    const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
    parentPort!.postMessage({ id, data }, [data as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
}
