import { Command } from 'commander';
import { describeFileError, FileReadError } from '../files/file-error';
import { packageVersion } from '../files/package-root';
import { CliFailure, EXIT } from './cli-failure';
import { registerClassify } from './commands/classify';
import { registerMerge } from './commands/merge';
import { registerRules } from './commands/rules';
import { registerRun } from './commands/run';
import { registerTemplate } from './commands/template';
import { registerValidate } from './commands/validate';
import { russify } from './russian-help';
import { describeSystemError } from './system-error';

const program = russify(new Command('okoshko'))
  .description('Окошко: проверка форм, классификация школ и адресные рекомендации')
  .version(packageVersion(), '-V, --version', 'показать версию')
  .helpCommand('help [команда]', 'справка по команде');

for (const register of [registerRun, registerTemplate, registerValidate, registerMerge, registerClassify, registerRules]) russify(register(program));

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CliFailure) process.stderr.write(e.message + '\n');
  else if (e instanceof FileReadError) process.stderr.write(describeFileError(e) + '\n');
  else if (describeSystemError(e)) process.stderr.write(describeSystemError(e) + '\n');
  else process.stderr.write(`Внутренняя ошибка Окошка: ${e instanceof Error ? e.message : String(e)}\n`);
  if (process.env.OKOSHKO_DEBUG) console.error(e);
  process.exitCode = EXIT.couldNotRun;
});
