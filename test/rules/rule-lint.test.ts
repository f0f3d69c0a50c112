import path from 'node:path';
import { bundledLibrary } from '../helpers/pipeline';
import { OPERATOR_NAMES } from '../../src/core/rules/operators';
import { lintParams, lintRuleCases, lintRuleFolder, lintRuleSet, type RuleLintCode, type RuleLintProblem } from '../../src/core/rules/lint';
import { locateJsonSyntaxError, parseJsonText } from '../../src/core/rules/json-file';
import { readRuleLibrary } from '../../src/files/rule-library';
import { readFileSync } from 'node:fs';
import { okoshko } from '../helpers/cli';
import { REPO } from '../helpers/templates';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'rule-lint');
const RULE_TEST = path.join(__dirname, '..', 'fixtures', 'rule-test');
const catalogue = bundledLibrary().facts;
const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

describe('linting a folder of rule files, one broken file per kind of problem', () => {
  const { folder } = readRuleLibrary(FIXTURES);
  const problems = lintRuleFolder(folder, { catalogue, operators: OPERATOR_NAMES });
  // Each broken set is also one without rule cases; that warning has its own test below.
  const about = (file: string) => problems.filter((p) => p.file === file && p.code !== 'no_cases');

  it('warns of every set no rule cases exercise, and of no other', () => {
    const warned = problems.filter((p) => p.code === 'no_cases').map((p) => path.basename(p.file));
    expect(warned).toContain('unknown-fact.json');
    expect(warned).not.toContain('clean.json');
    expect(problems.find((p) => p.code === 'no_cases' && p.file.endsWith('unknown-fact.json'))).toMatchObject({ severity: 'warning', pointer: '/id', message: expect.stringMatching(/^у набора «unknown-fact» нет примеров в rules\/cases/) });
  });

  it('finds nothing in the clean rule set, its params, its cases and the catalogue', () => {
    for (const file of [fixture('sets', 'clean.json'), fixture('params', 'region.json'), fixture('cases', 'clean.json'), fixture('recommendations', 'catalogue.json')])
      expect(about(file)).toEqual([]);
  });

  const kinds: [RuleLintCode, string, string | undefined, string, RegExp][] = [
    ['schema', 'sets/schema.json', 'extra_property', '/rules/1/conditions/all/1', /^лишнее свойство «threshold»$/],
    ['unknown_fact', 'sets/unknown-fact.json', 'r1', '/rules/0/conditions/all/1/fact', /^неизвестный факт «vrp» для правил единицы «ОО» \(scope: school\); возможно, имелось в виду «vpr»$/],
    ['unknown_path', 'sets/unknown-path.json', 'r1', '/rules/0/conditions/all/1/path', /^у факта «vpr» \(ВПР\) нет пути «\$\.share_2_avg»/],
    ['unknown_operator', 'sets/unknown-operator.json', 'r1', '/rules/0/conditions/all/1/operator', /^неизвестный оператор «greaterThen»; возможно, имелось в виду «greaterThan»$/],
    ['unknown_decorator', 'sets/unknown-decorator.json', 'r1', '/rules/0/conditions/all/1/operator', /^неизвестный декоратор «sameFact» в «sameFact:greaterThan»; возможно, имелось в виду «someFact»$/],
    ['in_without_array', 'sets/in-without-array.json', 'r1', '/rules/0/conditions/all/1/value', /^оператор «in» сравнивает со списком, а параметр «lists\.single» — число 5/],
    ['bad_operator_value', 'sets/bad-operator-value.json', 'r1', '/rules/0/conditions/all/1/value', /^у оператора «between» нижняя граница 20 больше верхней 10$/],
    ['unknown_param', 'sets/unknown-param.json', 'r1', '/rules/0/conditions/all/1/value', /^параметр «vpr\.share_3» не найден в файле параметров «region»; возможно, имелось в виду «vpr\.share_2»$/],
    ['unknown_recommendation', 'sets/unknown-recommendation.json', 'r1', '/rules/0/event/params/recommendations/1', /^рекомендации «R9» нет в каталоге рекомендаций$/],
    ['duplicate_rule_name', 'sets/duplicate-rule-name.json', 'twice', '/rules/1/name', /^правило «twice» уже описано выше \(\/rules\/0\)$/],
    ['undefined_condition', 'sets/undefined-condition.json', 'r1', '/rules/0/conditions/all/1/condition', /^именованное условие «many_twoes» не описано в разделе conditions; возможно, имелось в виду «many_twos»$/],
    ['circular_condition', 'sets/circular-condition.json', undefined, '/conditions/b/any/0/condition', /^именованные условия ссылаются друг на друга по кругу: «a» → «b» → «a»$/],
    ['unused_condition', 'sets/unused-condition.json', undefined, '/conditions/spare', /^именованное условие «spare» не используется ни одним правилом$/],
    ['bad_effective_period', 'sets/bad-effective-period.json', undefined, '/effective/to', /^набор действует с 2025-09-01, а заканчивает действовать раньше — 2024-08-31$/],
    ['duplicate_rule_set', 'sets/duplicate-rule-set.json', undefined, '/id', /^набор правил «clean» уже описан в файле .*clean\.json$/],
    ['json_syntax', 'sets/json-syntax.json', undefined, '/', /^ошибка синтаксиса JSON в строке 16, позиции 9: лишняя запятая перед «]»$/],
    ['unknown_rule_set', 'cases/unknown-rule-set.json', undefined, '/ruleSet', /^набора правил «clear» нет в rules\/sets; возможно, имелось в виду «clean»$/],
    ['unknown_rule', 'cases/unknown-rule.json', 'twoz', '/cases/0/fired/0', /^в наборе «clean» нет правила «twoz»; возможно, имелось в виду «twos»$/],
    ['unknown_params_file', 'cases/unknown-params-file.json', undefined, '/params', /^файла параметров «regoin» нет в rules\/params; возможно, имелось в виду «region»$/],
    ['duplicate_case_name', 'cases/duplicate-case-name.json', undefined, '/cases/1/name', /^случай «Один и тот же» уже описан выше \(\/cases\/0\)$/],
  ];

  it.each(kinds)('%s: %s gives exactly that problem, located by file, rule and JSON pointer', (code, file, rule, pointer, message) => {
    const found = about(fixture(...file.split('/')));
    expect(found).toEqual([
      {
        code,
        severity: code === 'unused_condition' ? 'warning' : 'error',
        file: fixture(...file.split('/')),
        ...(rule !== undefined ? { rule } : {}),
        pointer,
        message: expect.stringMatching(message),
        ...(code === 'json_syntax' ? { line: 16, column: 9, group: 'sets' } : {}),
      },
    ]);
  });

  it('lints the other files although one file is broken JSON', () => {
    const syntax = problems.filter((p) => p.code === 'json_syntax');
    expect(syntax.map((p) => path.basename(p.file))).toEqual(['json-syntax.json']);
    expect(folder.sets.map((s) => path.basename(s.file))).not.toContain('json-syntax.json');
    const filesWithProblems = new Set(problems.map((p) => path.relative(FIXTURES, p.file).split(path.sep).join('/')));
    expect([...filesWithProblems].sort()).toEqual(kinds.map((k) => k[1]).sort());
  });

  it('reports schema problems of params and rule-cases files with their pointers', () => {
    const params = parseJsonText(readFileSync(fixture('other', 'params-schema.json'), 'utf8'));
    const cases = parseJsonText(readFileSync(fixture('other', 'cases-schema.json'), 'utf8'));
    if (!params.ok || !cases.ok) throw new Error('fixture unreadable');
    expect(lintParams(params.json, 'p.json').map((p) => `${p.code} ${p.pointer}: ${p.message}`)).toEqual(
      expect.arrayContaining(['schema /: должно иметь обязательное поле version', expect.stringMatching(/^schema \/params\/vpr\/share_2: должно быть /)]),
    );
    expect(lintRuleCases(cases.json, 'c.json', new Map([['clean', ['twos', 'rural']]])).map((p) => `${p.code} ${p.pointer}: ${p.message}`)).toEqual([
      'schema /cases/0: должно иметь обязательное поле fired',
    ]);
  });

  it('with a params file chosen by id or region checks the sets against it; a wrong choice is one problem, not one per reference', () => {
    expect(lintRuleFolder(folder, { catalogue, operators: OPERATOR_NAMES, paramsId: 'Тестовая область' })).toEqual(problems);
    const wrong = lintRuleFolder({ ...folder, dir: FIXTURES }, { catalogue, operators: OPERATOR_NAMES, paramsId: 'regoin' });
    expect(wrong.filter((p) => p.code === 'unknown_params_file' && p.pointer === '/')).toEqual([
      { code: 'unknown_params_file', severity: 'error', file: `${FIXTURES}/params`, pointer: '/', message: 'файла параметров «regoin» нет; возможно, имелось в виду «region»' },
    ]);
    expect(wrong.length).toBe(problems.length + 1);
  });

  it('names the rule of a schema problem and explains a bare comparison at the top of a rule', () => {
    const json = { id: 'x', title: 'x', version: '1.0', area: 'low_results', scope: 'school', basis: 'x', effective: { from: '2024-01-01' }, rules: [
      { name: 'bare', title: 'x', conditions: { fact: 'vpr', path: '$.share_2_mean_two_years', operator: 'greaterThan', value: 30 }, event: { type: 'classification', params: { status: 'ШНОР', label: 'x' } } },
    ] };
    expect(lintRuleSet(json, { file: 'x.json', params: {}, catalogue, recommendationIds: new Set(), operators: OPERATOR_NAMES }).filter((p) => p.severity === 'error')).toEqual([
      { code: 'schema', severity: 'error', file: 'x.json', rule: 'bare', pointer: '/rules/0/conditions', message: expect.stringMatching(/^условие верхнего уровня должно быть all, any, not/) },
    ]);
  });
});

