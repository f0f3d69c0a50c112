/** The pure core: everything from a grid to a report model, for the CLI, the add-in and the web page alike. */
export * from './address';
export * from './expression';
export * from './grid';
export * from './issue';
export * from './issue-message';
export * from './label';
export * from './merge';
export * from './schema-check';
export * from './sheet-binding';
export * from './template';
export * from './template-detect';
export * from './template-load';
export * from './validate';
export * from './validation-report';
export * from './value';
