/** The whole flow as core functions, the one sequence every host calls (docs/architecture.md). */
export * from './check';
export * from './classify';
export * from './coverage';
export * from './errors';
export * from './outcome';
export * from './recommend';
export * from './region-data';
export * from './report';
export * from './run';
export * from './source';
export * from './status';
export * from './summary';
export * from './years';
