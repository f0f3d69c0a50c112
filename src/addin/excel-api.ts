/// <reference types="office-js" />

/**
 * What the Office.js adapter needs to know of its host. Core features need ExcelApi 1.1 (Office 2016);
 * newer sets are used only where isSetSupported says so.
 */

/** Whether the host supports an ExcelApi requirement set (false outside Office, as in tests without it). */
export function excelApi(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && Boolean(Office.context?.requirements?.isSetSupported('ExcelApi', version));
  } catch {
    return false;
  }
}

/** Bytes of a value as JSON in UTF-8: Cyrillic takes two. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) n += c > 0x7ff && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

