/// <reference types="office-js" />
import '../pane/polyfills';
import { bundledRules } from '../pane/bundled-rules';
import { readBytes, readTextFile } from '../pane/browser-files';
import { Pane } from '../pane/pane';
import { newReportWorkbook } from '../render/workbook-patch';
import { highlightCells, unhighlightCells } from './excel-marks';
import { readWorkbookGrid } from './excel-read';
import { selectCell, writeReportSheets } from './excel-write';

/** The Excel task pane: the pane's UI over the open workbook through Office.js. */
Office.onReady((info) => {
  const root = document.getElementById('app');
  if (!root) return;
  if (info.host !== Office.HostType.Excel) {
    root.textContent = 'Окошко работает в Excel. Без Excel откройте веб-страницу Окошка (web/index.html).';
    return;
  }
  const pane = new Pane(
    root,
    {
      kind: 'excel',
      readOpen: () => Excel.run((context) => readWorkbookGrid(context)),
      readBytes,
      readText: readTextFile,
      writeReport: (sheets) =>
        Excel.run(async (context) => {
          const result = await writeReportSheets(context, sheets, (s) => newReportWorkbook(s));
          return `Записаны листы ${result.names.map((n) => `«${n}»`).join(', ')}. Ваши листы не изменены.`;
        }),
      selectCell: (sheet, cell) => Excel.run((context) => selectCell(context, sheet, cell)),
      highlight: (targets) => Excel.run((context) => highlightCells(context, targets)),
      unhighlight: (marks) => Excel.run((context) => unhighlightCells(context, marks)),
    },
    bundledRules(),
  );
  pane.render();
});
