import type { ParamsFile } from './rule-set';

export interface MissingParam {
  /** JSON pointer of the reference in the rule-set file. */
  pointer: string;
  param: string;
}

const isRef = (v: unknown): v is { param: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { param?: unknown }).param === 'string';

/** The value at a dotted path of the parameters, or undefined. */
export function paramValue(params: ParamsFile['params'], dotted: string): unknown {
  let node: unknown = params;
  for (const part of dotted.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Replaces every {"param": "a.b"} in a rule-set file by the region's value, so json-rules-engine sees
 * plain numbers and no threshold lives in a rule. References that name nothing are listed.
 */
export function resolveParams<T>(json: T, params: ParamsFile['params']): { value: T; missing: MissingParam[] } {
  const missing: MissingParam[] = [];
  const walk = (node: unknown, pointer: string): unknown => {
    if (isRef(node)) {
      const v = paramValue(params, node.param);
      if (v === undefined) missing.push({ pointer, param: node.param });
      return v;
    }
    if (Array.isArray(node)) return node.map((x, i) => walk(x, `${pointer}/${i}`));
    if (typeof node === 'object' && node !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      return out;
    }
    return node;
  };
  return { value: walk(json, '') as T, missing };
}
