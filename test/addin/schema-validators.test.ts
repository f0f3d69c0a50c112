import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import webpack, { type Configuration, type Stats } from 'webpack';
import { checkAgainstSchema, type SchemaValidator } from '../../src/core/schema/schema-check';
import type { SchemaName } from '../../src/core/schema/schema-list';
import { schemaValidators } from '../../src/core/schema/schema-validators';
import { REPO } from '../helpers/templates';

/**
 * The browser bundles carry validators generated at build time (src/addin/build/schema-validators-loader.js),
 * Node compiles them at run time: built here through the add-in's own webpack rules, both must give the
 * same ErrorObjects and the same Russian problems on every rule file and broken fixture we have.
 */
type Validators = Record<SchemaName, SchemaValidator>;

async function buildPrecompiled(out: string): Promise<{ validators: Validators; code: string; modules: string[] }> {
  const configs = (await import(path.join(REPO, 'webpack.config.js'))).default as (env: object, argv: object) => Promise<Configuration[]>;
  const [addin] = await configs({ only: 'addin' }, { mode: 'production' });
  const config: Configuration = {
    mode: 'none',
    context: REPO,
    target: ['web', 'es5'],
    entry: path.join(REPO, 'src', 'core', 'schema', 'schema-validators.ts'),
    output: { path: out, filename: 'schema-validators.js', library: { type: 'commonjs2' } },
    resolve: addin.resolve,
    module: addin.module,
    devtool: false,
  };
  const stats = await new Promise<Stats>((resolve, reject) => webpack(config, (e, s) => (e || !s ? reject(e) : resolve(s))));
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
  const file = path.join(out, 'schema-validators.js');
  const modules = (stats.toJson({ modules: true }).modules ?? []).map((m) => m.name ?? '');
  return { validators: (await import(file)).schemaValidators as Validators, code: readFileSync(file, 'utf8'), modules };
}

/** Every JSON file we can lay hands on: the shipped rules and the broken fixtures of the consumers' tests. */
function samples(): { file: string; value: unknown }[] {
  const dirs = ['rules/templates', 'rules/sets', 'rules/params', 'rules/cases', 'rules/recommendations', 'test/fixtures/rules-broken/templates', 'test/fixtures/rule-lint', 'test/fixtures/rule-test', 'test/fixtures/recommend', 'test/fixtures/rules'];
  const out: { file: string; value: unknown }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.json')) {
        try {
          out.push({ file: rel, value: JSON.parse(readFileSync(path.join(REPO, rel), 'utf8')) });
        } catch {
          // Fixtures of JSON syntax errors never reach a validator.
        }
      }
    }
  };
  dirs.forEach(walk);
  // Not objects at all.
  for (const value of [null, 42, 'шаблон', [], [{}], {}]) out.push({ file: `literal ${JSON.stringify(value)}`, value });
  return out;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A shipped file broken one place at a time: each node emptied, pushed out of range, retyped, doubled, dropped or given an extra key. */
