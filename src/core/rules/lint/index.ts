/**
 * The linter of the methodologist's rule files: rule sets, the region's parameters and rule cases.
 * Pure: it gets parsed JSON (or whatever a broken file parsed to) and never throws; every problem
 * names the file, the rule and the JSON pointer, in Russian.
 */
export * from './cases';
export * from './folder';
export * from './params';
export * from './problem';
export * from './rule-set';
export * from './library';
