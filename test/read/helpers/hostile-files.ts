import { oneSheet, packageParts, packageWithSheetStream, rawPackage, repeatedDeflate } from './packages';

const MB = 1024 * 1024;

/** Files made to hurt a reader, each small on disk. */
export function hostileFiles(): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {
    // A few megabytes that inflate to 4 GB.
    'бомба.xlsx': packageWithSheetStream(repeatedDeflate('', '\0', 16 * MB, 256, ''), 4096),
    // One shared string of 300 million characters in a file of a few hundred kilobytes.
    'строка.xlsx': (() => {
      const parts = packageParts({ sheets: [{ name: 'Лист1', body: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>' }], sharedStrings: [''] });
      delete parts['xl/sharedStrings.xml'];
      const sst = repeatedDeflate('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>', 'ЖЖЖЖ', 1 * MB, 300, '</t></si></sst>');
      return rawPackage(parts, [{ name: 'xl/sharedStrings.xml', data: sst, crc: 0, size: 4096 }]);
    })(),
    'сущности.xlsx': oneSheet('<sheetData/>', {
      sharedStrings: { xml: `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "${'x'.repeat(100)}"><!ENTITY b "${'&a;'.repeat(100)}"><!ENTITY c "${'&b;'.repeat(100)}">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&c;</t></si></sst>` },
    }),
    'измерение.xlsx': oneSheet('<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData>'),
    'выгрузка.csv': new Uint8Array(Buffer.alloc(50 * MB, 'Школа;')),
    // Fifty thousand merged ranges, which exceljs took minutes over.
    'объединения.xlsx': oneSheet(`<sheetData/><mergeCells>${Array.from({ length: 50_000 }, (_, i) => `<mergeCell ref="A${2 * i + 1}:C${2 * i + 2}"/>`).join('')}</mergeCells>`),
  };
  return files;
}
