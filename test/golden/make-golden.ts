import { writeFileSync } from 'node:fs';
import { GOLDEN_FILE, sampleRegionGolden } from './golden';

/** Writes test/golden/sample-region.json; run only before a change that must not alter results: npx tsx test/golden/make-golden.ts */
void sampleRegionGolden().then((g) => {
  const lines = ['{', `"sheets": ${JSON.stringify(g.sheets)},`, `"issues": ${JSON.stringify(g.issues, null, 1)},`, '"schools": [', g.schools.map((s) => JSON.stringify(s)).join(',\n'), '],', '"recommendations": [', g.recommendations.map((r) => JSON.stringify(r)).join(',\n'), '],', '"targets": [', g.targets.map((t) => JSON.stringify(t)).join(',\n'), '],', '"changes": [', g.changes.map((t) => JSON.stringify(t)).join(',\n'), '],', '"execution": [', g.execution.map((t) => JSON.stringify(t)).join(',\n'), ']', '}'];
  writeFileSync(GOLDEN_FILE, lines.join('\n') + '\n');
});
