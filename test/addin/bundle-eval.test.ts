import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ADDIN_DIST, buildAddin } from './build-addin';

/**
 * The pages run under a Content-Security-Policy without 'unsafe-eval' (test/e2e/csp.test.ts): every
 * string-to-code call left in the production bundles must be one of the known fallbacks below, none of
 * which a browser with CSP reaches. A new one (ajv's compiler coming back, say) fails here with its context.
 */
const CALL = /(?<![\w$.])(?:eval|Function)\(|Function\.bind\.apply\(Function\b|(?<![\w$.])set(?:Timeout|Interval)\(\s*["'`]/g;

const KNOWN: { why: string; code: RegExp }[] = [
  { why: 'the global object when neither globalThis, self nor window exists (lodash, core-js, exceljs)', code: /\|\|\s*Function\("return this"\)\(\)/g },
  { why: "webpack's global object, after `typeof globalThis` (every CSP browser has it)", code: /(?:typeof globalThis==="object"|"object"==typeof globalThis)\)return globalThis;try\{return this\|\|new Function\("return this"\)\(\)/g },
  { why: "exceljs's setImmediate polyfill given a string, which we never pass", code: /"function"!=typeof (\w+)&&\(\1=new Function\(""\+\1\)\)/g },
  { why: "exceljs's regenerator-runtime without globalThis", code: /"object"==typeof globalThis\?globalThis\.regeneratorRuntime=\w+:Function\("r","regeneratorRuntime = r"\)/g },
  { why: "core-js's AsyncIterator prototype, only with a global USE_FUNCTION_CONSTRUCTOR", code: /Function\("return async function\*\(\)\{\}\(\)"\)/g },
  { why: "core-js's Node built-in modules, only in Node", code: /getBuiltinModule\(\w+\)\}catch\(\w+\)\{\}try\{return Function\('return require\("'\+\w+\+'"\)'\)\(\)/g },
  { why: "jsonpath-plus's eval: 'native'; json-rules-engine keeps the default 'safe' interpreter", code: /" return "\+\w+;return\(new\(Function\.bind\.apply\(Function,/g },
];

function bundles(): string[] {
  const js = (dir: string) => readdirSync(path.join(ADDIN_DIST, dir)).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f));
  return [...js('.'), ...js('web')];
}

describe('no string-to-code calls in the bundles but known, unreachable fallbacks', () => {
  beforeAll(async () => {
    await buildAddin();
  }, 180_000);

  it('finds every eval, Function and string timer call explained', () => {
    const files = bundles();
    expect(files).toEqual(expect.arrayContaining(['shared.js', 'taskpane.js', path.join('web', 'web.js')]));
    const unexplained: string[] = [];
    let calls = 0;
    for (const file of files) {
      const code = readFileSync(path.join(ADDIN_DIST, file), 'utf8');
      const explained: [number, number][] = [];
      for (const k of KNOWN) for (const m of code.matchAll(k.code)) explained.push([m.index, m.index + m[0].length]);
      for (const m of code.matchAll(CALL)) {
        calls++;
        if (!explained.some(([from, to]) => m.index >= from && m.index < to)) unexplained.push(`${file}: …${code.slice(Math.max(0, m.index - 120), m.index + 80)}…`);
      }
    }
    expect(unexplained).toEqual([]);
    // The scan sees the fallbacks it explains, so it would see a new call too.
    expect(calls).toBeGreaterThanOrEqual(KNOWN.length);
  });

  it('carries no schema compiler: ajv stays at build time', () => {
    const shared = readFileSync(path.join(ADDIN_DIST, 'shared.js'), 'utf8');
    // ajv's messages of its own compiler, absent from the generated validators.
    expect(/schema with key or id|schema must be object or boolean/.exec(shared)?.[0]).toBeUndefined();
    // The generated validators are there.
    expect(shared).toContain('https://okoshko.local/schema/template.schema.json');
  });
});
