import type { Issue } from '../../core/issue';
import type { HighlightTarget, Highlighting } from '../excel-host';
import type { ReportSheet } from '../../core/report/report-sheet';
import { OBJECTIVITY_LEVEL_TITLES } from '../../core/rules/classify';
import { ruleProblemText } from '../../core/rules/rule-lint';
import type { Template } from '../../core/template';
import { SEVERITY_TITLES } from '../../core/validation-report';
import { type BundleProblem, type LoadedRules, loadRuleBundle, type RuleBundle, regionRules } from './rule-bundle';
import { PANE_CSS } from './pane-style';
import { createEvaluation, type EvaluationProgress } from './evaluation';
import { type CheckedSource, ClassificationUnavailable, type RegionClassification, reportSheets, type Source, templateOf } from './workflow';

/**
 * The one user interface of Okoshko, in Russian: the Excel task pane and the web page are this pane
 * over two hosts. Plain DOM that runs in the IE11 webview of Office 2016/2019 once transpiled to ES5.
 */
export interface PaneHost {
  kind: 'excel' | 'web';
  /** Excel: the open workbook. */
  readOpen?: () => Promise<Source>;
  /** The bytes of a file the user chose or dropped. */
  readBytes: (file: File) => Promise<Uint8Array>;
  /** Excel: adds the sheets to the workbook; web: downloads a report workbook. Returns what happened, in Russian. */
  writeReport: (sheets: ReportSheet[]) => Promise<string>;
  /** Excel: shows the cell. Without it the pane shows the issue's details. */
  selectCell?: (sheet: string, cell: string) => Promise<void>;
  /** Text of a chosen file (a methodologist's template, rule set, parameters or catalogue). */
  readText: (file: File) => Promise<string>;
  /** Excel: fills the open workbook's issue cells by severity, remembering their original fills. */
  highlight?: (targets: HighlightTarget[]) => Promise<Highlighting>;
  /** Excel: gives the marked cells back their original fills. */
  unhighlight?: (marks: Highlighting) => Promise<{ restored: number; kept: number }>;
}

type BundleGroup = keyof RuleBundle;

/** Which folder of the rules a methodologist's JSON file belongs to, by its shape. */
function groupOf(json: unknown): BundleGroup | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const o = json as Record<string, unknown>;
  if (Array.isArray(o.sheets)) return 'templates';
  if (Array.isArray(o.rules)) return 'sets';
  if (Array.isArray(o.recommendations)) return 'recommendations';
  if ('params' in o && 'region' in o) return 'params';
  return undefined;
}

/** Issues shown per group; the report sheet has them all. */
const SHOWN_PER_GROUP = 200;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A FileList as an array, without Array.from (the IE11 webview has none without a polyfill). */
function fileArray(files: FileList): File[] {
  const list: File[] = [];
  for (let i = 0; i < files.length; i++) list.push(files[i]);
  return list;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.appendChild(document.createTextNode(text));
  return e;
}

/** A file input inside `box` (a label, so the whole box opens the picker) that hands over the chosen files. */
function filePicker(box: HTMLElement, id: string, accept: string, title: string, hint: string, onFiles: (files: File[]) => void): void {
  const input = el('input');
  input.type = 'file';
  input.id = id;
  input.multiple = true;
  input.accept = accept;
  input.className = 'ok-file-input';
  box.appendChild(input);
  box.appendChild(el('span', 'ok-drop-main', title));
  box.appendChild(el('span', 'ok-drop-hint', hint));
  input.addEventListener('change', () => {
    const files = input.files;
    if (!files || !files.length) return;
    const list = fileArray(files);
    input.value = '';
    onFiles(list);
  });
}


function clear(e: HTMLElement): void {
  while (e.firstChild) e.removeChild(e.firstChild);
}

function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  const word = m10 === 1 && m100 !== 11 ? one : m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? few : many;
  return `${n} ${word}`;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

