import { Random } from './random';

export const REGION_NAME = 'Приозёрская область';
export const YEARS = [2024, 2025] as const;
export type Year = (typeof YEARS)[number];

export type Settlement = 'город' | 'село';
/** НОШ (grades 1–4), ООШ (1–9), СОШ (1–11). */
export type SchoolLevel = 'primary' | 'basic' | 'secondary';

export interface Municipality {
  name: string;
  slug: string;
  kind: 'city' | 'district';
  /** City in the genitive («г. Приозёрска») or the district's adjective for school names («Берёзовская»). */
  nameForm: string;
  schoolCount: number;
}

export interface School {
  id: string;
  name: string;
  municipality: Municipality;
  settlement: Settlement;
  small: boolean;
  lyceum: boolean;
  level: SchoolLevel;
  pupils: Record<Year, number>;
  /** Pupils in each grade 1…11 (0 where the school has no such grade), per year. */
  enrolled: Record<Year, number[]>;
}

const city = (name: string, slug: string, genitive: string, schoolCount: number): Municipality => ({ name, slug, kind: 'city', nameForm: genitive, schoolCount });
const district = (name: string, slug: string, adjective: string, schoolCount: number): Municipality => ({ name, slug, kind: 'district', nameForm: adjective, schoolCount });

export const MUNICIPALITIES: readonly Municipality[] = [
  city('г. Приозёрск', 'priozyorsk', 'г. Приозёрска', 64),
  city('г. Сосновогорск', 'sosnovogorsk', 'г. Сосновогорска', 24),
  city('г. Белоозёрск', 'beloozyorsk', 'г. Белоозёрска', 20),
  city('г. Краснобор', 'krasnobor', 'г. Краснобора', 16),
  district('Берёзовский муниципальный район', 'berezovsky', 'Берёзовская', 15),
  district('Заречный муниципальный округ', 'zarechny', 'Заречная', 14),
  district('Ольховский муниципальный район', 'olkhovsky', 'Ольховская', 13),
  district('Лесногорский муниципальный округ', 'lesnogorsky', 'Лесногорская', 16),
  district('Каменский муниципальный район', 'kamensky', 'Каменская', 12),
  district('Светлозёрский муниципальный округ', 'svetlozyorsky', 'Светлозёрская', 14),
  district('Тихореченский муниципальный район', 'tikhorechensky', 'Тихореченская', 11),
  district('Верхнеполянский муниципальный район', 'verkhnepolyansky', 'Верхнеполянская', 13),
  district('Озерновский муниципальный округ', 'ozernovsky', 'Озерновская', 15),
  district('Рябиновский муниципальный район', 'ryabinovsky', 'Рябиновская', 12),
  district('Сосновский муниципальный район', 'sosnovsky', 'Сосновская', 17),
  district('Луговской муниципальный округ', 'lugovskoy', 'Луговская', 13),
  district('Боровской муниципальный район', 'borovskoy', 'Боровская', 14),
  district('Кедрозёрский муниципальный округ', 'kedrozyorsky', 'Кедрозёрская', 12),
  district('Клюквенский муниципальный округ', 'klyukvensky', 'Клюквенская', 8),
  district('Журавлинский муниципальный район', 'zhuravlinsky', 'Журавлинская', 13),
  district('Дубравинский муниципальный район', 'dubravinsky', 'Дубравинская', 12),
  district('Черёмуховский муниципальный округ', 'cheryomukhovsky', 'Черёмуховская', 14),
  district('Ясеневский муниципальный район', 'yasenevsky', 'Ясеневская', 11),
  district('Малиновский муниципальный район', 'malinovsky', 'Малиновская', 13),
  district('Калиновский муниципальный округ', 'kalinovsky', 'Калиновская', 14),
];

/** Lyceums and gymnasiums of the city districts; two more are in the largest district towns. */
const CITY_LYCEUMS: Record<string, number> = { priozyorsk: 16, sosnovogorsk: 6, beloozyorsk: 5, krasnobor: 3 };
const TOWN_GYMNASIUMS = new Set(['berezovsky', 'sosnovsky']);

