import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { BUNDLED_RULES, readRuleLibrary } from '../src/files/rule-library';
import type { ClassificationBench } from './classification-bench';
import { benchHostileFiles } from './hostile-bench';
import type { AddinFigures, PhaseName, PhaseResult } from './phases';
import { writeRegionWorkload } from './region-workload';
import { benchWebPage } from './web-bench';
import { writeWorkload } from './workload';

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 40000);

interface Measured extends PhaseResult {
  peakRssMb: number;
}

function runPhase(phase: PhaseName, file: string): Measured {
  const out = execFileSync(process.execPath, ['--max-old-space-size=12288', path.join(__dirname, 'phase-main.js'), phase, file, BUNDLED_RULES, String(SCHOOLS)], { maxBuffer: 1 << 24 });
  return JSON.parse(out.toString()) as Measured;
}

function row(cells: string[]): string {
  return '| ' + cells.join(' | ') + ' |';
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'okoshko-bench-'));
  try {
    const template = readRuleLibrary(BUNDLED_RULES).templates.find((t) => t.id === 'conditions')!;
    const file = path.join(dir, 'conditions-40k.xlsx');
    await writeWorkload(file, template, SCHOOLS);
    const columns = template.sheets[0].columns.length;
    console.log(`Проверка формы «${template.title}»: ${SCHOOLS} школ × ${columns} показателей, файл ${(statSync(file).size / 1e6).toFixed(1)} МБ`);
    const baseline = runPhase('plainStreamingRead', file);
    const floor = runPhase('rawFloor', file);
    const ours = runPhase('okoshkoValidate', file);
    console.log(row(['что', 'время, с', 'пиковая память, МБ', 'ячеек', 'время / база', 'память / база']));
    console.log(row(['---', '---:', '---:', '---:', '---:', '---:']));
    const show = (name: string, m: Measured) =>
      console.log(row([name, m.seconds.toFixed(2), m.peakRssMb.toFixed(0), String(m.cells), (m.seconds / baseline.seconds).toFixed(2), (m.peakRssMb / baseline.peakRssMb).toFixed(2)]));
    show('база: потоковое чтение exceljs', baseline);
    show('предел: распаковка и один потоковый проход XML по каждой ячейке (fflate + saxes)', floor);
    show(`Окошко: чтение + проверка (замечаний: ${ours.issues})`, ours);
    console.log(`Из них проверка прочитанной сетки: ${ours.validateSeconds!.toFixed(2)} с; на школу всего ${((ours.seconds / SCHOOLS) * 1e6).toFixed(0)} мкс`);

    const c = (runPhase('classification', file) as Measured & { detail: ClassificationBench }).detail;
    console.log(`\nКлассификация: ${c.schools} школ и ${c.works} работ ВПР (учебный регион 2024–2025, повторённый до нужного числа школ)`);
    console.log(row(['что', 'время, с', 'на школу, мкс', 'выводов', 'время / база']));
    console.log(row(['---', '---:', '---:', '---:', '---:']));
    const line = (what: string, s: number, findings: number) => console.log(row([what, s.toFixed(2), ((s / c.schools) * 1e6).toFixed(0), String(findings), (s / c.handwrittenSeconds).toFixed(1)]));
    line('база: правила, написанные вручную на TypeScript, над фактами на TypeScript', c.handwrittenSeconds, c.handwrittenFindings);
    line('наборы правил над теми же фактами: json-rules-engine', c.engineOnHandFactsSeconds, c.engineOnHandFactsFindings);
    line('наборы правил над теми же фактами: скомпилированные в функции', c.compiledOnHandFactsSeconds, c.compiledOnHandFactsFindings);
    line('показатели из rules/indicators и наборы правил на json-rules-engine, итоги направлений', c.dataOnEngineSeconds, c.dataOnEngineFindings);
    line('теперь: показатели из rules/indicators и скомпилированные правила, итоги направлений', c.dataSeconds, c.dataFindings);
    console.log(`Расчёт фактов на TypeScript (в строки выше не входит): ${c.handFactsSeconds.toFixed(2)} с; показатели из rules/indicators считаются по мере того, как их читают правила, и входят в их время.`);
    const counts = [c.handwrittenFindings, c.engineOnHandFactsFindings, c.compiledOnHandFactsFindings];
    if (new Set(counts).size > 1 || c.dataFindings !== c.dataOnEngineFindings) console.log('ВНИМАНИЕ: число выводов различается — базовые предикаты, движок и скомпилированные правила разошлись');

    const regionDir = path.join(dir, 'region');
    mkdirSync(regionDir);
    await writeRegionWorkload(regionDir, readRuleLibrary(BUNDLED_RULES).templates, SCHOOLS);
    const size = ['register.xlsx', 'conditions.xlsx', 'vpr.xlsx'].reduce((s, f) => s + statSync(path.join(regionDir, f)).size, 0);
    const plain = runPhase('plainStreamingReadWrite', regionDir);
    const job = runPhase('okoshkoRun', regionDir) as Measured & { recommendations: number };
    console.log(`\nГлавная работа (okoshko run): ${SCHOOLS} школ — реестр, анкета, ВПР (${(size / 1e6).toFixed(1)} МБ форм)`);
    console.log(row(['что', 'время, с', 'пиковая память, МБ', 'время / база', 'память / база']));
    console.log(row(['---', '---:', '---:', '---:', '---:']));
    console.log(row(['база: потоковое чтение и потоковая запись exceljs тех же строк', plain.seconds.toFixed(2), plain.peakRssMb.toFixed(0), '1.00', '1.00']));
    console.log(row([`Окошко: проверка, классификация, рекомендации (${job.recommendations}), запись в книгу`, job.seconds.toFixed(2), job.peakRssMb.toFixed(0), (job.seconds / plain.seconds).toFixed(2), (job.peakRssMb / plain.peakRssMb).toFixed(2)]));

    // The cycle: last year's forms and the book its run wrote beside the register, then this year's.
    const cycleDir = path.join(dir, 'cycle');
    for (const y of [2024, 2025]) {
      mkdirSync(path.join(cycleDir, String(y)), { recursive: true });
      await writeRegionWorkload(path.join(cycleDir, String(y)), readRuleLibrary(BUNDLED_RULES).templates, SCHOOLS, y);
    }
    const lastYear = runPhase('okoshkoRun', path.join(cycleDir, '2024'));
    const cycle = runPhase('okoshkoCycle', cycleDir) as Measured & { recommendations: number; measures: number; repeated: number };
    console.log(
      `\nЦикл (okoshko run на двух годах): формы 2024 года и книга, которую записал прошлогодний запуск (${lastYear.seconds.toFixed(0)} с), и формы 2025 года — прошлый год классифицируется заново для сравнения списков, план 2024 года читается обратно (${cycle.measures} мероприятий), перечни к приказу, показатели МУКО`,
    );
    console.log(row(['что', 'время, с', 'пиковая память, МБ', 'время / один год', 'память / один год']));
    console.log(row(['---', '---:', '---:', '---:', '---:']));
    console.log(row(['один год (строка выше)', job.seconds.toFixed(2), job.peakRssMb.toFixed(0), '1.00', '1.00']));
    console.log(row([`два года и план прошлого года (рекомендаций ${cycle.recommendations}, из них повторно ${cycle.repeated})`, cycle.seconds.toFixed(2), cycle.peakRssMb.toFixed(0), (cycle.seconds / job.seconds).toFixed(2), (cycle.peakRssMb / job.peakRssMb).toFixed(2)]));

    const addin = (runPhase('addinSyncs', regionDir) as Measured & { addin: AddinFigures[] }).addin;
    console.log('\nНадстройка Excel: чтение открытой книги (реестр), проверка с анкетой, классификация, запись трёх листов отчёта — через записывающую имитацию Excel');
    console.log(row(['ExcelApi', 'школ', 'вызовов context.sync', 'из них чтение', 'наибольший запрос, МБ', 'наибольший ответ, МБ', 'отчёт, МБ', 'рекомендаций']));
    console.log(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
    for (const a of addin)
      console.log(row([a.api, String(a.schools), String(a.syncs), String(a.readSyncs), a.largestRequestMb.toFixed(2), a.largestResponseMb.toFixed(2), a.reportMb.toFixed(2), String(a.recommendations)]));
    console.log(
      'Чтение — всегда 3 вызова при любом числе строк. Запись при ExcelApi 1.13 (Excel в вебе, Microsoft 365) — 3 вызова: листы отчёта одним сжатым файлом (insertWorksheetsFromBase64); при ExcelApi 1.1 (Office 2016) — значения частями, по вызову на каждые начатые 4 МБ: Excel в вебе не принимает запрос больше 5 МБ.',
    );
    console.log('\nВраждебные файлы: до отказа или прочтения (память проверяет test/cli/memory-bounds.test.ts)');
    console.log(row(['файл', 'КБ на диске', 'время, с', 'итог']));
    console.log(row(['---', '---:', '---:', '---']));
    for (const h of benchHostileFiles()) console.log(row([h.name, h.kilobytes.toFixed(0), h.seconds.toFixed(2), h.outcome]));

    buildBundles();
    const web = await benchWebPage(path.join(ROOT, 'dist', 'addin'), [
      { name: `форма «${template.title}», ${SCHOOLS} школ: проверка`, files: [file], classify: false },
      { name: `реестр, анкета и ВПР, ${SCHOOLS} школ: проверка и классификация`, files: ['register.xlsx', 'conditions.xlsx', 'vpr.xlsx'].map((f) => path.join(regionDir, f)), classify: true },
    ]);
    console.log('\nВеб-страница в Chromium (Debian): файлы выбраны — проверка окончена — классификация показана; читает и считает Web Worker страницы');
    if (!web) console.log('Пропуск: нет Chromium (/usr/bin/chromium; apt-get install chromium)');
    else {
      console.log(row(['что', 'проверка, с', 'классификация, с', 'пиковая память процесса страницы, МБ', 'итог на странице']));
      console.log(row(['---', '---:', '---:', '---:', '---']));
      for (const w of web)
        console.log(row([w.name, w.checkSeconds.toFixed(2), w.classifySeconds === undefined ? '—' : w.classifySeconds.toFixed(2), w.rendererPeakMb === undefined ? 'н/д' : w.rendererPeakMb.toFixed(0), w.status]));
    }
    bundleSizes();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ROOT = path.join(__dirname, '..', '..');

/** The browser bundles as the add-in and the web page ship them. */
function buildBundles(): void {
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['webpack', '--mode', 'production'], { cwd: ROOT, stdio: 'ignore' });
}

/** Minified and gzipped sizes of the bundles buildBundles made. */
function bundleSizes(): void {
  const root = ROOT;
  console.log('\nСборки для браузера (npx webpack --mode production)');
  console.log(row(['файл', 'КБ', 'КБ в gzip']));
  console.log(row(['---', '---:', '---:']));
  for (const file of ['addin/shared.js', 'addin/taskpane.js', 'addin/evaluation-worker.js', 'web/okoshko-core.js']) {
    const full = path.join(root, 'dist', file);
    if (!existsSync(full)) continue;
    const bytes = readFileSync(full);
    console.log(row([file, (bytes.length / 1024).toFixed(0), (gzipSync(bytes).length / 1024).toFixed(0)]));
  }
}

void main();