export class Pane {
  private sources: Source[] = [];
  private checked: CheckedSource[] = [];
  private classification?: RegionClassification;
  private picked?: Template;
  private busy = false;
  /** What «Проверить» filled in the open workbook, until «Снять отметки». */
  private marks?: Highlighting;
  private rules: LoadedRules;
  private bundle: RuleBundle;
  private readonly bundled: RuleBundle;
  /** Runs checks and classifications off the pane's thread where it can. */
  private readonly evaluation = createEvaluation();
  /** Files a methodologist loaded in place of (or beside) the bundled ones. */
  private custom: string[] = [];
  private readonly settings = el('div', 'ok-settings');
  private readonly settingsBody = el('div', 'ok-settings-body');
  private readonly ruleProblems = el('div', 'ok-rule-problems');

  private readonly status = el('div', 'ok-status', '');
  private readonly bar = el('div', 'ok-bar-fill');
  private readonly progress = el('div', 'ok-bar');
  private readonly sourceList = el('ul', 'ok-sources');
  private readonly templateSelect = el('select', 'ok-select');
  private readonly counts = el('div', 'ok-counts');
  private readonly issues = el('div', 'ok-issues');
  private readonly classes = el('div', 'ok-classes');
  private readonly detail = el('div', 'ok-detail');
  private readonly buttons: HTMLButtonElement[] = [];

  constructor(
    private readonly root: HTMLElement,
    private readonly host: PaneHost,
    bundle: RuleBundle,
  ) {
    this.bundled = bundle;
    this.bundle = bundle;
    this.rules = loadRuleBundle(bundle);
  }

  render(): void {
    if (!document.getElementById('okoshko-style')) {
      const style = el('style');
      style.id = 'okoshko-style';
      style.appendChild(document.createTextNode(PANE_CSS));
      document.getElementsByTagName('head')[0].appendChild(style);
    }
    clear(this.root);
    const wrap = el('div', 'ok-pane');
    const head = el('div', 'ok-head');
    head.appendChild(el('h1', 'ok-title', 'Окошко'));
    head.appendChild(el('div', 'ok-sub', this.host.kind === 'excel' ? 'Проверка открытой книги и классификация школ' : 'Проверка форм без Excel. Файлы не покидают компьютер.'));
    wrap.appendChild(head);

    wrap.appendChild(this.filesSection());
    wrap.appendChild(this.templateSection());

    const actions = el('div', 'ok-actions');
    actions.appendChild(this.button('Проверить', 'ok-check', () => this.check(), true));
    actions.appendChild(this.button('Классифицировать', 'ok-classify', () => this.classify()));
    actions.appendChild(this.button(this.host.kind === 'excel' ? 'Записать рекомендации' : 'Записать рекомендации (скачать .xlsx)', 'ok-write', () => this.write()));
    if (this.host.highlight && this.host.unhighlight) actions.appendChild(this.button('Снять отметки', 'ok-unmark', () => this.unmark()));
    wrap.appendChild(actions);

    this.progress.appendChild(this.bar);
    this.progress.style.visibility = 'hidden';
    wrap.appendChild(this.progress);
    this.status.setAttribute('role', 'status');
    wrap.appendChild(this.status);
    wrap.appendChild(this.counts);
    wrap.appendChild(this.classes);
    wrap.appendChild(this.detail);
    wrap.appendChild(this.issues);
    wrap.appendChild(this.settingsSection());
    this.root.appendChild(wrap);
    this.renderRuleProblems([]);
    this.renderSources();
    this.setStatus(this.host.kind === 'excel' ? 'Нажмите «Проверить», чтобы проверить открытую книгу.' : 'Выберите или перетащите файлы .xlsx или .csv.');
  }

  private button(label: string, id: string, action: () => Promise<void>, primary = false): HTMLButtonElement {
    const b = el('button', primary ? 'ok-btn ok-primary' : 'ok-btn', label);
    b.id = id;
    b.type = 'button';
    b.addEventListener('click', () => {
      if (this.busy) return;
      void this.run(action);
    });
    this.buttons.push(b);
    return b;
  }

