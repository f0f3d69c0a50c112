import type { RuleLibrary } from '../library';
import { OPERATOR_NAMES } from '../operators';
import { lintRuleFolder } from './folder';
import { lintIndicators } from './indicators';
import { lintSystems } from './systems';
import type { RuleLintProblem } from './problem';

/** Every problem of a rules folder: its templates, units, indicators, systems and catalogue, then the sets, parameters and cases; by file. */
export function lintLibrary(library: RuleLibrary, paramsId?: string): RuleLintProblem[] {
  const problems = [
    ...library.problems,
    ...lintRuleFolder(library.folder, { catalogue: library.facts, operators: OPERATOR_NAMES, paramsId, systems: library.systems }),
    // A folder without indicators of its own reads the built-in ones: what they hold is not its leftover.
    ...lintIndicators(library.indicators, library.facts, library.folder.sets, library.folder.params, library.targets, library.muko).filter((p) => p.code !== 'unused_indicator' || library.dir === undefined || p.file.startsWith(library.dir)),
    ...lintSystems(library.folder.sets, library.systems, library.indicators, library.catalogue && library.catalogueFile ? { catalogue: library.catalogue, file: library.catalogueFile } : undefined),
  ];
  const order = [...new Set(problems.map((p) => p.file))].sort();
  return order.flatMap((file) => problems.filter((p) => p.file === file));
}