describe('lintRuleSet on its own', () => {
  const clean = parseJsonText(readFileSync(fixture('sets', 'clean.json'), 'utf8'));
  const cleanJson = clean.ok ? (clean.json as Record<string, unknown>) : {};
  const context = { file: 'clean.json', catalogue, operators: OPERATOR_NAMES };

  it('without a params file, every parameter reference is unknown', () => {
    const found = lintRuleSet(cleanJson, { ...context, params: undefined, recommendationIds: new Set(['r1', 'r2']) });
    expect(found.length).toBe(8);
    expect(new Set(found.map((p) => p.code))).toEqual(new Set(['unknown_param']));
    expect(found[0]).toMatchObject({ pointer: '/conditions/many_twos/all/0/value', message: 'параметр «vpr.share_2» не найти: файла параметров (rules/params) нет' });
    expect(found.find((p) => p.rule === 'twos' && p.pointer.endsWith('/all/2/value/1'))).toBeDefined();
  });

  it('without a recommendation catalogue, every listed recommendation is unknown', () => {
    const params = { vpr: { share_2: 30, rank_share: 10 }, gia: { share: 30, hard_share: 50, procedures: 2 }, lists: { municipalities: ['x'] }, range: { low: 1, high: 2 } };
    const found = lintRuleSet(cleanJson, { ...context, params, recommendationIds: undefined });
    expect(found.map((p) => `${p.code} ${p.rule} ${p.pointer}: ${p.message}`)).toEqual([
      'unknown_recommendation twos /rules/0/event/params/recommendations/0: рекомендации «r1» нет: каталога рекомендаций (rules/recommendations) нет',
      'unknown_recommendation twos /rules/0/event/params/recommendations/1: рекомендации «r2» нет: каталога рекомендаций (rules/recommendations) нет',
    ]);
  });

  it('checks facts against the catalogue of the set’s scope', () => {
    const found = lintRuleSet({ ...cleanJson, scope: 'subject' }, { ...context, params: {}, recommendationIds: new Set(['r1', 'r2']) }).filter((p) => p.code === 'unknown_fact');
    expect(found.map((p) => `${p.pointer}: ${p.message.split(';')[0]}`)).toContain('/rules/0/conditions/all/2/fact: неизвестный факт «gia» для правил единицы «Работа ВПР» (scope: subject)');
  });

  it('turns any broken shape into problems and never throws', () => {
    const rule = (conditions: unknown) => ({ name: 'r', title: 't', conditions, event: { type: 'classification', params: { status: 'ШНОР', label: 'x' } } });
    const shapes: unknown[] = [
      undefined, null, 42, 'text', [], [1, 2], {},
      { ...cleanJson, rules: { a: 1 } },
      { ...cleanJson, rules: [null, 5, 'x', { conditions: { all: [null, 5, { not: null }, { condition: 5 }, { any: 'x' }] } }] },
      { ...cleanJson, conditions: { a: 5, b: null, c: { all: 'x' }, d: { not: [] } }, rules: [rule({ condition: 'c' })] },
      { ...cleanJson, rules: [rule({ all: [{ fact: 5, path: 7, operator: ['in'], value: { param: 5 } }, { fact: 'vpr', operator: 'in', value: [{ param: null }] }] })] },
      { ...cleanJson, rules: [rule({ all: [{ fact: 'constructor', path: '$.toString', operator: 'hasOwnProperty', value: 1 }, { fact: 'vpr', path: '$.__proto__', operator: 'not:', value: {} }] })] },
      { ...cleanJson, effective: 'always', scope: 'world', rules: [{ ...rule({ all: [] }), event: { params: { recommendations: [1, null, 'r1'] } } }] },
    ];
    for (const json of shapes) {
      const found = lintRuleSet(json, { ...context, params: { vpr: 1 }, recommendationIds: new Set(['r1']) });
      expect(found.length).toBeGreaterThan(0);
      for (const p of found) expect(p).toEqual({ code: expect.any(String), severity: expect.any(String), file: 'clean.json', pointer: expect.stringMatching(/^\//), message: expect.any(String), ...(p.rule !== undefined ? { rule: p.rule } : {}) });
    }
  });
});

describe('reading rule files', () => {
  it.each([
    ['[1, 2,]', 1, 7, 'лишняя запятая перед «]»'],
    ['{"a": 1,}', 1, 9, 'лишняя запятая перед «}»'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, 'после значения ожидается «,» или «}», а стоит «"» (не пропущена ли запятая?)'],
    ['{"a": [1, 2', 1, 12, 'файл обрывается: не закрыта квадратная скобка «[»'],
    ["{'a': 1}", 1, 2, 'имена свойств в JSON пишутся в двойных кавычках, а не в одинарных'],
    ['{"a": 0,5}', 1, 9, 'ожидается имя свойства в двойных кавычках, а стоит «5»'],
    ['', 1, 1, 'файл пуст'],
  ])('locates %j at line %i, column %i', (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonSyntaxError(text)).toMatchObject({ line, column, message });
  });

  it('finds no error in valid JSON', () => {
    expect(locateJsonSyntaxError('{"a": [1, -2.5e3, "x\\n\\u0041", true, false, null, {}], "b": {}}')).toBeUndefined();
  });

  it('reports a missing folder as a problem instead of throwing', () => {
    const { folder } = readRuleLibrary(path.join(FIXTURES, 'no-such-folder'));
    expect(folder.problems).toEqual([{ code: 'unreadable_file', severity: 'error', file: path.join(FIXTURES, 'no-such-folder'), pointer: '/', message: 'папка правил не найдена' }]);
    expect(folder.recommendationIds).toBeUndefined();
  });
});

describe('okoshko rules lint and rules test', () => {
  const lines = (text: string) => text.trim().split('\n');

  it('prints one Russian line per problem with file, rule and pointer, a total, and exits 1', () => {
    const run = okoshko(['rules', 'lint', '--rules', FIXTURES]);
    expect(run.status).toBe(1);
    const out = lines(run.stdout);
    const rel = path.relative(REPO, FIXTURES).split(path.sep).join('/');
    expect(out).toContain(`${rel}/sets/unknown-fact.json: правило «r1» /rules/0/conditions/all/1/fact: неизвестный факт «vrp» для правил единицы «ОО» (scope: school); возможно, имелось в виду «vpr»`);
    expect(out).toContain(`${rel}/sets/unused-condition.json: /conditions/spare: именованное условие «spare» не используется ни одним правилом (предупреждение)`);
    expect(out).toContain(`${rel}/sets/json-syntax.json: /: ошибка синтаксиса JSON в строке 16, позиции 9: лишняя запятая перед «]»`);
    expect(out).toHaveLength(35);
    expect(out[out.length - 1]).toBe('Проверено файлов: 24. Ошибок: 19, предупреждений: 15 (в файлах: 20).');
  });

  it('gives the same problems as JSON for programs', () => {
    const run = okoshko(['rules', 'lint', '--rules', FIXTURES, '--params', 'region', '--json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: RuleLintProblem[] };
    expect(report.totals).toMatchObject({ errors: 19, warnings: 15 });
    expect(report.problems.find((p) => p.code === 'unknown_param')).toMatchObject({ rule: 'r1', pointer: '/rules/0/conditions/all/1/value' });
  });

  it('refuses a params file that does not exist (exit 2)', () => {
    const run = okoshko(['rules', 'lint', '--rules', FIXTURES, '--params', 'moscow']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`Файл параметров «moscow» не найден в ${path.join(FIXTURES, 'params')}. Есть: region\n`);
  });

  it('finds the bundled rules clean (exit 0)', () => {
    const { folder } = readRuleLibrary();
    expect(folder.sets.length).toBeGreaterThan(0);
    expect(lintRuleFolder(folder, { catalogue, operators: OPERATOR_NAMES })).toEqual([]);
    const run = okoshko(['rules', 'lint']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Проверено файлов: \d+\. Ошибок нет\.\n$/);
  });

  it('runs the bundled rule cases, all passing', () => {
    const run = okoshko(['rules', 'test']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\nПроверено [1-9]\d* случа(й|я|ев): верно [1-9]\d*, неверно 0\.\n$/);
    expect(run.stdout).not.toContain('✖');
  });

  it('marks each case ✔ or ✖ with what differed, and exits 1 on a failure', () => {
    const run = okoshko(['rules', 'test', '--rules', RULE_TEST]);
    expect(run.status).toBe(1);
    expect(lines(run.stdout)).toEqual([
      `${path.relative(REPO, RULE_TEST).split(path.sep).join('/')}/cases/simple.json — набор «simple», параметры «region»`,
      '  ✔ Доля «2» 40 % — правило срабатывает',
      '  ✖ Доля «2» 10 % — ошибочно ожидаем срабатывание: не сработали ожидаемые правила «many_twos»',
      'Проверено 2 случая: верно 1, неверно 1.',
    ]);
  });
});
