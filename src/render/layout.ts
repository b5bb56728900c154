// The pieces every official document is made of (Nghị định 30/2020, Phụ lục I), shared by the
// Handlebars partials in templates/partials/ and the Word builder in docx.ts.

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

export interface Nd30Header {
  parentBody: string;
  issuingBody: string;
  nationalTitle: string;
  motto: string;
  /** "Số: 01/TB-ĐKT01" ("Số:      /TB-ĐKT01" on a draft). */
  numberLine: string;
  /** "Quảng Xương, ngày 28 tháng 7 năm 2023". */
  placeDate: string;
}

export interface Signature {
  authority: string | null;
  title: string;
  name: string | null;
}

export interface Section {
  heading: string | null;
  paragraphs: string[];
  /** Lines printed as a list, each starting with "- " when the source writes it so. */
  items: string[];
}

/** A bordered table; the first cell of each row is the row number; each cell is one or more lines. */
export interface Grid {
  /** Column titles and widths in percent of the text width. */
  columns: { title: string; width: number }[];
  rows: string[][][];
  /** Layout variant for the stylesheet ("programme" keeps the date and time lines unbroken). */
  variant: string;
}
