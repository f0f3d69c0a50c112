import { columnTitle } from '../template/template';
import type { Template } from '../template/template';
import type { RuleScope } from './rule-set';

/** What a fact's path means, for explanations and for the linter. */
export interface FactPath {
  title: string;
  unit?: string;
}

export interface FactInfo {
  title: string;
  /** Known paths (without `$.`); a nested fact such as `region` lists `conditions.vacancy_rate`. */
  paths: Record<string, FactPath>;
}

export type FactCatalogue = Record<Exclude<RuleScope, 'table'>, Record<string, FactInfo>> & {
  /** Facts of scope `table`, by template id. */
  tables: Record<string, Record<string, FactInfo>>;
};

/** The facts a rule set of this scope (and template) may read. */
export function catalogueSection(catalogue: FactCatalogue, set: { scope?: unknown; template?: unknown }): Record<string, FactInfo> | undefined {
  if (set.scope === 'school' || set.scope === 'subject') return catalogue[set.scope];
  if (set.scope === 'table' && typeof set.template === 'string') return catalogue.tables[set.template];
  return undefined;
}

/** Facts of a row of a foreign table: the row, its percentiles in the table, the table's means. */
function tableFacts(template: Template): Record<string, FactInfo> {
  const sheet = template.sheets[0];
  const row = indicatorPaths([template], template.id, sheet.id);
  return {
    row: { title: template.title, paths: row },
    percentile: { title: 'Процентиль в таблице', paths: numericPaths(row, '', ', процентиль в таблице', false) },
    table: { title: 'Среднее по таблице', paths: numericPaths(row, '', ', среднее по таблице') },
  };
}

const pct = (title: string): FactPath => ({ title, unit: '%' });

const SCHOOL: Record<string, FactPath> = {
  school_id: { title: 'Код ОО' },
  name: { title: 'Наименование ОО' },
  municipality: { title: 'Муниципалитет' },
  rural: { title: 'Сельская школа' },
  small_school: { title: 'Малокомплектная школа' },
  rural_small: { title: 'Сельская малокомплектная школа' },
  lyceum_gymnasium: { title: 'Лицей или гимназия' },
  pupils: { title: 'Обучающихся', unit: 'чел.' },
  share_ovz: pct('Доля обучающихся с ОВЗ'),
  share_non_native: pct('Доля обучающихся, для которых русский язык не родной'),
  share_difficult: pct('Доля обучающихся из семей в трудной жизненной ситуации'),
};

/** Indicators and derived indicators of a template sheet as fact paths. */
function indicatorPaths(templates: readonly Template[], templateId: string, sheetId: string): Record<string, FactPath> {
  const sheet = templates.find((t) => t.id === templateId)?.sheets.find((s) => s.id === sheetId);
  const paths: Record<string, FactPath> = {};
  const foreign = templates.find((t) => t.id === templateId)?.kind === 'foreign';
  for (const c of sheet?.columns ?? []) paths[c.code] = { title: (foreign && c.description) || columnTitle(c), unit: c.unit };
  for (const d of sheet?.derived ?? []) paths[d.code] = { title: d.title, unit: d.unit };
  return paths;
}

/** The same paths under a prefix, retitled; a percentile has no unit of its own. */
function numericPaths(paths: Record<string, FactPath>, prefix: string, suffix = '', keepUnit = true): Record<string, FactPath> {
  const out: Record<string, FactPath> = {};
  for (const [code, p] of Object.entries(paths)) out[prefix ? `${prefix}.${code}` : code] = { title: p.title + suffix, unit: keepUnit ? p.unit : undefined };
  return out;
}

