// --check <dir>: compares the files rendered in memory with a folder (a committed copy, in CI) and lists
// every file that is missing, extra or different, each difference as a unified diff made by jsdiff (the
// `diff` package; docs/decisions/013-command-line-for-pipelines.md). Reads only; a link in the folder is
// listed as an entry, never descended into.
import { lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs'
import { join } from 'node:path'
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff'
import { CliError, reason } from './exit-codes.ts'
import { MANIFEST, type OutFile } from './safe-write.ts'
import { terminalSafe } from './terminal.ts'

export interface CheckReport {
  same: string[]
  missing: string[]
  extra: string[]
  /** Each different file with its unified diff, from the folder's file to the rendered one. */
  different: { path: string; diff: string }[]
}

/** Every entry below `dir` that is not a folder (a link is listed, not followed), as `a/b` paths. */
function listEntries(dir: string, prefix = ''): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) out.push(...listEntries(join(dir, entry.name), rel))
    else out.push(rel)
  }
  return out
}

export function checkOutput(dir: string, shownDir: string, files: readonly OutFile[]): CheckReport {
  const shown = (rel: string) => join(shownDir, rel)
  let stat: Stats | undefined
  try {
    stat = statSync(dir)
  } catch (error) {
    throw new CliError(`cannot check ${terminalSafe(shownDir)}: ${reason(error)}`)
  }
  if (!stat.isDirectory()) throw new CliError(`--check ${terminalSafe(shownDir)} is not a directory`)

  const report: CheckReport = { same: [], missing: [], extra: [], different: [] }
  try {
    for (const file of files) {
      const path = join(dir, file.path)
      let entry: Stats
      try {
        entry = lstatSync(path)
      } catch (error) {
        if (
          (error as NodeJS.ErrnoException).code !== 'ENOENT' &&
          (error as NodeJS.ErrnoException).code !== 'ENOTDIR'
        )
          throw error
        report.missing.push(file.path)
        continue
      }
      if (!entry.isFile()) {
        const what = entry.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'
        report.different.push({ path: file.path, diff: `${shown(file.path)} is ${what}\n` })
        continue
      }
      const actual = readFileSync(path)
      if (actual.equals(Buffer.from(file.text, 'utf8'))) {
        report.same.push(file.path)
        continue
      }
      const diff = createTwoFilesPatch(
        shown(file.path),
        `${shown(file.path)} (rendered)`,
        actual.toString('utf8'),
        file.text,
        undefined,
        undefined,
        { headerOptions: FILE_HEADERS_ONLY },
      )
      report.different.push({ path: file.path, diff })
    }
    const produced = new Set(files.map((f) => f.path))
    report.extra = listEntries(dir)
      .filter((path) => !produced.has(path) && path !== MANIFEST)
      .sort()
  } catch (error) {
    throw new CliError(`cannot check ${terminalSafe(shownDir)}: ${reason(error)}`)
  }
  return report
}

export const drifted = (report: CheckReport) =>
  report.missing.length + report.extra.length + report.different.length > 0
