import type { PlantedList, PlantedSchool } from './planted';
import { MUNICIPALITIES, REGION_NAME, type School } from './region';

const AREA_TITLES: Record<PlantedSchool['area'], string> = {
  low_results: 'Низкие результаты (ШНОР, группа W)',
  social_conditions: 'Неблагоприятные социальные условия (ШНСУ)',
  risk_factors: 'Рисковый профиль (высокие факторы риска)',
  objectivity: 'Признаки необъективности результатов',
};

const cell = (v: unknown) => String(v ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const table = (head: string[], rows: unknown[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

/** README.md of the sample region, in Russian. */
export function sampleReadme(planted: PlantedList, schools: School[]): string {
  const byId = new Map(schools.map((s) => [s.id, s]));
  const count = (f: (s: School) => boolean) => schools.filter(f).length;
  const kinds = new Map<string, number>();
  for (const e of planted.schools) kinds.set(`${e.area}|${e.kind}`, (kinds.get(`${e.area}|${e.kind}`) ?? 0) + 1);
  const areaSchools = (area: PlantedSchool['area']) => new Set(planted.schools.filter((e) => e.area === area).map((e) => e.school_id));
  const perSchool = (area: PlantedSchool['area']) =>
    [...areaSchools(area)].map((id) => {
      const entries = planted.schools.filter((e) => e.area === area && e.school_id === id);
      const where = entries.map((e) => (e.values.grade !== undefined ? `${e.kind} (${e.values.grade} кл., ${e.values.subject})` : e.kind));
      return [id, byId.get(id)?.name, byId.get(id)?.municipality.name, where.join('; ')];
    });
  return `# Учебный регион «${REGION_NAME}»

Вымышленный регион для проверки и демонстрации Окошка: ${MUNICIPALITIES.length} муниципалитетов
(городских округов — ${MUNICIPALITIES.filter((m) => m.kind === 'city').length}, муниципальных районов и округов — ${MUNICIPALITIES.filter((m) => m.kind === 'district').length}) и ${schools.length} школ:

- городские школы (400–1500 обучающихся) — ${count((s) => s.settlement === 'город' && !s.lyceum)};
- лицеи и гимназии (только в городах) — ${count((s) => s.lyceum)};
- сельские школы (110–400 обучающихся) — ${count((s) => s.settlement === 'село' && !s.small)};
- малокомплектные сельские школы (меньше 100 обучающихся) — ${count((s) => s.small)}, из них начальных, без ГИА, — ${count((s) => s.level === 'primary')}.

Два учебных года: 2024 и 2025. Все названия, коды и числа выдуманы.

## Как пересоздать

\`\`\`
npx tsx samples/generator/main.ts        # или: npm run samples:generate
\`\`\`

Генератор детерминирован (собственный генератор псевдослучайных чисел mulberry32, зерно ${planted.seed}):
повторный запуск даёт те же данные. Пути считаются от корня репозитория, а не от текущей папки.

## Что где лежит

| папка | содержимое |
|---|---|
| \`2024/\` | формы пяти шаблонов (register, vpr, gia, conditions, observation) по всему региону за 2024 год — **без единой ошибки** |
| \`2025/\` | те же формы за 2025 год с заложенными ошибками в ячейках (таблица ниже) |
| \`incoming/\` | муниципальные файлы «как прислали»: у каждого одна структурная проблема или допустимая небрежность |
| \`school-forms/<муниципалитет>/\` | анкеты условий отдельных школ одного муниципалитета — для команды \`merge\`; две с ошибками |
| \`planted.json\` | машиночитаемый список всего заложенного (для тестов) |

## Формат planted.json

- \`dataErrors\`: \`{ file, sheet, cell, code, indicator, note }\` — ошибка в ячейке; проверка должна дать ровно одно
  замечание с этим кодом в этой ячейке. \`file\` — путь от папки \`samples/sample-region\`.
- \`fileIssues\`: \`{ file, code, sheet?, cell?, indicator?, note }\` — структурная проблема файла из \`incoming/\`.
- \`tolerated\`: \`{ file, note }\` — небрежные, но допустимые файлы: проверка не должна дать ни одного замечания.
- \`schools\`: \`{ school_id, area, kind, note, values }\` — по одной записи на школу, направление и вид
  (у школы группы W две-три записи, у школы с тремя маркерами необъективности — три). \`values\` — значения
  показателей из сгенерированных данных 2025 года (для маркеров — класс и предмет).
- \`objectivityLevels\`: число маркеров необъективности у школы и уровень: 3 и больше — «признаки необъективности»,
  1–2 — «зона внимания».

Школы, не названные в \`schools\` для направления, отстоят от каждого порога этого направления не меньше чем на
20 % порога в безопасную сторону, так что правило по умолчанию не должно отметить ни одну из них.

## Заложенные ошибки в ячейках (${planted.dataErrors.length})

${table(['файл', 'лист', 'ячейка', 'код', 'показатель', 'что не так'], planted.dataErrors.map((e) => [e.file, e.sheet, e.cell, e.code, e.indicator, e.note]))}

## Структурные проблемы входящих файлов (${planted.fileIssues.length})

${table(['файл', 'код', 'лист', 'ячейка', 'что не так'], planted.fileIssues.map((e) => [e.file, e.code, e.sheet, e.cell, e.note]))}

## Допустимые небрежности — замечаний быть не должно (${planted.tolerated.length})

${table(['файл', 'особенности'], planted.tolerated.map((e) => [e.file, e.note]))}

## Заложенные классификации школ

${table(['направление', 'вид', 'записей'], [...kinds].map(([k, n]) => [...k.split('|'), n]))}

Пороги, от которых считались закладки (параметры региона по умолчанию):
- **ШНОР (W)**: доля «2» по ВПР по русскому языку и математике 27–45 % в каждом классе 4–8 оба года (у остальных — не больше 15 %);
  нижний дециль региона — ровно группа W (${areaSchools('low_results').size} школ из ${schools.length});
  «омский» признак — ≥ 30 % не преодолевших минимум в двух процедурах ОГЭ за год или в одной процедуре два года подряд;
  выпускник ниже минимума ЕГЭ по русскому языку или математике (считается только ЕГЭ; у «омских» школ провалы — в ОГЭ).
- **ШНСУ**: не меньше двух из четырёх факторов: ТЖС ≥ 20 %, неродной русский ≥ 20 %, ОВЗ ≥ 10 %, сельская малокомплектная.
- **Рисковый профиль**: оснащение (компьютеров на 100 < 5, оборудованных кабинетов < 30 %, интернет < 10 Мбит/с),
  кадры (вакансии ≥ 10 %, совместители ≥ 25 %), предметная компетентность (прошли диагностику < 40 %, без профильного
  образования ≥ 20 %), адаптивность (дифференцированных уроков < 20 %), система ПК (ПК за 3 года < 50 % и нет
  индивидуальных планов), языковые барьеры (неродной русский ≥ 15 % и нет программы адаптации), среда (климат < 5
  или травля ≥ 5 случаев), учебная неуспешность ≥ 25 %, родители (посещаемость собраний < 40 % или довольных < 50 %),
  мотивация (низкая мотивация ≥ 40 %), ОВЗ ≥ 15 %.
- **Необъективность** (маркеры 2025 года на класс и предмет): качество ВПР ≥ среднего по региону + 25 п. п. в 8 классе
  при средней отметке ОГЭ ниже региональной (не лицеи); решаемость трудных заданий ≥ +10 п. п. к региону при базовых
  ≤ −5 п. п.; «понизили» ≥ 40 %; «повысили» ≥ 20 %; рост качества ≥ 30 п. п. за год; медалист ниже 70 баллов ЕГЭ по
  русскому языку или профильной математике; ВПР без общественного наблюдателя.

${(['low_results', 'social_conditions', 'risk_factors', 'objectivity'] as const)
  .map((area) => `### ${AREA_TITLES[area]} — ${areaSchools(area).size} школ\n\n${table(['код ОО', 'школа', 'муниципалитет', 'виды'], perSchool(area))}`)
  .join('\n\n')}
`;
}