const VILLAGES = [
  'Александровская', 'Алексеевская', 'Андреевская', 'Архангельская', 'Богородская', 'Борисовская', 'Васильевская',
  'Введенская', 'Вознесенская', 'Воскресенская', 'Георгиевская', 'Глебовская', 'Горская', 'Григорьевская',
  'Даниловская', 'Дмитриевская', 'Егорьевская', 'Ермолинская', 'Ждановская', 'Заозёрская', 'Звягинская',
  'Знаменская', 'Ивановская', 'Ильинская', 'Казанская', 'Карповская', 'Кирилловская', 'Климовская', 'Козловская',
  'Константиновская', 'Красносельская', 'Крестовская', 'Кузьминская', 'Лаптевская', 'Лебяжинская', 'Лужковская',
  'Макарьевская', 'Марьинская', 'Митрофановская', 'Михайловская', 'Никольская', 'Никитинская', 'Новосельская',
  'Обуховская', 'Озерецкая', 'Ольгинская', 'Орловская', 'Осиновская', 'Павловская', 'Первомайская', 'Петровская',
  'Покровская', 'Полянская', 'Починковская', 'Преображенская', 'Раздольненская', 'Рождественская', 'Савинская',
  'Семёновская', 'Сергиевская', 'Сидоровская', 'Спасская', 'Сретенская', 'Становская', 'Старосельская',
  'Степановская', 'Сухаревская', 'Тимофеевская', 'Троицкая', 'Успенская', 'Устьинская', 'Фёдоровская',
  'Филипповская', 'Фроловская', 'Хмелёвская', 'Холмовская', 'Шишкинская', 'Щегловская', 'Юрьевская', 'Яковлевская',
];

interface SchoolKind {
  settlement: Settlement;
  level: SchoolLevel;
  small: boolean;
  lyceum: boolean;
  pupils: [number, number];
}

const KINDS = {
  cityOrdinary: { settlement: 'город', level: 'secondary', small: false, lyceum: false, pupils: [400, 1500] },
  cityLyceum: { settlement: 'город', level: 'secondary', small: false, lyceum: true, pupils: [600, 1400] },
  townOrdinary: { settlement: 'город', level: 'secondary', small: false, lyceum: false, pupils: [400, 900] },
  ruralSecondary: { settlement: 'село', level: 'secondary', small: false, lyceum: false, pupils: [120, 400] },
  ruralBasic: { settlement: 'село', level: 'basic', small: false, lyceum: false, pupils: [110, 250] },
  smallSecondary: { settlement: 'село', level: 'secondary', small: true, lyceum: false, pupils: [70, 95] },
  smallBasic: { settlement: 'село', level: 'basic', small: true, lyceum: false, pupils: [60, 95] },
  smallPrimary: { settlement: 'село', level: 'primary', small: true, lyceum: false, pupils: [30, 60] },
} satisfies Record<string, SchoolKind>;

const TOP_GRADE: Record<SchoolLevel, number> = { primary: 4, basic: 9, secondary: 11 };

export function topGrade(school: School): number {
  return TOP_GRADE[school.level];
}

/** Grades that write ВПР in Russian and mathematics in the sample: 4–8 as far as the school has them. */
export function vprGrades(school: School): number[] {
  return [4, 5, 6, 7, 8].filter((g) => g <= topGrade(school));
}

function enrolledByGrade(rng: Random, level: SchoolLevel, pupils: number): number[] {
  const top = TOP_GRADE[level];
  // Fewer pupils stay on for grades 10–11.
  const weights: number[] = Array.from({ length: 11 }, (_, i) => (i + 1 > top ? 0 : i + 1 >= 10 ? 0.6 : 1));
  const perUnit = pupils / weights.reduce((s, w) => s + w, 0);
  return weights.map((w, i) => {
    if (w === 0) return 0;
    const n = Math.round(perUnit * w * rng.between(0.88, 1.12));
    return Math.max(i + 1 >= 10 ? 2 : 5, n);
  });
}

