import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/files/package-root';
import { BUNDLED_RULES, readRuleLibrary } from '../../src/files/rule-library';
import type { TemplateSet } from './data-errors';
import { TEMPLATE_IDS } from './records';
import { buildSampleRegion } from './sample-region';
import { writeSampleRegion } from './write-region';

/** Paths come from the package root (found from this file), so the generator runs from any folder, as TS or compiled. */
const OUTPUT = path.join(PACKAGE_ROOT, 'samples', 'sample-region');

function loadTemplates(): TemplateSet {
  const { templates, problems } = readRuleLibrary(BUNDLED_RULES);
  const set = {} as TemplateSet;
  for (const id of TEMPLATE_IDS) {
    const t = templates.find((x) => x.id === id);
    if (!t) throw new Error(`Шаблон «${id}» не загружен: ${problems.map((p) => `${p.file} ${p.pointer}: ${p.message}`).join('; ') || 'нет файла'}`);
    set[id] = t;
  }
  return set;
}

function folderSize(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const full = path.join(dir, name);
    const st = statSync(full);
    return sum + (st.isDirectory() ? folderSize(full) : st.size);
  }, 0);
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const region = buildSampleRegion(loadTemplates());
  await writeSampleRegion(OUTPUT, region.files, (f) => process.stdout.write(`  ${f.path}\n`));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const mb = folderSize(OUTPUT) / 1024 / 1024;
  const p = region.planted;
  console.log(`Регион «${p.region}»: ${p.schools_total} школ, файлов ${region.files.length}, ${mb.toFixed(1)} МБ, ${seconds.toFixed(1)} с`);
  console.log(`Заложено: ошибок в ячейках ${p.dataErrors.length}, проблем файлов ${p.fileIssues.length}, допустимых файлов ${p.tolerated.length}, записей о школах ${p.schools.length}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
