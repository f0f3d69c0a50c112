import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRuleBundle, withChosenFiles } from '../../src/pane/rule-bundle';
import { RULES } from '../helpers/pipeline';
import { ruleBundleFromDisk } from '../support/addin-workload';

describe('the pane’s target passports', () => {
  const bundle = ruleBundleFromDisk();

  it('carries the bundled passport', () => {
    expect(loadRuleBundle(bundle).targets.map((p) => p.id)).toEqual(['quality-project']);
  });

  it('takes a methodologist’s passport of the same name in place of the bundled one', () => {
    const own = JSON.parse(readFileSync(path.join(RULES, 'targets', 'sample-region.json'), 'utf8')) as { targets: unknown[] };
    own.targets = [{ id: '9.1', indicator: 'vpr.quality_share', level: 'school', school: 'sch729317', direction: 'at_least', plan: { '2025': 40 } }];
    const chosen = withChosenFiles(bundle, [{ name: 'sample-region.json', text: JSON.stringify(own) }]);
    expect(chosen.taken).toEqual(['targets/sample-region.json']);
    const library = loadRuleBundle(chosen.bundle);
    expect(library.problems).toEqual([]);
    expect(library.targets[0].targets.map((t) => [t.id, t.level, t.school])).toEqual([['9.1', 'school', 'sch729317']]);
  });
});
