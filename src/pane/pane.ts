import type { Issue } from '../core/validate/issue';
import { coverageLines, coverageNotes } from '../core/messages/coverage';
import { targetsLine } from '../core/messages/targets';
import { appendicesLine, executionLine, listChangesLine } from '../core/messages/cycle';
import { plural, pluralWord } from '../core/messages/numbers';
import { isPipelineError } from '../core/pipeline/errors';
import type { SourceOutcome } from '../core/pipeline/outcome';
import { rowYears } from '../core/pipeline/years';
import type { ReportSheet } from '../core/report/report-sheet';
import type { RuleLibrary } from '../core/rules/library';
import { lintLibrary, ruleProblemText, type RuleLintProblem } from '../core/rules/lint';
import type { Grid } from '../core/grid/grid';
import type { Template } from '../core/template/template';
import { SEVERITY_TITLES } from '../core/validate/validation-report';
import { createEvaluation, type EvaluationProgress } from './evaluation';
import type { PaneClassification } from './evaluation-protocol';
import { PANE_CSS } from './pane-style';
import { type PaneSource, shownNames, sourceKey } from './pane-sources';
import { loadRuleBundle, type RuleBundle, withChosenFiles } from './rule-bundle';
import { checkOnlySheets } from './workflow';

/** A cell «Проверить» fills in the open workbook, by severity. */
export interface HighlightTarget {
  sheet: string;
  /** A1 address of one cell. */
  cell: string;
  severity: 'error' | 'warning';
}

/** What highlighting changed: each cell's fill before, null when it had none. «Снять отметки» restores it. */
export interface Highlighting {
  cells: { sheet: string; cell: string; original: string | null; color: string }[];
  /** Issue cells left unmarked beyond the limit (or on sheets that are gone). */
  skipped: number;
  syncs: number;
}

/** A file the user chose or dropped, with the folder it came from when the browser says so. */
export interface ChosenFile {
  file: File;
  folder?: string;
}

/**
 * The one user interface of Okoshko, in Russian: the Excel task pane and the web page are this pane
 * over two hosts. Plain DOM that runs in the IE11 webview of Office 2016/2019 once transpiled to ES5.
 */
export interface PaneHost {
  kind: 'excel' | 'web';
  /** Excel: the open workbook. */
  readOpen?: () => Promise<Grid>;
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
function filePicker(box: HTMLElement, id: string, accept: string, title: string, hint: string, onFiles: (files: ChosenFile[]) => void): void {
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
    const list = fileArray(files).map(chosen);
    input.value = '';
    onFiles(list);
  });
}

/** A file with its folder when it was chosen as part of one (webkitRelativePath «2024/vpr.xlsx»). */
function chosen(file: File): ChosenFile {
  const relative = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
  const cut = relative ? relative.lastIndexOf('/') : -1;
  return cut > 0 ? { file, folder: relative!.slice(0, cut) } : { file };
}

interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?: (ok: (f: File) => void, fail: (e: unknown) => void) => void;
  createReader?: () => { readEntries(ok: (entries: EntryLike[]) => void, fail: (e: unknown) => void): void };
}

