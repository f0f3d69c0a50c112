import path from 'node:path';
import { readRuleLibrary } from '../../src/files/rule-library';
import { okoshko } from '../helpers/cli';

const BROKEN = path.join(__dirname, '..', 'fixtures', 'rules-broken');

describe('loading a rules folder with broken templates', () => {
  const { templates, problems } = readRuleLibrary(BROKEN);
  const about = (file: string) => problems.filter((p) => path.basename(p.file) === file).map((p) => `${p.pointer}: ${p.message}`);

  it('loads the good template and leaves out each broken one', () => {
    expect(templates.map((t) => t.id)).toEqual(['register']);
  });

  it('locates a JSON syntax error by line', () => {
    expect(about('truncated.json')).toEqual([expect.stringMatching(/^\/: ошибка синтаксиса JSON в строке \d+, позиции \d+: /)]);
  });

  it('reports schema violations in Russian with JSON pointers', () => {
    const found = about('shape.json');
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\/id: должно соответствовать образцу/),
      expect.stringMatching(/^\/version: должно соответствовать образцу/),
      expect.stringMatching(/^\/sheets\/0: лишнее свойство «extra»/),
      expect.stringMatching(/^\/sheets\/0\/columns\/0\/type: должно быть равно одному из разрешенных значений: integer/),
      expect.stringMatching(/^\/sheets\/0\/columns\/1: должно иметь обязательное поле values/),
    ]));
  });

  it('reports what a schema cannot see: references, limits, duplicate codes, expressions', () => {
    expect(about('semantic.json')).toEqual([
      '/sheets/0/columns/1/min: нижний предел 10 больше верхнего 1',
      '/sheets/0/columns/2/code: показатель «a» уже описан на этом листе',
      '/sheets/0/key/1: ключ ссылается на неизвестный показатель «year»',
      expect.stringMatching(/^\/sheets\/0\/derived\/0\/expr: ошибка в выражении «100 \* a \/ »: синтаксическая ошибка/),
      '/sheets/0/checks/0/expr: выражение ссылается на неизвестный показатель «b»',
      '/sheets/0/checks/1/expr: ошибка в выражении «a.constructor»: недопустимая конструкция: можно только имя показателя или группа.показатель',
    ]);
  });

  it('lets the command line go on with the templates that loaded, naming the broken files on stderr', () => {
    const run = okoshko(['template', '--rules', BROKEN]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^register\s+1\.0\s+Реестр/);
    expect(run.stderr).toMatch(/Файл правил пропущен: .*semantic\.json \/sheets\/0\/key\/1: ключ ссылается на неизвестный показатель «year»/);
  });
});
