import { Command } from 'commander';
import { isPipelineError } from '../core/pipeline/errors';
import { describeFileError, FileReadError } from '../read/read-error';
import { packageVersion } from '../files/package-root';
import { WorkbookWriteError } from '../files/workbook-writeback';
import { CliFailure, EXIT } from './cli-failure';
import { registerClassify } from './commands/classify';
import { registerIndicators } from './commands/indicators';
import { registerMerge } from './commands/merge';
import { registerRules } from './commands/rules';
import { registerRun } from './commands/run';
import { registerTemplate } from './commands/template';
import { registerValidate } from './commands/validate';
import { russify } from './russian-help';
import { describeSystemError } from './system-error';

// A reader of our output that goes away (`okoshko validate … | head -1`) ends the command quietly.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

const program = russify(new Command('okoshko'))
  .description('Окошко: проверка форм, классификация школ и адресные рекомендации')
  .version(packageVersion(), '-V, --version', 'показать версию')
  .helpCommand('help [команда]', 'справка по команде');

for (const register of [registerRun, registerTemplate, registerValidate, registerMerge, registerClassify, registerIndicators, registerRules]) russify(register(program));

/** Every failure as one Russian line on stderr, exit 2; the technical detail only with OKOSHKO_DEBUG. */
function failureLine(e: unknown): string | undefined {
  if (e instanceof CliFailure) return e.reported ? undefined : e.message;
  if (e instanceof FileReadError) return describeFileError(e);
  if (e instanceof WorkbookWriteError || isPipelineError(e)) return (e as Error).message;
  return describeSystemError(e) ?? `Внутренняя ошибка Окошка: ${e instanceof Error ? e.message : String(e)}. Сообщите разработчикам, приложив команду и файлы`;
}

program.parseAsync(process.argv).catch((e: unknown) => {
  const line = failureLine(e);
  if (line) process.stderr.write(line + '\n');
  if (process.env.OKOSHKO_DEBUG) console.error(e);
  process.exitCode = EXIT.couldNotRun;
});