/** Every file of a dropped folder, with its path inside the drop: two folders 2024 and 2025 keep their vpr.xlsx apart. */
function entryFiles(entry: EntryLike, into: ChosenFile[]): Promise<void> {
  if (entry.isFile && entry.file) {
    const folder = entry.fullPath.replace(/^\//, '').replace(/\/?[^/]*$/, '');
    return new Promise((resolve) => entry.file!((f) => (into.push(folder ? { file: f, folder } : { file: f }), resolve()), () => resolve()));
  }
  if (!entry.isDirectory || !entry.createReader) return Promise.resolve();
  const reader = entry.createReader();
  const all: EntryLike[] = [];
  return new Promise<void>((resolve) => {
    const more = () =>
      reader.readEntries(
        (entries) => {
          if (!entries.length) {
            resolve();
            return;
          }
          for (let i = 0; i < entries.length; i++) all.push(entries[i]);
          more();
        },
        () => resolve(),
      );
    more();
  }).then(() => all.reduce((p, e) => p.then(() => entryFiles(e, into)), Promise.resolve()));
}

/** The files of a drop: folders walked where the browser lets us (webkitGetAsEntry), plain files otherwise. */
function droppedFiles(data: DataTransfer): Promise<ChosenFile[]> {
  const items = data.items;
  const entries: EntryLike[] = [];
  if (items)
    for (let i = 0; i < items.length; i++) {
      const entry = (items[i] as DataTransferItem & { webkitGetAsEntry?: () => EntryLike | null }).webkitGetAsEntry?.();
      if (entry) entries.push(entry);
    }
  if (!entries.length) return Promise.resolve(fileArray(data.files).map(chosen));
  const out: ChosenFile[] = [];
  return entries.reduce((p, e) => p.then(() => entryFiles(e, out)), Promise.resolve()).then(() => out);
}


function clear(e: HTMLElement): void {
  while (e.firstChild) e.removeChild(e.firstChild);
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

export class Pane {
  private sources: PaneSource[] = [];
  private outcomes: SourceOutcome[] = [];
  private classification?: PaneClassification;
  private picked?: Template;
  private busy = false;
  /** What «Проверить» filled in the open workbook, until «Снять отметки». */
  private marks?: Highlighting;
  private rules: RuleLibrary;
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
      this.host.kind === 'excel' ? 'реестр ОО, формы прошлого года — для классификации' : 'или перетащите сюда .xlsx / .csv или папки с ними (реестр и формы с результатами)',
      (list) => void this.run(() => this.addFiles(list)));
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.className = 'ok-drop ok-drop-over';
    });
    drop.addEventListener('dragleave', () => (drop.className = 'ok-drop'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.className = 'ok-drop';
      if (!e.dataTransfer) return;
      void droppedFiles(e.dataTransfer).then((list) => {
        if (list.length) void this.run(() => this.addFiles(list));
      });
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
      'шаблон, набор правил, параметры или каталог рекомендаций; файл с тем же именем заменяет встроенный, каталог — встроенный каталог',
      (list) => void this.run(() => this.loadRuleFiles(list.map((c) => c.file))));
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
    const texts: { name: string; text: string }[] = [];
    const unreadable: RuleLintProblem[] = [];
    for (const file of files) {
      try {
        texts.push({ name: file.name, text: await this.host.readText(file) });
      } catch (e) {
        unreadable.push({ code: 'unreadable_file', severity: 'error', file: file.name, pointer: '/', message: `файл не прочитан: ${errorText(e)}` });
      }
    }
    const chosenFiles = withChosenFiles(this.bundle, texts);
    for (const f of chosenFiles.taken) if (this.custom.indexOf(f) < 0) this.custom.push(f);
    const problems = unreadable.concat(chosenFiles.problems);
    this.applyBundle(chosenFiles.bundle, problems);
    const count = chosenFiles.taken.length;
    if (count && this.sources.length) await this.check();
    this.setStatus(count ? `Загружено файлов правил: ${count}.${this.sources.length ? ' Формы проверены заново.' : ''}` : 'Файлы правил не загружены: см. ошибки в настройках методиста.');
  }

  private applyBundle(bundle: RuleBundle, unreadable: RuleLintProblem[]): void {
    this.bundle = bundle;
    this.rules = loadRuleBundle(bundle);
    this.picked = undefined;
    this.outcomes = [];
    this.classification = undefined;
    while (this.templateSelect.options.length > 1) this.templateSelect.remove(1);
    for (const t of this.rules.templates) this.templateSelect.appendChild(new Option(t.title, t.id));
    this.templateSelect.value = '';
    this.renderRuleProblems(unreadable);
    this.renderSources();
    this.renderIssues();
  }

  /** Problems of the rules in use: unreadable files, broken templates and catalogues, rule-set lint errors. */
  private renderRuleProblems(unreadable: RuleLintProblem[]): void {
    clear(this.ruleProblems);
    const problems: string[] = unreadable.map(ruleProblemText);
    try {
      for (const p of lintLibrary(this.rules)) if (p.severity === 'error') problems.push(ruleProblemText(p));
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
      this.outcomes = [];
      this.classification = undefined;
      this.renderSources();
    });
    section.appendChild(label);
    section.appendChild(this.templateSelect);
    return section;
  }

  /**
   * Reads every chosen file; one that cannot be read stays in the list with its reason and the rest are
   * read and checked. A file chosen again (same folder, name and content) is kept once.
   */
  private async addFiles(files: ChosenFile[]): Promise<void> {
    const again: string[] = [];
    let added = 0;
    for (let i = 0; i < files.length; i++) {
      const { file, folder } = files[i];
      this.setStatus(`Чтение файла «${file.name}» (${i + 1} из ${files.length})…`, (i / files.length) * 40);
      await pause();
      let bytes: Uint8Array;
      try {
        bytes = await this.host.readBytes(file);
      } catch (e) {
        this.sources.push({ key: `${folder ?? ''}/${file.name}#${i}-${new Date().getTime()}`, name: file.name, ...(folder && { folder }), failure: { code: 'file_unreadable', message: `Файл не удалось прочитать: ${errorText(e)}` } });
        added++;
        continue;
      }
      const key = sourceKey(file.name, folder, bytes);
      if (this.sources.some((s) => s.key === key)) {
        again.push(file.name);
        continue;
      }
      const source: PaneSource = { key, name: file.name, ...(folder && { folder }) };
      try {
        source.grid = await this.evaluation.read(file.name, bytes);
      } catch (e) {
        source.failure = { code: 'file_unreadable', message: errorText(e) };
      }
      this.sources.push(source);
      added++;
    }
    this.outcomes = [];
    this.classification = undefined;
    this.renderSources();
    if (added) await this.check();
    if (again.length) this.setStatus(`${this.status.textContent ?? ''} Уже в списке, добавлены повторно: ${again.map((n) => `«${n}»`).join(', ')}.`.trim());
  }

  private renderSources(): void {
    clear(this.sourceList);
    const names = shownNames(this.sources);
    for (const s of this.sources) {
      const outcome = this.outcomes.find((o) => o.source.id === s.key);
      const li = el('li', s.failure || outcome?.status === 'unreadable' ? 'ok-source ok-source-failed' : 'ok-source');
      li.appendChild(el('span', 'ok-source-name', names.get(s.key)!));
      li.appendChild(el('span', 'ok-source-template', this.sourceNote(s, outcome)));
      if (!s.open) {
        const remove = el('button', 'ok-link', 'убрать');
        remove.type = 'button';
        remove.setAttribute('aria-label', `Убрать файл ${names.get(s.key)}`);
        remove.addEventListener('click', () => {
          this.sources = this.sources.filter((x) => x !== s);
          this.outcomes = [];
          this.classification = undefined;
          this.renderSources();
          this.renderIssues();
        });
        li.appendChild(remove);
      }
      this.sourceList.appendChild(li);
    }
  }

  /** What the list says of a source: its reason when unreadable, else its template and the years of its rows. */
  private sourceNote(s: PaneSource, outcome?: SourceOutcome): string {
    if (s.failure) return `не прочитан: ${s.failure.message}`;
    if (!outcome) return 'ещё не проверен';
    if (outcome.status === 'own') return outcome.report.issues[0].message;
    if (!outcome.template) return 'шаблон не определён';
    const years = outcome.result ? rowYears(outcome) : [];
    return years.length ? `${outcome.template.title}, ${years.join(', ')}` : outcome.template.title;
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    for (const b of this.buttons) b.disabled = true;
    try {
      await action();
    } catch (e) {
      this.setStatus(isPipelineError(e) ? e.message : `Не удалось: ${errorText(e)}`);
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
    const grid = await this.host.readOpen();
    this.sources = [{ key: 'open', name: 'Открытая книга', open: true, grid }, ...this.sources.filter((s) => !s.open)];
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
    const open = this.outcomes.find((o) => o.source.open);
    if (!open || !this.host.highlight) return '';
    const targets: HighlightTarget[] = [];
    for (const i of open.report.issues) if (i.sheet && i.cell) targets.push({ sheet: i.sheet, cell: i.cell, severity: i.severity });
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
    this.outcomes = await this.evaluation.check(this.sources, { bundle: this.bundle, loaded: this.rules }, this.picked, { onProgress: (p) => this.checkProgress(p) });
    this.classification = undefined;
    this.renderSources();
    this.renderIssues();
    const errors = this.outcomes.reduce((n, o) => n + o.report.counts.errors, 0);
    const unreadable = this.outcomes.filter((o) => o.status === 'unreadable').length;
    const hint = this.host.selectCell ? 'Нажмите на замечание, чтобы перейти к ячейке.' : 'Нажмите на замечание, чтобы увидеть подробности.';
    const marked = await this.markIssues();
    const notRead = unreadable
      ? ` ${pluralWord(unreadable, 'Не прочитан', 'Не прочитаны', 'Не прочитано')} ${plural(unreadable, 'файл', 'файла', 'файлов')}: ${unreadable === 1 ? 'он' : 'они'} в списке выше, остальные проверены.`
      : '';
    this.setStatus((errors ? `Проверка окончена: есть ошибки. ${hint}` : 'Проверка окончена: ошибок нет.') + notRead + marked, 100);
  }

  private checkProgress(p: EvaluationProgress): void {
    if (p.total > 1) this.setStatus(`Проверка: «${p.name}» (${p.done + 1} из ${p.total})…`, 40 + (20 * p.done) / p.total);
  }

  async classify(): Promise<void> {
    if (this.outcomes.length === 0) await this.check();
    if (this.outcomes.length === 0) return;
    this.setStatus('Классификация школ…', 60);
    this.classification = await this.evaluation.classify(this.outcomes, { bundle: this.bundle, loaded: this.rules });
    this.renderClassification();
    const c = this.classification.summary;
    this.setStatus(c.kind === 'table' ? `Классифицировано строк таблицы «${c.title}»: ${c.rows}.` : `Классифицировано школ: ${c.schools} (год ${c.year}).`, 100);
  }

  async write(): Promise<void> {
    if (this.outcomes.length === 0) await this.check();
    if (this.outcomes.length === 0) return;
    // Recommendations need the classification: classify first when it has not been done.
    let note = '';
    if (!this.classification) {
      try {
        await this.classify();
      } catch (e) {
        if (!isPipelineError(e)) throw e;
        note = ` Рекомендации не составлены: ${e.message}`;
      }
    }
    this.setStatus(this.host.kind === 'excel' ? 'Запись листов отчёта…' : 'Подготовка отчёта…', 80);
    await pause();
    const message = await this.host.writeReport(this.classification ? this.classification.sheets : checkOnlySheets(this.outcomes));
    const summary = this.classification?.summary;
    if (summary?.kind === 'region' && summary.recommendations) note = ` Адресных рекомендаций: ${summary.recommendations.rows}.${note}`;
    this.setStatus(message + note, 100);
  }

  private renderIssues(): void {
    clear(this.counts);
    clear(this.issues);
    clear(this.classes);
    clear(this.detail);
    if (this.outcomes.length === 0) return;
    const errors = this.outcomes.reduce((n, o) => n + o.report.counts.errors, 0);
    const warnings = this.outcomes.reduce((n, o) => n + o.report.counts.warnings, 0);
    const rows = this.outcomes.reduce((n, o) => n + o.report.records, 0);
    this.counts.appendChild(el('span', 'ok-count ok-count-error', plural(errors, 'ошибка', 'ошибки', 'ошибок')));
    this.counts.appendChild(el('span', 'ok-count ok-count-warning', plural(warnings, 'предупреждение', 'предупреждения', 'предупреждений')));
    this.counts.appendChild(el('span', 'ok-count ok-count-rows', plural(rows, 'строка', 'строки', 'строк')));

    for (const o of this.outcomes) {
      const box = el('div', o.status === 'unreadable' ? 'ok-file ok-file-failed' : 'ok-file');
      if (this.outcomes.length > 1 || !o.source.open) box.appendChild(el('h2', 'ok-file-name', o.source.name));
      if (o.report.issues.length === 0) box.appendChild(el('div', 'ok-clean', 'Замечаний нет'));
      const bySheet: { sheet: string; issues: Issue[] }[] = [];
      for (const issue of o.report.issues) {
        const sheet = issue.sheet ?? 'Книга';
        let group = bySheet.find((g) => g.sheet === sheet);
        if (!group) bySheet.push((group = { sheet, issues: [] }));
        group.issues.push(issue);
      }
      for (const group of bySheet) {
        const e = group.issues.filter((i) => i.severity === 'error');
        const w = group.issues.filter((i) => i.severity === 'warning');
        const head = el('h3', 'ok-sheet', group.sheet === 'Книга' ? 'Файл' : `Лист «${group.sheet}»`);
        head.appendChild(el('span', 'ok-sheet-counts', [e.length && plural(e.length, 'ошибка', 'ошибки', 'ошибок'), w.length && plural(w.length, 'предупреждение', 'предупреждения', 'предупреждений')].filter(Boolean).join(', ')));
        box.appendChild(head);
        for (const [severity, list] of [['error', e], ['warning', w]] as const) {
          if (!list.length) continue;
          const ul = el('ul', `ok-list ok-list-${severity}`);
          ul.setAttribute('aria-label', severity === 'error' ? 'Ошибки' : 'Предупреждения');
          for (const issue of list.slice(0, SHOWN_PER_GROUP)) ul.appendChild(this.issueItem(o, issue));
          box.appendChild(ul);
          if (list.length > SHOWN_PER_GROUP) box.appendChild(el('div', 'ok-more', `Показаны первые ${SHOWN_PER_GROUP} из ${list.length}; все — на листе «Проверка» отчёта.`));
        }
      }
      this.issues.appendChild(box);
    }
  }

  private issueItem(outcome: SourceOutcome, issue: Issue): HTMLElement {
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
      void this.showIssue(outcome, issue);
    });
    li.appendChild(b);
    return li;
  }

  private async showIssue(outcome: SourceOutcome, issue: Issue): Promise<void> {
    clear(this.detail);
    const where = `${outcome.source.name}${issue.sheet ? `, лист «${issue.sheet}»` : ''}${issue.cell ? `, ячейка ${issue.cell}` : ''}`;
    this.detail.appendChild(el('div', 'ok-detail-where', where));
    if (issue.value !== undefined && issue.value !== null) this.detail.appendChild(el('div', 'ok-detail-line', `Значение: ${String(issue.value)}`));
    if (issue.expected) this.detail.appendChild(el('div', 'ok-detail-line', `Ожидается: ${issue.expected}`));
    if (outcome.source.open && this.host.selectCell && issue.sheet && issue.cell) {
      try {
        await this.host.selectCell(issue.sheet, issue.cell);
      } catch (e) {
        this.setStatus(`Не удалось выделить ячейку: ${errorText(e)}`);
      }
    }
  }

  private renderClassification(): void {
    clear(this.classes);
    const c = this.classification?.summary;
    if (!c) return;
    this.classes.appendChild(el('h2', 'ok-file-name', c.kind === 'table' ? `Классификация: ${c.title}` : `Классификация, ${c.year} год`));
    const table = el('table', 'ok-table');
    const rows: [string, number][] =
      c.kind === 'table'
        ? [['Строк', c.rows], ['С выводом', c.flagged], ...c.labels.map((l): [string, number] => [l.label, l.rows]), ...(c.recommendations ? [['Адресных рекомендаций', c.recommendations.rows] as [string, number]] : [])]
        : [
            ['Школ', c.schools],
            ...c.systems.flatMap((s) => s.counts.map((n): [string, number] => [n.label, n.units])),
            ...(c.recommendations ? [['Адресных рекомендаций', c.recommendations.rows] as [string, number]] : []),
          ];
    for (const [what, value] of rows) {
      const tr = el('tr');
      tr.appendChild(el('td', undefined, what));
      tr.appendChild(el('td', 'ok-num', String(value)));
      table.appendChild(tr);
    }
    this.classes.appendChild(table);
    if (c.kind === 'region' && c.targets) this.classes.appendChild(el('div', 'ok-detail-line', `${targetsLine(c.targets)}.`));
    if (c.kind === 'region' && c.lists) this.classes.appendChild(el('div', 'ok-detail-line', `${listChangesLine(c.lists.prevYear, c.year, c.lists.totals)}.`));
    if (c.kind === 'region' && c.appendices) this.classes.appendChild(el('div', 'ok-detail-line', `${appendicesLine(c.appendices)}.`));
    if (c.kind === 'region' && c.execution) this.classes.appendChild(el('div', 'ok-detail-line', `${executionLine(c.execution, c.year)}.`));
    if (c.kind === 'region' && c.execution?.conflicts) this.classes.appendChild(el('div', 'ok-warn', `Противоречащих отметок о выполнении: ${c.execution.conflicts} — см. лист «Проверка».`));
    if (c.kind === 'region') for (const line of coverageLines(c.coverage)) this.classes.appendChild(el('div', 'ok-detail-line', line));
    if (c.kind === 'region') for (const note of coverageNotes(c.coverage).filter((n) => n.severity === 'error')) this.classes.appendChild(el('div', 'ok-warn', note.message));
    if (c.problems.length) this.classes.appendChild(el('div', 'ok-warn', `Правила с ошибками пропущены: ${c.problems.join('; ')}`));
  }
}
