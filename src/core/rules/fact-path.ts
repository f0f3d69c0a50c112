import { JSONPath } from 'jsonpath-plus';
import { hasFact } from '../indicators/fact-view';
import type { PathReader } from './compiled-rules';

const SIMPLE_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/**
 * Rules read facts by simple paths ($.a.b): walking them directly is many times faster than a
 * general JSONPath evaluator, which stays the fallback for anything else.
 */
export function compilePath(path: string): PathReader {
  if (!SIMPLE_PATH.test(path)) return (value) => JSONPath({ path, json: value, wrap: false }) as unknown;
  const keys = path.slice(2).split('.');
  return (value) => {
    let node: unknown = value;
    for (const key of keys) {
      if (node === null || typeof node !== 'object' || !hasFact(node, key)) return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  };
}

const paths = new Map<string, PathReader>();
/** The engine's path resolver, over the same readers. */
export function resolvePath(value: object, path: string): unknown {
  let read = paths.get(path);
  if (!read) paths.set(path, (read = compilePath(path)));
  return read(value);
}
