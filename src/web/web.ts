import '../pane/polyfills';
import { bundledRules } from '../pane/bundled-rules';
import { downloadBlob, readBytes, readTextFile, reportWorkbook } from '../pane/browser-files';
import { Pane } from '../pane/pane';

/** The web page: the task pane's UI over files the user chooses, for officials without Excel. Nothing leaves the browser. */
function start(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const pane = new Pane(
    root,
    {
      kind: 'web',
      readBytes,
      readText: readTextFile,
      writeReport: async (sheets) => {
        const blob = await reportWorkbook(sheets);
        const name = `окошко-отчёт-${new Date().toISOString().slice(0, 10)}.xlsx`;
        downloadBlob(blob, name);
        return `Отчёт «${name}» сохранён в папку загрузок: листы ${sheets.map((s) => `«${s.name}»`).join(', ')}.`;
      },
    },
    bundledRules(),
  );
  pane.render();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
