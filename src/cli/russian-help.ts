import { type Command, CommanderError } from 'commander';

const TITLES: Record<string, string> = {
  'Usage:': 'Использование:',
  'Options:': 'Параметры:',
  'Commands:': 'Команды:',
  'Arguments:': 'Аргументы:',
  'Global Options:': 'Общие параметры:',
};

const ERRORS: [RegExp, (...m: string[]) => string][] = [
  [/missing required argument '(.+)'/, (a) => `не указан обязательный аргумент «${a}»`],
  [/option '(.+)' argument missing/, (o) => `у параметра ${o} нет значения`],
  [/required option '(.+)' not specified/, (o) => `не указан обязательный параметр ${o}`],
  [/unknown option '(.+)'/, (o) => `неизвестный параметр ${o}`],
  [/unknown command '(.+)'/, (c) => `неизвестная команда «${c}»`],
  [/too many arguments/, () => 'слишком много аргументов'],
];

export function russianCommanderError(message: string): string {
  for (const [re, say] of ERRORS) {
    const m = re.exec(message);
    if (m) return `Ошибка: ${say(...m.slice(1))}. Справка: okoshko --help`;
  }
  return `Ошибка в командной строке: ${message.replace(/^error:\s*/, '')}`;
}

/** Help and argument errors in Russian; a command-line mistake exits with 2 like any failure to run. */
export function russify(command: Command): Command {
  command
    .configureHelp({ styleTitle: (t) => TITLES[t] ?? t })
    .helpOption('-h, --help', 'показать справку')
    .configureOutput({ outputError: (str, write) => write(russianCommanderError(str.trim()) + '\n') })
    .exitOverride((err: CommanderError) => {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') process.exit(0);
      process.exit(2);
    });
  return command;
}
