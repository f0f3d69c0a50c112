import { fillTemplate, placeholdersOf, type TemplateValues } from '../../src/core/recommend/fill-template';
import { fixture } from './fixtures';

const { values, cases } = fixture<{ values: TemplateValues; cases: { name: string; template: string; text: string; unfilled: string[] }[] }>('template-cases.json');

describe('filling recommendation templates', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(fillTemplate(c.template, values)).toEqual({ text: c.text, unfilled: c.unfilled });
  });

  it('lists the placeholders of a template in order, each once', () => {
    expect(placeholdersOf('{school.name}: {work.subject}, {school.name} {пусто} {1+1}')).toEqual(['school.name', 'work.subject']);
  });

  it('never changes the values it reads', () => {
    const before = JSON.stringify(values);
    fillTemplate('{school.name} {constructor} {school.__proto__}', values);
    expect(JSON.stringify(values)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
