// Runs every benchmarks/*.bench.ts in its own process, one after the other, so
// one scenario's garbage and JIT state never leak into the next.
// Usage: pnpm bench [name-filter]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2] ?? '';
const scripts = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts') && file.includes(filter))
  .sort();
if (scripts.length === 0) {
  console.error(`no benchmark matches "${filter}"`);
  process.exit(2);
}
let failed = 0;
for (const script of scripts) {
  const run = spawnSync(
    process.execPath,
    ['--conditions=@optout/source', '--import', 'tsx', '--expose-gc', script],
    {
      cwd: dir,
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