/** Every fact rules may read, by scope, with the titles explanations use. Indicator facts follow the templates. */
export function factCatalogue(templates: readonly Template[]): FactCatalogue {
  const conditions = indicatorPaths(templates, 'conditions', 'conditions');
  const vprRow = indicatorPaths(templates, 'vpr', 'results');
  const vprSummary: Record<string, FactPath> = {
    share_2_max: pct('Наибольшая доля «2» по ВПР'),
    share_2_mean: pct('Средняя доля «2» по ВПР (русский язык, математика)'),
    share_2_mean_prev: pct('Средняя доля «2» по ВПР в прошлом году'),
    share_2_mean_two_years: pct('Средняя доля «2» по ВПР за два года'),
    share_2_rank: { title: 'Место в регионе по доле «2» по ВПР за два года (1 — худшее)' },
  };
  const contextOf = (suffix: string, keepUnit = true) => ({ ...numericPaths(conditions, 'conditions', suffix, keepUnit), ...numericPaths(vprSummary, 'vpr', suffix, keepUnit) });
  return {
    tables: Object.fromEntries(templates.filter((t) => t.kind === 'foreign').map((t) => [t.id, tableFacts(t)])),
    school: {
      school: { title: 'ОО', paths: SCHOOL },
      conditions: { title: 'Анкета условий ОО', paths: conditions },
      conditions_prev: { title: 'Анкета условий ОО прошлого года', paths: numericPaths(conditions, '', ' (прошлый год)') },
      vpr: { title: 'ВПР', paths: vprSummary },
      gia: {
        title: 'ГИА',
        paths: {
          share_below_min: pct('Доля не преодолевших минимальный порог'),
          share_below_min_both_years: pct('Доля не преодолевших минимальный порог (оба года)'),
          ege_compulsory_below_min: { title: 'Выпускников ниже минимального порога ЕГЭ по обязательным предметам', unit: 'чел.' },
          ege_ru_ma_worst_by_year: pct('Доля не преодолевших минимальный порог ЕГЭ и по русскому языку, и по математике'),
        },
      },
      medallists: { title: 'Медалисты', paths: { count: { title: 'Медалистов', unit: 'чел.' }, lowest_score: { title: 'Наименьший балл ЕГЭ медалиста (русский язык, профильная математика)' } } },
      objectivity: { title: 'Объективность', paths: { markers: { title: 'Маркеров необъективности' }, level: { title: 'Уровень необъективности' } } },
      municipality: { title: 'Среднее по муниципалитету', paths: contextOf(', среднее по муниципалитету') },
      region: { title: 'Среднее по региону', paths: contextOf(', среднее по региону') },
      percentile: { title: 'Процентиль в регионе', paths: contextOf(', процентиль в регионе', false) },
    },
    subject: {
      unit: { title: 'Работа', paths: { school_id: { title: 'Код ОО' }, year: { title: 'Год' }, grade: { title: 'Класс' }, subject: { title: 'Предмет' } } },
      school: { title: 'ОО', paths: SCHOOL },
      vpr: { title: 'ВПР', paths: vprRow },
      vpr_prev: { title: 'ВПР прошлого года', paths: numericPaths(vprRow, '', ' (прошлый год)') },
      vpr_region: {
        title: 'ВПР по региону',
        paths: {
          quality_mean: pct('Качество знаний по ВПР, среднее по региону'),
          share_2_mean: pct('Доля «2» по ВПР, среднее по региону'),
          share_lowered_mean: pct('Доля понизивших отметку, среднее по региону'),
          share_raised_mean: pct('Доля повысивших отметку, среднее по региону'),
        },
      },
      vpr_change: { title: 'Изменение за год', paths: { quality: { title: 'Рост качества знаний по ВПР за год', unit: 'п. п.' } } },
      vpr_gap: { title: 'Отрыв от региона', paths: { quality_vs_region: { title: 'Превышение качества знаний по ВПР над средним по региону', unit: 'п. п.' } } },
      tasks: {
        title: 'Решаемость заданий',
        paths: {
          basic_gap: { title: 'Отклонение решаемости базовых заданий от региона', unit: 'п. п.' },
          advanced_gap: { title: 'Отклонение решаемости заданий повышенного уровня от региона', unit: 'п. п.' },
          high_gap: { title: 'Отклонение решаемости заданий высокого уровня от региона', unit: 'п. п.' },
          hard_gap: { title: 'Отклонение решаемости трудных заданий (повышенный и высокий уровень) от региона', unit: 'п. п.' },
        },
      },
      oge: {
        title: 'ОГЭ по тому же предмету',
        paths: {
          mean_mark: { title: 'Средняя отметка ОГЭ' },
          region_mean_mark: { title: 'Средняя отметка ОГЭ по региону' },
          gap: { title: 'Отклонение средней отметки ОГЭ от региона' },
        },
      },
      observation: { title: 'Общественное наблюдение', paths: { observer_present: { title: 'Присутствовал общественный наблюдатель' } } },
    },
  };
}
