import type { Grid } from '../core/grid/grid';
import { decodeText, readGrid } from '../read';
import type { ReportSheet } from '../core/report/report-sheet';
import { newReportWorkbook } from '../render/workbook-patch';

/**
 * The file host in the browser: a chosen or dropped .xlsx or .csv becomes the core's Grid, and the
 * report sheets become a workbook to download — all in memory, nothing is sent anywhere.
 * FileReader and Blob rather than File.arrayBuffer and fetch: the IE11 webview has only those.
 */

export function readBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(new Error('файл не удалось прочитать'));
    reader.readAsArrayBuffer(file);
  });
}

/** A text file (a methodologist's JSON) as text: UTF-8, or Windows-1251 when it is not. */
export async function readTextFile(file: Blob): Promise<string> {
  return decodeText(await readBytes(file));
}

/** A chosen or dropped file's bytes as a grid: the one reader of both hosts (src/read). */
export async function gridFromBytes(bytes: Uint8Array, name: string): Promise<Grid> {
  // The IE11 webview has no TextDecoder: the reader then decodes on its own.
  return readGrid(bytes, name, typeof TextDecoder === 'undefined' ? undefined : { nativeUtf8: TextDecoder });
}

/** The report sheets as a workbook to download, marked as Okoshko's report (the same drawing as the command line's). */
export async function reportWorkbook(sheets: readonly ReportSheet[]): Promise<Blob> {
  return new Blob([newReportWorkbook(sheets, 'report') as Uint8Array<ArrayBuffer>], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** Offers a blob as a download: a[download] where it exists, msSaveOrOpenBlob in IE11. */
export function downloadBlob(blob: Blob, name: string): void {
  const nav = window.navigator as Navigator & { msSaveOrOpenBlob?: (b: Blob, n: string) => boolean };
  if (nav.msSaveOrOpenBlob) {
    nav.msSaveOrOpenBlob(blob, name);
    return;
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    document.body.removeChild(a);
    URL.revokeObjectURL(url);
  }, 1000);
}
