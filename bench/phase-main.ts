import { PHASES, type PhaseName } from './phases';

/** Runs one phase in its own process, so its peak memory is its own. */
async function main(): Promise<void> {
  const [phase, file, rulesDir, schools] = process.argv.slice(2);
  const result = await PHASES[phase as PhaseName](file, rulesDir, Number(schools));
  process.stdout.write(JSON.stringify({ ...result, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

void main();