function districtKinds(rng: Random, m: Municipality): SchoolKind[] {
  const towns = m.schoolCount >= 13 ? 2 : 1;
  const kinds: SchoolKind[] = [];
  for (let i = 0; i < towns; i++) kinds.push(i === 0 && TOWN_GYMNASIUMS.has(m.slug) ? { ...KINDS.townOrdinary, lyceum: true } : KINDS.townOrdinary);
  const rural = m.schoolCount - towns;
  const small = Math.round(rural * 0.35);
  const basic = Math.round((rural - small) * 0.3);
  for (let i = 0; i < rural - small - basic; i++) kinds.push(KINDS.ruralSecondary);
  for (let i = 0; i < basic; i++) kinds.push(KINDS.ruralBasic);
  const smallKinds = [KINDS.smallSecondary, KINDS.smallBasic, KINDS.smallPrimary];
  for (let i = 0; i < small; i++) kinds.push(smallKinds[i % 3]);
  return rng.shuffle(kinds);
}

function cityKinds(rng: Random, m: Municipality): SchoolKind[] {
  const lyceums = CITY_LYCEUMS[m.slug] ?? 0;
  const kinds: SchoolKind[] = [];
  for (let i = 0; i < m.schoolCount; i++) kinds.push(i < lyceums ? KINDS.cityLyceum : KINDS.cityOrdinary);
  return rng.shuffle(kinds);
}

function schoolId(rng: Random, taken: Set<string>): string {
  for (;;) {
    const id = `sch${rng.int(100000, 999999)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** The ~400 schools of the region, each with its contingent in both years. */
export function buildSchools(seed: number): School[] {
  const rng = Random.stream(seed, 'schools');
  const ids = new Set<string>();
  const schools: School[] = [];
  for (const m of MUNICIPALITIES) {
    const kinds = m.kind === 'city' ? cityKinds(rng, m) : districtKinds(rng, m);
    const villages = rng.shuffle(VILLAGES);
    let soshNumber = 0;
    let lyceumNumber = 0;
    let gymnasiumNumber = 0;
    let townNumber = 0;
    kinds.forEach((kind, i) => {
      let name: string;
      if (m.kind === 'city' && kind.lyceum) {
        const lyceum = rng.chance(0.5);
        name = lyceum ? `МАОУ «Лицей № ${++lyceumNumber}» ${m.nameForm}` : `МАОУ «Гимназия № ${++gymnasiumNumber}» ${m.nameForm}`;
      } else if (m.kind === 'city') name = `МБОУ «СОШ № ${++soshNumber}» ${m.nameForm}`;
      else if (kind.lyceum) name = `МАОУ «${m.nameForm} гимназия»`;
      else if (kind.settlement === 'город') name = `МБОУ «${m.nameForm} СОШ № ${++townNumber}»`;
      else {
        const village = villages[i % villages.length];
        name = kind.level === 'secondary' ? `МБОУ «${village} СОШ»` : kind.level === 'basic' ? `МКОУ «${village} ООШ»` : `МКОУ «${village} НОШ»`;
      }
      const pupils2024 = rng.int(kind.pupils[0], kind.pupils[1]);
      const pupils2025 = Math.round(pupils2024 * rng.between(0.97, 1.03));
      schools.push({
        id: schoolId(rng, ids),
        name,
        municipality: m,
        settlement: kind.settlement,
        small: kind.small,
        lyceum: kind.lyceum,
        level: kind.level,
        pupils: { 2024: pupils2024, 2025: pupils2025 },
        enrolled: { 2024: enrolledByGrade(rng, kind.level, pupils2024), 2025: enrolledByGrade(rng, kind.level, pupils2025) },
      });
    });
  }
  return schools;
}
