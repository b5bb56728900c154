import { PassThrough, type Writable } from 'node:stream';
import { DateTime } from 'luxon';

// .xlsx files the way a Vietnamese office expects them: Vietnamese headers in bold on a frozen first
// row, dates as real dates (dd/mm/yyyy) that sort and filter, numbers as numbers, column widths set.
// Written with exceljs's streaming writer, rows chunk by chunk: memory stays flat for any size, and
// an empty list is an honest sheet with its headers only.

export type Cell = string | number | Date | null;

export interface Column<R> {
  header: string;
  width: number;
  kind?: 'text' | 'number' | 'date' | 'datetime';
  value: (row: R) => Cell;
}

export interface Sheet<R> {
  name: string;
  columns: Column<R>[];
  /** Rows, chunk by chunk (a generator reading the database in pages). */
  chunks: Iterable<R[]>;
}

const FORMATS = { date: 'dd/mm/yyyy', datetime: 'dd/mm/yyyy hh:mm', number: '#,##0.##' } as const;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "2023-08-03" → a Date Excel shows as 03/8/2023 (UTC midnight, as exceljs writes dates). */
export function excelDate(iso: string | null): Date | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** An instant as the wall-clock time of the zone, which is what a sheet with no zones can show. */
export function excelDateTime(iso: string | null, zone: string): Date | null {
  if (!iso) return null;
  const local = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes the workbook to out, yielding between chunks and waiting while out is full. */
export async function writeWorkbook(out: Writable, title: string, sheets: Sheet<never>[]): Promise<void> {
  // Loaded on the first export rather than at start: ExcelJS took a twentieth of the start-up.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = 'Dịch vụ đợt kiểm tra Đề án 06';
  book.title = title;
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c, i) => ({
      key: String(i),
      width: c.width,
      style: c.kind && c.kind !== 'text' ? { numFmt: FORMATS[c.kind] } : { alignment: { wrapText: true, vertical: 'top' } },
    }));
    const head = ws.addRow(sheet.columns.map((c) => c.header));
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    head.commit();
    for (const chunk of sheet.chunks) {
      for (const row of chunk) ws.addRow(sheet.columns.map((c) => c.value(row))).commit();
      await pause();
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    }
    ws.commit();
  }
  await book.commit();
}

/** The workbook as one Buffer (for the smaller exports and the tests). */
export async function workbookBuffer(title: string, sheets: Sheet<never>[]): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (chunk: Buffer) => parts.push(chunk));
  const ended = new Promise((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await writeWorkbook(out, title, sheets);
  await ended;
  return Buffer.concat(parts);
}

/** Rows given at once, as the one chunk a sheet reads. */
export const once = <R>(rows: R[]): R[][] => [rows];
