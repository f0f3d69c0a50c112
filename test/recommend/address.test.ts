import { addressRecommendations, type AddressedRecommendation, type RecommendationProblem } from '../../src/core/recommend/address';
import { loadCatalogue, type RecommendationCatalogue } from '../../src/core/recommend/catalogue';
import { fixture, fixtureClassifications } from './fixtures';

const load = loadCatalogue(fixture('catalogue.json'));
if (!load.ok) throw new Error(JSON.stringify(load.problems));
const catalogue: RecommendationCatalogue = load.catalogue;
const { classifications, systems, params, reportDate } = fixtureClassifications();

function run(): { rows: AddressedRecommendation[]; problems: RecommendationProblem[] } {
  const problems: RecommendationProblem[] = [];
  const rows = addressRecommendations(classifications, systems, catalogue, params, reportDate, (p) => problems.push(p));
  return { rows, problems };
}

const key = (r: AddressedRecommendation) => `${r.schoolId ?? r.municipality}${r.subject ? ` ${r.subject}` : ''}: ${r.id}`;

describe('addressing recommendations', () => {
  const { rows, problems } = run();
  const row = (schoolId: string, id: string) => rows.find((r) => r.schoolId === schoolId && r.id === id)!;

  it('lists each municipality\'s own rows first, then its schools by name, each by addressee', () => {
    expect(rows.map(key)).toEqual([
      // Берёзовский район: 2 schools with ШНОР, fewer than 3 — no municipal row
      'b1: programme', // «Берёзовская» before «Ключевская»; school before ИРО
      'b1: needs_work',
      'b2: programme',
      // г. Озёрск: municipal rows in the catalogue's order
      'г. Озёрск: mun_programme',
      'г. Озёрск Русский язык: mun_seminar',
      'г. Озёрск: mun_staffing',
      // «СОШ № 2» < «СОШ № 3» < «СОШ № 10» < МКОУ
      'a2: programme',
      'a2: observers',
      'a2: analysis',
      'a2: tutors',
      'a2: talk',
      'a4: observers',
      'a4: mentoring',
      'a4: talk',
      'a4: recheck',
      'a4: control',
      'a1: programme',
      'a1: analysis',
      'a1: tutors',
      'a1: talk',
      'a1: recheck',
      'a3: programme',
      'a3: mentoring',
      'a3: talk',
      'a3: recheck',
    ]);
  });

  it('gives a school a recommendation once, with the bases of every finding that triggered it', () => {
    expect(rows.filter((r) => r.schoolId === 'a1' && r.id === 'programme')).toHaveLength(1);
    expect(row('a1', 'programme')).toEqual({
      id: 'programme',
      area: 'low_results',
      municipality: 'г. Озёрск',
      schoolId: 'a1',
      schoolName: 'МБОУ «СОШ № 10» г. Озёрска',
      addressee: 'school',
      addresseeTitle: 'Школа (директор)',
      basis:
        'Школа в худшей доле школ региона по доле «2» по ВПР за два года — Средняя доля «2» по ВПР за два года: 3-е место из 40 — в худших 10 % региона\n' +
        'Большая доля участников получила «2» за диагностическую работу (ВПР) — Наибольшая доля «2» по ВПР (ВПР 2025, 5 класс, математика) — 36,7 % при пороге более 25 %',
      measure: 'Разработать программу перевода МБОУ «СОШ № 10» г. Озёрска в эффективный режим функционирования',
      deadline: '2025-12-15',
      responsible: 'Директор МБОУ «СОШ № 10» г. Озёрска',
      expected: 'Утверждена программа перевода в эффективный режим функционирования',
      triggeredBy: ['fioko_bottom_decile', 'rosobrnadzor_diagnostic'],
      source: 'План действий г. Костромы, п. 1.4',
    });
  });

  it('fills a merged recommendation\'s work placeholders with every work that triggered it', () => {
    expect(row('a1', 'recheck')).toMatchObject({
      addressee: 'region',
      addresseeTitle: 'Региональный орган управления образованием',
      measure: 'Перепроверить работы МБОУ «СОШ № 10» г. Озёрска: ВПР 2025, 5 класс, русский язык; ВПР 2025, 7 класс, математика',
      deadline: '2025-10-25',
      triggeredBy: ['high_raised', 'task_inversion'],
    });
    expect(row('a1', 'recheck').basis.split('\n')).toEqual([
      'Большая доля участников получила за ВПР отметку выше, чем по журналу — ВПР 2025, 5 класс, русский язык: Доля повысивших отметку — 26,5 % при пороге 20 %',
      'Задания повышенного и высокого уровня решены заметно лучше региона, базовые — заметно хуже — ВПР 2025, 7 класс, математика: Отставание по базовым заданиям — -9,8 п. п. при пороге не более -5 п. п.',
    ]);
  });

  it('addresses the objectivity levels from the catalogue, with the markers and the threshold as the basis', () => {
    expect(row('a4', 'control')).toMatchObject({
      addressee: 'region',
      basis: 'Уровень объективности «признаки необъективности»: маркеров — 3 при пороге 3',
      triggeredBy: ['high_raised', 'sharp_jump', 'no_observer'],
      deadline: '2025-12-15',
    });
    expect(row('a4', 'talk').measure).toBe(
      'Провести разъяснительную работу с педагогами МБОУ «СОШ № 3» г. Озёрска (маркеры: Большая доля участников получила за ВПР отметку выше, чем по журналу; Качество знаний по ВПР резко выросло за год; На ВПР не было общественного наблюдателя)',
    );
    expect(row('a2', 'talk').basis).toBe('Уровень объективности «зона внимания»: маркеров — 1 при пороге 1');
    expect(rows.filter((r) => r.id === 'control').map((r) => r.schoolId)).toEqual(['a4']);
  });

  it('fills dates, municipality and responsible executors', () => {
    expect(row('a2', 'tutors')).toMatchObject({
      addressee: 'municipality',
      addresseeTitle: 'Муниципальный орган управления образованием (МОУО)',
      deadline: '2026-12-20',
      responsible: 'Управление образования: г. Озёрск',
      expected: 'Школа получает адресную поддержку до 20.12.2026',
    });
    expect(row('a2', 'analysis')).toMatchObject({ addressee: 'teachers', addresseeTitle: 'Учителя-предметники', deadline: '2025-10-15' });
  });

  it('adds a municipality\'s row where at least N of its schools share a classification', () => {
    const municipal = rows.filter((r) => r.schoolId === undefined);
    expect(municipal.find((r) => r.id === 'mun_programme')).toEqual({
      id: 'mun_programme',
      area: 'municipal',
      municipality: 'г. Озёрск',
      addressee: 'municipality',
      addresseeTitle: 'Муниципальный орган управления образованием (МОУО)',
      basis:
        'Школ муниципалитета с этой классификацией — 3 при пороге 3:\n' +
        'МБОУ «СОШ № 2» г. Озёрска (Школа в худшей доле школ региона по доле «2» по ВПР за два года)\n' +
        'МБОУ «СОШ № 10» г. Озёрска (Школа в худшей доле школ региона по доле «2» по ВПР за два года; Большая доля участников получила «2» за диагностическую работу (ВПР))\n' +
        'МКОУ «Лесная ООШ» (Большая доля участников не преодолела минимальный порог в нескольких процедурах ГИА этого года)',
      measure: 'Разработать муниципальную программу поддержки школ с низкими результатами (3 при пороге 3): МБОУ «СОШ № 2» г. Озёрска; МБОУ «СОШ № 10» г. Озёрска; МКОУ «Лесная ООШ»',
      deadline: '2025-12-15',
      responsible: 'Управление образования: г. Озёрск',
      expected: 'Утверждена муниципальная программа',
      triggeredBy: ['fioko_bottom_decile', 'rosobrnadzor_diagnostic', 'omsk_two_procedures'],
      source: 'Региональный проект Камчатского края, раздел V',
    });
  });

  it('counts schools per ВПР subject when the rule says so: three schools with Russian, two with mathematics', () => {
    const seminar = rows.filter((r) => r.id === 'mun_seminar');
    expect(seminar).toHaveLength(1);
    expect(seminar[0]).toMatchObject({
      subject: 'Русский язык',
      addressee: 'institute',
      measure: 'Провести семинар по объективному оцениванию для учителей предмета «Русский язык» (г. Озёрск)',
      triggeredBy: ['no_observer', 'high_raised', 'high_lowered'],
    });
    expect(seminar[0].basis.split('\n')[0]).toBe('Школ муниципалитета с находками по предмету ВПР «Русский язык» — 3 при пороге 3:');
  });

  it('takes a number written in the rule as its threshold', () => {
    expect(rows.find((r) => r.id === 'mun_staffing')).toMatchObject({
      municipality: 'г. Озёрск',
      addressee: 'region',
      measure: 'Учесть кадровый дефицит школ (МБОУ «СОШ № 3» г. Озёрска; МКОУ «Лесная ООШ») в региональной программе',
      triggeredBy: ['staffing_high'],
    });
  });

  it('reports unknown ids, unfilled placeholders and a missing threshold parameter, and addresses the rest', () => {
    expect(problems).toEqual([
      { id: 'mun_missing_param', message: 'муниципальное правило «mun_missing_param» пропущено: в файле параметров «Тестовая область» нет параметра «recommendations.municipal.no_such»' },
      { id: 'needs_work', schoolId: 'b1', municipality: 'Берёзовский район', message: 'рекомендация «needs_work» для школы МБОУ «Берёзовская СОШ»: нет значения для подстановки {work.subject}' },
      { id: 'nonexistent', schoolId: 'b2', municipality: 'Берёзовский район', message: 'рекомендации «nonexistent» (правила «fioko_bottom_decile») нет в каталоге «test»' },
    ]);
    expect(row('b1', 'needs_work')).toMatchObject({ measure: 'Провести семинар для учителей предмета «{work.subject}» школы МБОУ «Берёзовская СОШ»', unfilled: ['work.subject'] });
    expect(rows.some((r) => r.id === 'mun_missing_param')).toBe(false);
  });

  it('gives a school without findings nothing, and depends on nothing but its arguments', () => {
    expect(rows.some((r) => r.schoolId === 'b3')).toBe(false);
    expect(run().rows).toEqual(rows);
    expect(addressRecommendations([], systems, catalogue, params, reportDate)).toEqual([]);
  });

  it('reads the threshold from the params given: with N = 2 Берёзовский район gets its programme too', () => {
    const two = { ...params, params: { ...params.params, recommendations: { municipal: { min_schools: 2 } } } };
    const found = addressRecommendations(classifications, systems, catalogue, two, reportDate).filter((r) => r.schoolId === undefined).map(key);
    expect(found).toEqual(['Берёзовский район: mun_programme', 'г. Озёрск: mun_programme', 'г. Озёрск Математика: mun_seminar', 'г. Озёрск Русский язык: mun_seminar', 'г. Озёрск: mun_staffing']);
  });
});
