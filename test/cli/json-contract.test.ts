import Ajv from 'ajv';
import { copyFileSync, cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { okoshko, tempDir } from '../helpers/cli';
import { REGION } from '../helpers/planted';
import { REPO, SHARED } from '../helpers/templates';

/** Every command's --json output against its JSON Schema in docs/json: the shapes are a contract for programs. */
const SCHEMAS = path.join(REPO, 'docs', 'json');
const ajv = new Ajv({ allErrors: true, strict: false });
for (const f of readdirSync(SCHEMAS)) ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMAS, f), 'utf8')) as object);

function conforms(schema: string, stdout: string): Record<string, unknown> {
  const json = JSON.parse(stdout) as Record<string, unknown>;
  const validate = ajv.getSchema(`https://okoshko.local/json/${schema}.schema.json`)!;
  const ok = validate(json);
  expect({ schema, errors: ok ? [] : validate.errors!.slice(0, 5) }).toEqual({ schema, errors: [] });
  return json;
}

const YEARS = [path.join(REGION, '2024'), path.join(REGION, '2025')];
const MOSCOW = path.join(SHARED, 'data', 'real', 'moscow-ege-by-school-2015-2016.csv');

describe('--json of every command follows its schema', () => {
  it('validate: files with located issues (cells as A1 and as row and column), totals, the status of exit 1', () => {
    const run = okoshko(['validate', '--json', '--no-report', path.join(REGION, '2025'), path.join(REPO, 'test', 'fixtures', 'files', 'truncated.xlsx')]);
    const json = conforms('validate', run.stdout);
    expect(run.status).toBe(2);
    expect(json).toMatchObject({ command: 'validate', version: 2, valid: false, status: 'failed' });
    const issue = (json.files as { issues: { code: string; cell?: string; row?: number; column?: number }[] }[]).flatMap((f) => f.issues).find((i) => i.code === 'out_of_range' && i.cell === 'H378')!;
    expect(issue).toMatchObject({ row: 378, column: 8, min: 0, indicator: 'pupils_ovz' });
    expect((json.files as { status: string; issues: { code: string; reason?: string }[] }[]).find((f) => f.status === 'unreadable')!.issues[0]).toMatchObject({ code: 'file_unreadable', reason: 'file_corrupt' });
  });

  it('classify: the region and open data as the two kinds of one union, and a refusal as an error', () => {
    const region = conforms('classify', okoshko(['classify', '--json', ...YEARS]).stdout);
    expect(region.classification).toMatchObject({ kind: 'region', year: 2025, totals: { schools: 400 } });
    const table = conforms('classify', okoshko(['classify', '--json', MOSCOW]).stdout);
    expect(table.classification).toMatchObject({ kind: 'table', totals: { rows: 626 } });
    const refused = okoshko(['classify', '--json', path.join(REGION, '2025', 'conditions.xlsx')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe('');
    expect(conforms('classify', refused.stdout)).toMatchObject({ valid: false, status: 'failed', error: { code: 'nothing_to_classify' } });
  });

  it('run: the classification, the recommendations and where they were written', () => {
    const dir = tempDir();
    cpSync(REGION, path.join(dir, 'region'), { recursive: true });
    const run = okoshko(['run', '--json', '--date', '2025-09-01', '--split-by', 'municipality', path.join(dir, 'region', '2024'), path.join(dir, 'region', '2025')]);
    const json = conforms('run', run.stdout);
    expect(run.status).toBe(1);
    expect(json).toMatchObject({ status: 'problems', recommendations: { totals: { rows: 1044 } }, written: { municipalities: { files: expect.any(Array) } } });
  });

  it('indicators: every indicator of every school and ВПР work, by the path rules read it at', () => {
    const run = okoshko(['indicators', '--json', ...YEARS]);
    const json = conforms('indicators', run.stdout) as { year: number; units: { unit: string; indicators: { path: string }[]; rows: { key: Record<string, unknown>; values: Record<string, unknown> }[] }[] };
    expect(json.year).toBe(2025);
    expect(json.units.map((u) => u.unit)).toEqual(['school', 'subject']);
    const school = json.units[0].rows.find((r) => r.key.school_id === 'sch798343')!;
    expect(school.values['vpr.share_2_rank']).toBe('37 из 400');
    expect(school.values['low_results.status']).toBe('ШНОР');
    expect(json.units[0].indicators.map((i) => i.path)).toContain('gia.ege_ru_ma_worst');
    expect(json.units[1].rows.length).toBe(3835);
  });

  it('merge, rules lint and rules test', () => {
    const dir = tempDir();
    const forms = path.join(REGION, 'school-forms', 'klyukvensky');
    for (const f of readdirSync(forms)) copyFileSync(path.join(forms, f), path.join(dir, f));
    conforms('merge', okoshko(['merge', '--json', dir, '--out', path.join(dir, 'out', 'мо.xlsx')]).stdout);
    expect(conforms('rules-lint', okoshko(['rules', 'lint', '--json']).stdout)).toMatchObject({ valid: true, totals: { errors: 0 } });
    expect(conforms('rules-test', okoshko(['rules', 'test', '--json']).stdout)).toMatchObject({ valid: true, totals: { failed: 0 } });
  });
});
