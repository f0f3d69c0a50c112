import type { PipelineProblem } from '../pipeline/errors';

const list = (names: readonly string[]) => names.map((n) => `«${n}»`).join(', ');

/** The Russian sentence of every reason the pipeline stops. */
export function pipelineMessage(p: PipelineProblem): string {
  switch (p.code) {
    case 'nothing_to_classify':
      return 'Среди форм нет ни реестра ОО без ошибок, ни таблицы открытых данных: классифицировать некого. Добавьте реестр ОО (register.xlsx) к формам с результатами';
    case 'register_unusable':
      return p.files.length
        ? `Реестр ОО за ${p.year} год не прочитан: ${p.files.map((f) => `${f.name} — ${f.reason}`).join('; ')}. Классификация за ${p.year} год не выполнена: исправьте файл реестра или замените его`
        : `В реестре ОО за ${p.year} год нет ни одной строки без ошибок: классификация за ${p.year} год не выполнена`;
    case 'register_other_year':
      return `Нет реестра ОО за ${p.year} год: ${p.registers.map((r) => `${r.name} — реестр ${r.years.join(', ')} года`).join('; ')}. Реестр другого года вместо него не используется: добавьте реестр ${p.year} года`;
    case 'no_params':
      if (p.asked !== undefined) return `Нет исправного файла параметров «${p.asked}» в папке правил${p.available.length ? `. Есть: ${p.available.join(', ')}` : ''}`;
      return p.available.length > 1
        ? `Файлов параметров несколько (${list(p.available)}), а наборы правил не говорят, какой нужен: выберите его (в командной строке — --params <id>)`
        : 'В правилах нет исправного файла параметров региона: без порогов классификация невозможна';
    case 'no_units':
      return `В rules/units нет единицы оценки из листа реестра «${p.sheet}»: правилам не для кого считать показатели`;
    case 'no_rule_sets':
      return 'Ни один набор правил для школ региона не загружен без ошибок: исправьте ошибки (okoshko rules lint)';
    case 'no_table_rules':
      return `Для таблицы «${p.table}» нет исправного набора правил с параметрами; для классификации школ региона добавьте реестр ОО (register.xlsx)`;
    case 'no_catalogue':
      return `Каталог рекомендаций не загружен: ${p.problems.join('; ')}`;
  }
}
