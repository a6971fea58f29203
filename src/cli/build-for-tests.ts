// For tests (Vitest and Playwright): builds the executable as `npm run build:cli` does, into a folder of
// the test's own, and returns the path of the one file it made. Tests run that file with `node`, never the
// TypeScript source.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..')

export function buildCli(outDir = mkdtempSync(join(tmpdir(), 'cli-build-'))): string {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js')
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '-c', 'vite.cli.config.ts', '--outDir', outDir, '--logLevel', 'warn'],
    { cwd: ROOT, encoding: 'utf8' },
  )
  const built = readdirSync(outDir)
  if (result.status !== 0 || built.length !== 1)
    throw new Error(`building the CLI failed (${result.status}, made ${built.join(', ')}):\n${result.stderr}`)
  return join(outDir, built[0]!)
}
