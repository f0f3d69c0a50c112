import type { ReadyRules } from '../rules/rule-folder';

/** The first line of a classification report: what was classified, with which parameters, rule sets and catalogue, and when. */
export function classificationStamp(what: string, rules: Pick<ReadyRules, 'params' | 'sets'>, date: Date, catalogue?: { id: string; version: string }): string {
  const params = rules.params ? `; параметры «${rules.params.region}» ${rules.params.version}` : '';
  const sets = rules.sets.map((s) => `${s.file.id} ${s.file.version}`).join(', ');
  const recommendations = catalogue ? `; каталог рекомендаций «${catalogue.id}» ${catalogue.version}` : '';
  return `Окошко: ${what}${params}; наборы правил ${sets}${recommendations}; дата отчёта ${date.toLocaleDateString('ru-RU')}`;
}

/** What a stamp line says of itself, read back from a sheet that came back: the year classified and, in a municipal book, the municipality. */
export function readStamp(line: string): { year: number; municipality?: string } | undefined {
  const year = /^Окошко: год (\d{4})/.exec(line);
  if (!year) return undefined;
  const municipality = /дата отчёта \d{2}\.\d{2}\.\d{4}; (.+)$/.exec(line)?.[1];
  return { year: Number(year[1]), ...(municipality && { municipality }) };
}
