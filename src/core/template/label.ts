const QUOTES = /[«»"“”„'’`]/g;

/**
 * Normal form of a header, sheet name or list value for matching: case, «ё», quotes, line breaks
 * and runs of spaces do not matter, nor a trailing colon or required-field star.
 */
export function normalizeLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(QUOTES, '')
    .replace(/[‐-―−]/g, '-')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/\s*([:*])+\s*$/, '')
    .trim();
}
