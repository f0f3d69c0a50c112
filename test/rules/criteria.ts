import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../helpers/templates';

/** One published criterion of DOMAIN.md §4 and the rules that express it (rules/criteria.json). */
export interface Criterion {
  id: string;
  section: string;
  title: string;
  source: string;
  /** `set/rule` */
  rules: string[];
  /** A system's outcome that expresses it instead of a rule: `system.outcome`. */
  outcome?: string;
  status: 'as_published' | 'reading' | 'differs' | 'missing';
  reading?: string;
  differs?: string;
  missing?: string;
}

export const CRITERIA_FILE = path.join(REPO, 'rules', 'criteria.json');
export const CRITERIA_DOC = path.join(REPO, 'docs', 'criteria.md');

export function readCriteria(): Criterion[] {
  return (JSON.parse(readFileSync(CRITERIA_FILE, 'utf8')) as { criteria: Criterion[] }).criteria;
}

const STATUS: Record<Criterion['status'], string> = {
  as_published: 'как в источнике',
  reading: 'как в источнике, с прочтением',
  differs: 'отличается от источника',
  missing: 'нет правила',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The criteria table of docs/criteria.md. */
export function criteriaDocument(criteria: readonly Criterion[]): string {
  const count = (s: Criterion['status']) => criteria.filter((c) => c.status === s).length;
  const lines = [
    '# Опубликованные критерии и правила Окошка',
    '',
    'Файл построен из `rules/criteria.json` командой `npx tsx test/rules/make-criteria-doc.ts`; тест',
    '`test/rules/criteria.test.ts` проверяет, что он не устарел, что каждое названное правило есть в',
    'наборе и что у каждого его порога есть случай в `rules/cases` ровно на пороге.',
    '',
    `Критериев — ${criteria.length}: как в источнике — ${count('as_published')}, как в источнике с прочтением — ${count('reading')}, ` +
      `отличаются от источника — ${count('differs')}, без правила — ${count('missing')}.`,
    '',
    '| § | Критерий | Источник | Правила | Состояние | Прочтение; чем отличается |',
    '|---|---|---|---|---|---|',
  ];
  for (const c of criteria) {
    const rules = c.rules.length ? c.rules.map((r) => `\`${r}\``).join(', ') : c.outcome ? `итог \`${c.outcome}\`` : '—';
    const notes = [c.reading, c.differs && `Отличие: ${c.differs}`, c.missing && `Нет правила: ${c.missing}`].filter(Boolean).join(' ');
    lines.push(`| ${c.section} | ${cell(c.title)} | ${cell(c.source)} | ${rules} | ${STATUS[c.status]} | ${cell(notes)} |`);
  }
  return `${lines.join('\n')}\n`;
}
