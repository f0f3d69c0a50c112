import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Tests that need a program the machine may lack (LibreOffice, Chromium) run where it is and skip with
 * a printed notice where it is not — unless OKOSHKO_REQUIRE_PROGRAMS is set (.ci/run sets it), when a
 * missing program fails the run instead, so that CI never passes without them.
 */
export interface Program {
  name: string;
  present: boolean;
  install: string;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

export const LIBREOFFICE: Program = { name: 'LibreOffice (soffice)', present: onPath('soffice'), install: 'apt-get install libreoffice-calc-nogui' };
export const CHROMIUM_PROGRAM: Program = { name: 'Chromium (/usr/bin/chromium)', present: existsSync('/usr/bin/chromium'), install: 'apt-get install chromium' };

/** `describe` where the program is, `describe.skip` with a notice on stderr where it is not. */
export function describeWith(program: Program, what: string): jest.Describe {
  if (program.present) return describe;
  if (process.env.OKOSHKO_REQUIRE_PROGRAMS) throw new Error(`${program.name} не установлен, а тесты «${what}» обязательны (OKOSHKO_REQUIRE_PROGRAMS): ${program.install}`);
  process.stderr.write(`Пропуск тестов «${what}»: нет ${program.name} (${program.install})\n`);
  return describe.skip;
}

/** The same for one test inside a describe. */
export function itWith(program: Program, what: string): jest.It {
  if (program.present) return it;
  if (process.env.OKOSHKO_REQUIRE_PROGRAMS) throw new Error(`${program.name} не установлен, а тест «${what}» обязателен (OKOSHKO_REQUIRE_PROGRAMS): ${program.install}`);
  process.stderr.write(`Пропуск теста «${what}»: нет ${program.name} (${program.install})\n`);
  return it.skip;
}
