import { sourceChecking } from '../core/pipeline/check';
import type { RuleLibrary } from '../core/rules/library';
import { registerSchools } from '../core/validate/validate';
import { fileSource } from '../files/file-sources';
import { CliFailure } from './cli-failure';

/** The schools of a register given apart (--register): every results form is checked against them; it must be readable. */
export async function givenRegister(file: string | undefined, library: RuleLibrary): Promise<Set<string> | undefined> {
  if (file === undefined) return undefined;
  const checking = await sourceChecking([fileSource(file)], { templates: library.templates });
  const outcome = await checking.step();
  if (!outcome || outcome.status !== 'checked' || !outcome.result) throw new CliFailure(`Реестр ОО ${file} не прочитан: ${outcome?.report.issues[0]?.message ?? 'неизвестная причина'}`);
  return registerSchools(outcome.result);
}
