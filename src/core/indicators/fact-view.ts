/**
 * Facts as rules see them: objects whose properties are getters on a prototype shared by every unit,
 * so that a region of thousands of schools costs an object of no properties per fact and group, and
 * nothing is computed until a rule reads it. `toJSON` gives the plain values (okoshko indicators).
 */
export class FactView {}

/**
 * Where a view keeps its state: an own property (a WeakMap of millions of views made the collector
 * slow, and defining it non-enumerable is slow to make). JSON goes through toJSON; rules never name it.
 */
const STATE = '__okoshkoState';
const stateOf = (view: FactView) => (view as Record<string, unknown>)[STATE];

export type ViewReaders<S> = ReadonlyMap<string, (state: S) => unknown>;

/** A prototype whose getters read each name from the view's state. */
export function viewPrototype<S>(readers: ViewReaders<S>): FactView {
  const proto = Object.create(FactView.prototype) as FactView;
  readers.forEach((read, name) =>
    Object.defineProperty(proto, name, {
      enumerable: true,
      get(this: FactView) {
        return read(stateOf(this) as S);
      },
    }),
  );
  Object.defineProperty(proto, 'toJSON', {
    value(this: FactView) {
      const plain: Record<string, unknown> = {};
      readers.forEach((read, name) => (plain[name] = read(stateOf(this) as S)));
      return plain;
    },
  });
  return proto;
}

export function makeView<S>(proto: FactView, state: S): FactView {
  const view = Object.create(proto) as Record<string, unknown>;
  view[STATE] = state;
  return view as FactView;
}

/** Whether an object holds `key`: its own property, or a fact a view's prototype reads. */
export function hasFact(node: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(node, key) || (node instanceof FactView && key in node);
}
