// Numbers as Vietnamese writes them: a dot between thousands, a comma before the decimals. Each format
// is made at its first use, not at start-up: the first vi-VN format loads ICU's locale data (about
// 15 ms of a start).

const formats = new Map<number, Intl.NumberFormat>();

/** 1520 → "1.520", 87.5 → "87,5", with at most `fractionDigits` decimals. */
export function vietnameseNumber(value: number, fractionDigits: number): string {
  let format = formats.get(fractionDigits);
  if (format === undefined) {
    format = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: fractionDigits });
    formats.set(fractionDigits, format);
  }
  return format.format(value);
}