function* mutations(value: Json, at = ''): Generator<{ at: string; value: Json }> {
  const variants: Json[] = [null];
  if (value === null) variants.push('x');
  else if (typeof value === 'string') variants.push('', 'Я'.repeat(1000), 7);
  else if (typeof value === 'number') variants.push(-1e9, 1e9, 0.5, 'x');
  else if (typeof value === 'boolean') variants.push('да');
  else if (Array.isArray(value)) variants.push([], value.concat(value.slice(0, 1)), value.map(() => 1), {});
  else if (value) variants.push({ ...value, 'лишнее': 1 }, [], ...Object.keys(value).map((k) => Object.fromEntries(Object.entries(value).filter(([key]) => key !== k))));
  for (const v of variants) yield { at, value: v };
  const children: [string, Json][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : value && typeof value === 'object' ? Object.entries(value) : [];
  for (const [key, child] of children)
    for (const m of mutations(child, `${at}/${key}`)) {
      const copy = (Array.isArray(value) ? value.slice() : { ...(value as object) }) as Record<string, Json>;
      copy[key] = m.value;
      yield { at: m.at, value: copy as Json };
    }
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('schema validators generated at build time', () => {
  let out: string;
  let built: Awaited<ReturnType<typeof buildPrecompiled>>;

  beforeAll(async () => {
    out = mkdtempSync(path.join(REPO, 'dist', 'schema-validators-'));
    built = await buildPrecompiled(out);
  }, 120_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('have the shape of the Node module and carry no compiler', () => {
    expect(Object.keys(built.validators).sort()).toEqual(Object.keys(schemaValidators).sort());
    for (const name of Object.keys(schemaValidators) as SchemaName[]) expect(typeof built.validators[name]).toBe('function');
    expect(built.code).not.toMatch(/(?<![\w$.])(eval|Function)\(/);
    // Only ajv's small run-time helpers come along, never ajv itself.
    const dependencies = built.modules.filter((m) => m.includes('node_modules'));
    expect(dependencies.length).toBeGreaterThan(0);
    for (const m of dependencies) expect(m).toMatch(/node_modules[\\/](ajv[\\/]dist[\\/]runtime[\\/]|fast-deep-equal[\\/])/);
  });

  it('give the same errors as the validators compiled at run time, file by file and schema by schema', () => {
    const all = samples();
    expect(all.length).toBeGreaterThan(60);
    let failing = 0;
    const keywords = new Set<string>();
    for (const { file, value } of all) {
      for (const name of Object.keys(schemaValidators) as SchemaName[]) {
        const runtime = schemaValidators[name];
        const generated = built.validators[name];
        const ok = runtime(value);
        const runtimeErrors = clone(runtime.errors ?? null);
        expect({ file, name, ok: generated(value), errors: clone(generated.errors ?? null) }).toEqual({ file, name, ok, errors: runtimeErrors });
        expect({ file, name, problems: checkAgainstSchema(generated, value) }).toEqual({ file, name, problems: checkAgainstSchema(runtime, value) });
        if (!ok) failing++;
        for (const e of runtimeErrors ?? []) keywords.add(e.keyword);
      }
    }
    expect(failing).toBeGreaterThan(100);
    expect([...keywords]).toEqual(expect.arrayContaining(['required', 'additionalProperties', 'type', 'enum', 'pattern']));
  });

  it('give the same errors on every shipped rule file broken one place at a time', () => {
    const keywords = new Set<string>();
    let compared = 0;
    for (const dir of ['templates', 'sets', 'params', 'cases', 'recommendations']) {
      for (const name of readdirSync(path.join(REPO, 'rules', dir)).filter((f) => f.endsWith('.json'))) {
        const file = `rules/${dir}/${name}`;
        const original = JSON.parse(readFileSync(path.join(REPO, file), 'utf8')) as Json;
        const schema = (Object.keys(schemaValidators) as SchemaName[]).find((n) => schemaValidators[n](original));
        if (!schema) throw new Error(`${file} fits no schema`);
        for (const { at, value } of mutations(original)) {
          const runtime = schemaValidators[schema];
          const ok = runtime(value);
          const errors = clone(runtime.errors ?? null);
          const generated = built.validators[schema];
          const same = generated(value) === ok && JSON.stringify(clone(generated.errors ?? null)) === JSON.stringify(errors);
          if (!same) expect({ file, at, ok: generated(value), errors: clone(generated.errors ?? null) }).toEqual({ file, at, ok, errors });
          for (const e of errors ?? []) keywords.add(e.keyword);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    // Every kind of error our schemas can give has been compared.
    expect([...keywords]).toEqual(expect.arrayContaining(['additionalProperties', 'anyOf', 'const', 'enum', 'if', 'maxLength', 'maxProperties', 'maximum', 'minItems', 'minLength', 'minProperties', 'minimum', 'pattern', 'propertyNames', 'required', 'type', 'uniqueItems']));
  });

  it('are the ones the consumers’ broken fixtures fail on, in Russian', () => {
    const shape = JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/rules-broken/templates/shape.json'), 'utf8'));
    const problems = checkAgainstSchema(built.validators.template, shape);
    expect(problems).toContainEqual(expect.objectContaining({ pointer: '/sheets/0', message: 'лишнее свойство «extra»' }));
    expect(problems.map((p) => p.message).join('\n')).toMatch(/должно/);
    const set = JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/rule-lint/sets/schema.json'), 'utf8'));
    expect(checkAgainstSchema(built.validators.ruleSet, set)).toContainEqual(expect.objectContaining({ pointer: '/rules/1/conditions/all/1', message: 'лишнее свойство «threshold»' }));
  });
});
