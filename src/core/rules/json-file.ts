/**
 * Reading a methodologist's JSON file in the core, for every host alike: a syntax error is located by
 * line and column with a Russian reason, a file nested too deep or too large is refused before any
 * recursive walk can overflow the stack.
 */

/** Where a JSON text breaks, with a Russian reason; offsets and columns count characters, 1-based lines and columns. */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  message: string;
}

class Broken extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
    // Compiled to ES5, a subclass of Error loses its prototype: instanceof below would miss it.
    Object.setPrototypeOf(this, Broken.prototype);
  }
}

/**
 * Finds the first syntax error of a text JSON.parse refused. V8 does not always say where (a trailing
 * comma in a list, a cut-off file), and methodologists need the line.
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const end = (what: string) => new Broken(text.length, `файл обрывается: не закрыт${what}`);
  const string = () => {
    const start = i++;
    for (;;) {
      if (i >= text.length) throw new Broken(start, 'строка не закрыта кавычкой');
      const ch = text[i];
      if (ch === '"') return void i++;
      if (ch === '\n' || ch === '\r') throw new Broken(start, 'строка не закрыта кавычкой до конца строки (перенос строки внутри текста пишется как \\n)');
      if (ch < ' ') throw new Broken(i, 'в строке недопустимый управляющий символ');
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Broken(i, 'неверная последовательность \\u: нужны четыре шестнадцатеричные цифры');
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) throw new Broken(i, `неверная последовательность «\\${next ?? ''}»: обратная косая черта пишется как \\\\`);
        i += 2;
        continue;
      }
      i++;
    }
  };
  const value = (depth: number): void => {
    ws();
    if (i >= text.length) throw new Broken(text.length, text.trim() === '' ? 'файл пуст' : 'файл обрывается: ожидается значение');
    const ch = text[i];
    if (depth > 500) throw new Broken(i, 'слишком глубокая вложенность');
    if (ch === '{') return object(depth);
    if (ch === '[') return array(depth);
    if (ch === '"') return string();
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (number && number[0] !== '-' && number[0] !== '') {
      i += number[0].length;
      if (/[0-9.eE]/.test(text[i] ?? '')) throw new Broken(i, 'неверная запись числа (дробная часть пишется через точку, без ведущих нулей)');
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (ch === "'") throw new Broken(i, 'строки в JSON пишутся в двойных кавычках, а не в одинарных');
    if (ch === '}' || ch === ']') throw new Broken(i, `ожидается значение, а стоит «${ch}»`);
    throw new Broken(i, `неожиданный символ «${ch}»: ожидается значение (число, "текст", true, false, null, [список] или {объект})`);
  };
  const object = (depth: number) => {
    i++;
    ws();
    if (text[i] === '}') return void i++;
    for (;;) {
      ws();
      if (i >= text.length) throw end('а фигурная скобка «{»');
      if (text[i] !== '"') {
        if (text[i] === '}') throw new Broken(i, 'лишняя запятая перед «}»');
        if (text[i] === "'") throw new Broken(i, 'имена свойств в JSON пишутся в двойных кавычках, а не в одинарных');
        throw new Broken(i, `ожидается имя свойства в двойных кавычках, а стоит «${text[i]}»`);
      }
      string();
      ws();
      if (i >= text.length) throw end('а фигурная скобка «{»');
      if (text[i] !== ':') throw new Broken(i, `после имени свойства ожидается «:», а стоит «${text[i]}»`);
      i++;
      value(depth + 1);
      ws();
      if (i >= text.length) throw end('а фигурная скобка «{»');
      if (text[i] === '}') return void i++;
      if (text[i] !== ',') throw new Broken(i, `после значения ожидается «,» или «}», а стоит «${text[i]}» (не пропущена ли запятая?)`);
      i++;
    }
  };
  const array = (depth: number) => {
    i++;
    ws();
    if (text[i] === ']') return void i++;
    for (;;) {
      ws();
      if (text[i] === ']') throw new Broken(i, 'лишняя запятая перед «]»');
      value(depth + 1);
      ws();
      if (i >= text.length) throw end('а квадратная скобка «[»');
      if (text[i] === ']') return void i++;
      if (text[i] !== ',') throw new Broken(i, `после элемента списка ожидается «,» или «]», а стоит «${text[i]}» (не пропущена ли запятая?)`);
      i++;
    }
  };
  try {
    value(0);
    ws();
    if (i < text.length) throw new Broken(i, `после конца JSON лишний текст, начиная с «${text[i]}»`);
    return undefined;
  } catch (e) {
    if (!(e instanceof Broken)) throw e;
    const before = text.slice(0, e.offset);
    const line = before.split('\n').length;
    return { offset: e.offset, line, column: e.offset - before.lastIndexOf('\n'), message: e.message };
  }
}

/** Nesting deeper than this is refused: no rule, template or catalogue needs it, and walks over it could overflow the stack. */
export const MAX_JSON_DEPTH = 64;
/** Larger rule files are refused: the largest bundled one is about 40 KB. */
export const MAX_JSON_CHARS = 8 * 1024 * 1024;

export type JsonFileProblem =
  | { code: 'json_syntax'; message: string; line?: number; column?: number }
  | { code: 'too_deep'; pointer: string; message: string }
  | { code: 'too_large'; message: string };

/** The JSON pointer of the first value nested deeper than `max`, found without recursion; undefined when none is. */
export function tooDeepAt(json: unknown, max = MAX_JSON_DEPTH): string | undefined {
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value: json, pointer: '', depth: 0 }];
  while (stack.length) {
    const { value, pointer, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= max) return pointer || '/';
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]] as const);
    for (const [k, v] of entries) stack.push({ value: v, pointer: `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth: depth + 1 });
  }
  return undefined;
}

/** Parses a rule file's text (a BOM is allowed); a problem says where and why it cannot be used. */
export function parseJsonText(text: string): { ok: true; json: unknown } | { ok: false; problem: JsonFileProblem } {
  if (text.length > MAX_JSON_CHARS) return { ok: false, problem: { code: 'too_large', message: `файл больше ${Math.round(MAX_JSON_CHARS / 1024 / 1024)} МБ: файлы правил так велики не бывают` } };
  const body = text.replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    const at = locateJsonSyntaxError(body);
    if (!at) return { ok: false, problem: { code: 'json_syntax', message: `ошибка синтаксиса JSON: ${(e as Error).message}` } };
    return { ok: false, problem: { code: 'json_syntax', message: `ошибка синтаксиса JSON в строке ${at.line}, позиции ${at.column}: ${at.message}`, line: at.line, column: at.column } };
  }
  const deep = tooDeepAt(json);
  if (deep !== undefined) return { ok: false, problem: { code: 'too_deep', pointer: deep, message: `вложенность глубже ${MAX_JSON_DEPTH} уровней: файл не читается (так глубоко правила не пишут)` } };
  return { ok: true, json };
}