  private filesSection(): HTMLElement {
    const section = el('div', 'ok-section');
    const drop = el('label', 'ok-drop');
    filePicker(drop, 'ok-files', '.xlsx,.xlsm,.csv,.txt',
      this.host.kind === 'excel' ? 'Добавить файлы' : 'Выбрать файлы',
      this.host.kind === 'excel' ? 'реестр ОО, формы прошлого года — для классификации' : 'или перетащите сюда .xlsx / .csv (реестр и формы с результатами)',
      (list) => void this.run(() => this.addFiles(list)));
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.className = 'ok-drop ok-drop-over';
    });
    drop.addEventListener('dragleave', () => (drop.className = 'ok-drop'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.className = 'ok-drop';
      const files = e.dataTransfer?.files;
      if (!files || !files.length) return;
      const list = fileArray(files);
      void this.run(() => this.addFiles(list));
    });
    section.appendChild(drop);
    section.appendChild(this.sourceList);
    return section;
  }

  /** The methodologist's setting: other templates, rule sets, parameters or a catalogue from files; broken ones are listed, never fatal. */
  private settingsSection(): HTMLElement {
    const toggle = el('button', 'ok-link ok-settings-toggle', 'Настройки методиста: свои шаблоны и правила');
    toggle.type = 'button';
    toggle.id = 'ok-settings-toggle';
    this.settingsBody.style.display = 'none';
    toggle.addEventListener('click', () => {
      this.settingsBody.style.display = this.settingsBody.style.display === 'none' ? 'block' : 'none';
    });
    const label = el('label', 'ok-drop ok-drop-small');
    filePicker(label, 'ok-rule-files', '.json', 'Загрузить файлы правил (.json)',
      'шаблон, набор правил, параметры или каталог рекомендаций; файл с тем же именем заменяет встроенный',
      (list) => void this.run(() => this.loadRuleFiles(list)));
    const reset = el('button', 'ok-link', 'Вернуть встроенные правила');
    reset.type = 'button';
    reset.id = 'ok-rules-reset';
    reset.addEventListener('click', () => {
      this.custom = [];
      this.applyBundle(this.bundled, []);
      this.setStatus('Встроенные правила восстановлены.');
    });
    this.settingsBody.appendChild(label);
    this.settingsBody.appendChild(reset);
    this.settingsBody.appendChild(this.ruleProblems);
    this.settings.appendChild(toggle);
    this.settings.appendChild(this.settingsBody);
    return this.settings;
  }

  private async loadRuleFiles(files: File[]): Promise<void> {
    const next: RuleBundle = { templates: this.bundle.templates.slice(), sets: this.bundle.sets.slice(), params: this.bundle.params.slice(), recommendations: this.bundle.recommendations.slice() };
    const unreadable: BundleProblem[] = [];
    for (const file of files) {
      let json: unknown;
      try {
        json = JSON.parse((await this.host.readText(file)).replace(/^\uFEFF/, ''));
      } catch (e) {
        unreadable.push({ file: file.name, pointer: '/', message: `ошибка синтаксиса JSON: ${errorText(e)}` });
        continue;
      }
      const group = groupOf(json);
      if (!group) {
        unreadable.push({ file: file.name, pointer: '/', message: 'не шаблон, не набор правил, не параметры и не каталог рекомендаций' });
        continue;
      }
      const key = `${group}/${file.name}`;
      next[group] = next[group].filter((f) => f.file !== key).concat([{ file: key, json }]);
      if (this.custom.indexOf(key) < 0) this.custom.push(key);
    }
    this.applyBundle(next, unreadable);
    const count = files.length - unreadable.length;
    if (count && this.sources.length) await this.check();
    this.setStatus(count ? `Загружено файлов правил: ${count}.${this.sources.length ? ' Формы проверены заново.' : ''}` : 'Файлы правил не загружены: см. ошибки в настройках методиста.');
  }

  private applyBundle(bundle: RuleBundle, unreadable: BundleProblem[]): void {
    this.bundle = bundle;
    this.rules = loadRuleBundle(bundle);
    this.picked = undefined;
    this.checked = [];
    this.classification = undefined;
    while (this.templateSelect.options.length > 1) this.templateSelect.remove(1);
    for (const t of this.rules.templates) this.templateSelect.appendChild(new Option(t.title, t.id));
    this.templateSelect.value = '';
    this.renderRuleProblems(unreadable);
    this.renderSources();
    this.renderIssues();
  }

  /** Problems of the rules in use: unreadable files, broken templates, rule-set lint errors. */
  private renderRuleProblems(unreadable: BundleProblem[]): void {
    clear(this.ruleProblems);
    const problems: string[] = unreadable.concat(this.rules.problems).map((p) => `${p.file} ${p.pointer}: ${p.message}`);
    try {
      for (const p of regionRules(this.rules).errors) problems.push(ruleProblemText(p));
    } catch (e) {
      problems.push(`правила не проверены: ${errorText(e)}`);
    }
    if (this.custom.length) this.ruleProblems.appendChild(el('div', 'ok-detail-line', `Свои файлы: ${this.custom.join(', ')}`));
    if (!problems.length) return;
    const box = el('div', 'ok-warn');
    box.appendChild(el('div', 'ok-detail-where', `Файлы с ошибками пропущены (${problems.length}); остальные работают:`));
    const ul = el('ul', 'ok-problems');
    for (const p of problems.slice(0, 50)) ul.appendChild(el('li', undefined, p));
    box.appendChild(ul);
    this.ruleProblems.appendChild(box);
    if (unreadable.length || this.custom.length) this.settingsBody.style.display = 'block';
  }

  private templateSection(): HTMLElement {
    const section = el('div', 'ok-section ok-row');
    const label = el('label', 'ok-label', 'Шаблон');
    label.htmlFor = 'ok-template';
    this.templateSelect.id = 'ok-template';
    this.templateSelect.appendChild(new Option('Определить автоматически', ''));
    for (const t of this.rules.templates) this.templateSelect.appendChild(new Option(t.title, t.id));
    this.templateSelect.addEventListener('change', () => {
      const id = this.templateSelect.value;
      this.picked = id ? this.rules.templates.find((t) => t.id === id) : undefined;
      this.renderSources();
    });
    section.appendChild(label);
    section.appendChild(this.templateSelect);
    return section;
  }

  private async addFiles(files: File[]): Promise<void> {
    for (let i = 0; i < files.length; i++) {
      this.setStatus(`Чтение файла «${files[i].name}» (${i + 1} из ${files.length})…`, (i / files.length) * 100);
      await pause();
      try {
        const source: Source = { name: files[i].name, grid: await this.evaluation.read(files[i].name, await this.host.readBytes(files[i])) };
        this.sources = this.sources.filter((s) => s.open || s.name !== source.name);
        this.sources.push(source);
      } catch (e) {
        this.setStatus(`Файл «${files[i].name}» не прочитан: ${errorText(e)}`);
        this.renderSources();
        return;
      }
    }
    this.checked = [];
    this.classification = undefined;
    this.renderSources();
    await this.check();
  }

  private renderSources(): void {
    clear(this.sourceList);
    for (const s of this.sources) {
      const li = el('li', 'ok-source');
      const template = templateOf(s, this.rules.templates, s.open || this.sources.length === 1 ? this.picked : undefined);
      li.appendChild(el('span', 'ok-source-name', s.open ? 'Открытая книга' : s.name));
      li.appendChild(el('span', 'ok-source-template', template ? template.title : 'шаблон не определён'));
      if (!s.open) {
        const remove = el('button', 'ok-link', 'убрать');
        remove.type = 'button';
        remove.setAttribute('aria-label', `Убрать файл ${s.name}`);
        remove.addEventListener('click', () => {
          this.sources = this.sources.filter((x) => x !== s);
          this.checked = [];
          this.classification = undefined;
          this.renderSources();
          this.renderIssues();
        });
        li.appendChild(remove);
      }
      this.sourceList.appendChild(li);
    }
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    for (const b of this.buttons) b.disabled = true;
    try {
      await action();
    } catch (e) {
      this.setStatus(e instanceof ClassificationUnavailable ? e.message : `Не удалось: ${errorText(e)}`);
    } finally {
      this.busy = false;
      for (const b of this.buttons) b.disabled = false;
      this.progress.style.visibility = 'hidden';
    }
  }

  private setStatus(text: string, percent?: number): void {
    this.status.textContent = text;
    if (percent === undefined) return;
    this.progress.style.visibility = 'visible';
    this.bar.style.width = `${Math.max(2, Math.min(100, percent))}%`;
  }

  private async refreshOpen(): Promise<void> {
    if (!this.host.readOpen) return;
    this.setStatus('Чтение открытой книги…', 10);
    await pause();
    const open = await this.host.readOpen();
    this.sources = [open, ...this.sources.filter((s) => !s.open)];
    this.renderSources();
  }

  /** Removes the marks of the previous check, so that the next one records the user's own fills. */
  private async clearMarks(): Promise<{ restored: number; kept: number } | undefined> {
    const marks = this.marks;
    if (!marks || !this.host.unhighlight) return undefined;
    this.marks = undefined;
    return this.host.unhighlight(marks);
  }

  async unmark(): Promise<void> {
    if (!this.marks) {
      this.setStatus('Отметок нет: ячейки не выделялись или отметки уже сняты.');
      return;
    }
    this.setStatus('Снятие отметок…', 50);
    const done = await this.clearMarks();
    if (!done) return;
    this.setStatus(
      `Отметки сняты: восстановлена заливка ${plural(done.restored, 'ячейки', 'ячеек', 'ячеек')}.${done.kept ? ` Не тронуты ${plural(done.kept, 'ячейка', 'ячейки', 'ячеек')}: их заливку с тех пор изменили или лист удалён.` : ''}`,
      100,
    );
  }

  /** Marks the open workbook's issue cells; a failure to mark never fails the check. Returns a note for the status. */
  private async markIssues(): Promise<string> {
    const open = this.checked.find((c) => c.source.open);
    if (!open || !this.host.highlight) return '';
    const targets: HighlightTarget[] = [];
    for (const i of open.result.issues) if (i.sheet && i.cell) targets.push({ sheet: i.sheet, cell: i.cell, severity: i.severity });
    if (!targets.length) return '';
    try {
      this.marks = await this.host.highlight(targets);
    } catch (e) {
      return ` Ячейки не отмечены: ${errorText(e)}`;
    }
    const n = this.marks.cells.length;
    if (!n) return '';
    const more = this.marks.skipped ? ` Отмечены первые ${n} из ${n + this.marks.skipped}: остальные — на листе «Проверка» отчёта.` : '';
    return ` Отмечено ${plural(n, 'ячейка', 'ячейки', 'ячеек')} (ошибки — красным, предупреждения — жёлтым); «Снять отметки» вернёт прежнюю заливку.${more}`;
  }

  async check(): Promise<void> {
    if (this.marks) {
      this.setStatus('Снятие прежних отметок…', 5);
      await this.clearMarks();
    }
    await this.refreshOpen();
    if (this.sources.length === 0) {
      this.setStatus('Нет файлов для проверки: выберите .xlsx или .csv.');
      return;
    }
    this.setStatus('Проверка…', 40);
    this.checked = await this.evaluation.check(this.sources, { bundle: this.bundle, loaded: this.rules }, this.picked, { onProgress: (p) => this.checkProgress(p) });
    this.classification = undefined;
    this.renderIssues();
    const errors = this.checked.reduce((n, c) => n + c.report.counts.errors, 0);
    const hint = this.host.selectCell ? 'Нажмите на замечание, чтобы перейти к ячейке.' : 'Нажмите на замечание, чтобы увидеть подробности.';
    const marked = await this.markIssues();
    this.setStatus((errors ? `Проверка окончена: есть ошибки. ${hint}` : 'Проверка окончена: ошибок нет.') + marked, 100);
  }

  private checkProgress(p: EvaluationProgress): void {
    if (p.total > 1) this.setStatus(`Проверка: «${p.name}» (${p.done + 1} из ${p.total})…`, 40 + (20 * p.done) / p.total);
  }

  async classify(): Promise<void> {
    if (this.checked.length === 0) await this.check();
    if (this.checked.length === 0) return;
    this.setStatus('Классификация школ…', 60);
    this.classification = await this.evaluation.classify(this.checked, { bundle: this.bundle, loaded: this.rules });
    this.renderClassification();
    const c = this.classification;
    this.setStatus(c.table ? `Классифицировано строк таблицы «${c.table.title}»: ${c.table.rows}.` : `Классифицировано школ: ${c.classifications.length} (год ${c.year}).`, 100);
  }

  async write(): Promise<void> {
    if (this.checked.length === 0) await this.check();
    if (this.checked.length === 0) return;
    // Recommendations need the classification: classify first when it has not been done.
    let note = '';
    if (!this.classification) {
      try {
        await this.classify();
      } catch (e) {
        if (!(e instanceof ClassificationUnavailable)) throw e;
        note = ` Рекомендации не составлены: ${e.message}`;
      }
    }
    this.setStatus(this.host.kind === 'excel' ? 'Запись листов отчёта…' : 'Подготовка отчёта…', 80);
    await pause();
    const message = await this.host.writeReport(reportSheets(this.checked, this.classification));
    const recommendations = this.classification?.recommendations;
    if (recommendations) note = ` Адресных рекомендаций: ${recommendations.length}.${note}`;
    this.setStatus(message + note, 100);
  }

  private renderIssues(): void {
    clear(this.counts);
    clear(this.issues);
    clear(this.classes);
    clear(this.detail);
    if (this.checked.length === 0) return;
    const errors = this.checked.reduce((n, c) => n + c.report.counts.errors, 0);
    const warnings = this.checked.reduce((n, c) => n + c.report.counts.warnings, 0);
    const rows = this.checked.reduce((n, c) => n + c.report.records, 0);
    this.counts.appendChild(this.count(errors, 'ошибка', 'ошибки', 'ошибок', 'ok-count-error'));
    this.counts.appendChild(this.count(warnings, 'предупреждение', 'предупреждения', 'предупреждений', 'ok-count-warning'));
    this.counts.appendChild(this.count(rows, 'строка', 'строки', 'строк', 'ok-count-rows'));

    for (const c of this.checked) {
      const box = el('div', 'ok-file');
      if (this.checked.length > 1 || !c.source.open) box.appendChild(el('h2', 'ok-file-name', c.source.open ? 'Открытая книга' : c.source.name));
      if (c.result.issues.length === 0) box.appendChild(el('div', 'ok-clean', 'Замечаний нет'));
      const bySheet: { sheet: string; issues: Issue[] }[] = [];
      for (const issue of c.result.issues) {
        const sheet = issue.sheet ?? 'Книга';
        let group = bySheet.find((g) => g.sheet === sheet);
        if (!group) bySheet.push((group = { sheet, issues: [] }));
        group.issues.push(issue);
      }
      for (const group of bySheet) {
        const e = group.issues.filter((i) => i.severity === 'error');
        const w = group.issues.filter((i) => i.severity === 'warning');
        const head = el('h3', 'ok-sheet', `Лист «${group.sheet}»`);
        head.appendChild(el('span', 'ok-sheet-counts', [e.length && plural(e.length, 'ошибка', 'ошибки', 'ошибок'), w.length && plural(w.length, 'предупреждение', 'предупреждения', 'предупреждений')].filter(Boolean).join(', ')));
        box.appendChild(head);
        for (const [severity, list] of [['error', e], ['warning', w]] as const) {
          if (!list.length) continue;
          const ul = el('ul', `ok-list ok-list-${severity}`);
          ul.setAttribute('aria-label', severity === 'error' ? 'Ошибки' : 'Предупреждения');
          for (const issue of list.slice(0, SHOWN_PER_GROUP)) ul.appendChild(this.issueItem(c.source, issue));
          box.appendChild(ul);
          if (list.length > SHOWN_PER_GROUP) box.appendChild(el('div', 'ok-more', `Показаны первые ${SHOWN_PER_GROUP} из ${list.length}; все — на листе «Проверка» отчёта.`));
        }
      }
      this.issues.appendChild(box);
    }
  }

  private count(n: number, one: string, few: string, many: string, cls: string): HTMLElement {
    return el('span', `ok-count ${cls}`, plural(n, one, few, many));
  }

  private issueItem(source: Source, issue: Issue): HTMLElement {
    const li = el('li', `ok-issue ok-${issue.severity}`);
    const b = el('button', 'ok-issue-btn');
    b.type = 'button';
    b.title = SEVERITY_TITLES[issue.severity];
    b.appendChild(el('span', 'ok-cell', issue.cell ?? '—'));
    b.appendChild(el('span', 'ok-msg', issue.message));
    b.addEventListener('click', () => {
      const items = this.issues.getElementsByTagName('li');
      for (let i = 0; i < items.length; i++) items[i].className = items[i].className.replace(/ ok-current/g, '');
      li.className += ' ok-current';
      void this.showIssue(source, issue);
    });
    li.appendChild(b);
    return li;
  }

  private async showIssue(source: Source, issue: Issue): Promise<void> {
    clear(this.detail);
    const where = `${source.open ? 'Открытая книга' : source.name}${issue.sheet ? `, лист «${issue.sheet}»` : ''}${issue.cell ? `, ячейка ${issue.cell}` : ''}`;
    this.detail.appendChild(el('div', 'ok-detail-where', where));
    if (issue.value !== undefined && issue.value !== null) this.detail.appendChild(el('div', 'ok-detail-line', `Значение: ${String(issue.value)}`));
    if (issue.expected) this.detail.appendChild(el('div', 'ok-detail-line', `Ожидается: ${issue.expected}`));
    if (source.open && this.host.selectCell && issue.sheet && issue.cell) {
      try {
        await this.host.selectCell(issue.sheet, issue.cell);
      } catch (e) {
        this.setStatus(`Не удалось выделить ячейку: ${errorText(e)}`);
      }
    }
  }

  private renderClassification(): void {
    clear(this.classes);
    const c = this.classification;
    if (!c) return;
    const list = c.classifications;
    const n = (f: (x: (typeof list)[number]) => boolean) => list.filter(f).length;
    this.classes.appendChild(el('h2', 'ok-file-name', c.table ? `Классификация: ${c.table.title}` : `Классификация, ${c.year} год`));
    const table = el('table', 'ok-table');
    const rows: [string, number][] = c.table
      ? [['Строк', c.table.rows], ['С выводом', c.table.flagged], ...c.table.labels.map((l): [string, number] => [l.label, l.rows])]
      : [
          ['Школ', list.length],
          ['ШНОР', n((x) => x.lowResults.shnor)],
          ['ШНСУ', n((x) => x.lowResults.shnsu)],
          [`Объективность: ${OBJECTIVITY_LEVEL_TITLES.signs}`, n((x) => x.objectivity.level === 'signs')],
          [`Объективность: ${OBJECTIVITY_LEVEL_TITLES.attention}`, n((x) => x.objectivity.level === 'attention')],
          ['С высокими рисковыми факторами', n((x) => x.riskFactors.profile.length > 0)],
        ];
    if (c.recommendations) rows.push(['Адресных рекомендаций', c.recommendations.length]);
    for (const [what, value] of rows) {
      const tr = el('tr');
      tr.appendChild(el('td', undefined, what));
      tr.appendChild(el('td', 'ok-num', String(value)));
      table.appendChild(tr);
    }
    this.classes.appendChild(table);
    if (c.ruleProblems.length) this.classes.appendChild(el('div', 'ok-warn', `Правила с ошибками пропущены: ${c.ruleProblems.join('; ')}`));
  }
}
