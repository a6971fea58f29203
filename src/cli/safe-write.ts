// Writes the rendered files into the output folder, safely (docs/decisions/013-command-line-for-pipelines.md):
// - nothing is written through a symbolic link: every path component below the folder is checked first,
//   and a link found there stops the run before any file is written;
// - each file is written to a new temporary file beside it (O_EXCL, so never through a link), given its
//   mode (.sh 0755, else 0644, whatever the umask), flushed, then renamed over the old one: a reader sees
//   the old file or the new one, never half of one;
// - a manifest in the folder lists what this tool wrote and each file's SHA-256. A file listed there that
//   the input no longer produces is removed if it still holds what was written; nothing else is touched.
import { createHash, randomBytes } from 'node:crypto'
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { CliError, reason } from './exit-codes.ts'
import { terminalSafe } from './terminal.ts'

/** The manifest's name in the output folder. */
export const MANIFEST = '.ecs-task-role-wizard-files.json'

export interface OutFile {
  path: string
  text: string
}

export interface WriteReport {
  written: string[]
  unchanged: string[]
  removed: string[]
  /** Files listed in the old manifest that the tool left in place, with why. */
  kept: { path: string; why: string }[]
  /** Why the old manifest was not used, when it was unreadable. */
  manifestProblem?: string
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

/** .sh files are run as programs (`sudo ./host/iptables.sh`); nothing else is. */
export const modeOf = (path: string) => (path.endsWith('.sh') ? 0o755 : 0o644)

// The shape of every path the generator writes (`setup/aws-cli.sh`): a folder and a file name, lower case.
// A manifest entry of any other shape (`../x`, `/etc/x`, `a/../../x`) is ignored, so even a tampered
// manifest cannot name a file outside the folder.
const OUR_PATH = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9.-]*$/
const isOurPath = (path: string) => OUR_PATH.test(path) && !path.includes('..')

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/**
 * Stops at a symbolic link, or a file where a folder must be, on the way from `root` to `root/relative`
 * (the root itself may be a link: only what is inside it is checked). Returns the final entry's stats.
 */
function checkPath(root: string, relative: string, shown: (rel: string) => string): Stats | undefined {
  const parts = relative.split('/')
  let current = root
  for (const [i, part] of parts.entries()) {
    current = join(current, part)
    const rel = parts.slice(0, i + 1).join('/')
    const stat = lstatOrUndefined(current)
    if (stat === undefined) return undefined
    if (stat.isSymbolicLink())
      throw new CliError(
        `${shown(rel)} is a symbolic link: refusing to write through it (nothing was written)`,
      )
    const last = i === parts.length - 1
    if (!last && !stat.isDirectory())
      throw new CliError(`${shown(rel)} is not a directory, so ${shown(relative)} cannot be written`)
    if (last) {
      if (!stat.isFile())
        throw new CliError(`${shown(rel)} exists and is not a regular file (nothing was written)`)
      return stat
    }
  }
  return undefined
}

function atomicWrite(target: string, data: string, mode: number) {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
  let fd: number | undefined
  try {
    fd = openSync(temp, 'wx', 0o600)
    writeFileSync(fd, data)
    fchmodSync(fd, mode)
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(temp, target)
  } catch (error) {
    if (fd !== undefined) closeSync(fd)
    rmSync(temp, { force: true })
    throw error
  }
}

/** The old manifest's entries that this tool could have written, or why it cannot be used. */
function readManifest(path: string): { files: Map<string, string>; problem?: string } {
  const files = new Map<string, string>()
  const stat = lstatOrUndefined(path)
  if (stat === undefined) return { files }
  let data: unknown
  try {
    data = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    return { files, problem: reason(error) }
  }
  const listed = (data as { files?: unknown } | null)?.files
  if (typeof listed !== 'object' || listed === null || Array.isArray(listed))
    return { files, problem: 'it has no "files" object' }
  // Only names shaped like the tool's own paths, with a well-formed hash.
  for (const [name, hash] of Object.entries(listed))
    if (isOurPath(name) && typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)) files.set(name, hash)
  return { files }
}

/**
 * Writes `files` into `outDir` (created if missing). `shownDir` is the folder as the user gave it, for
 * messages. Throws a CliError (exit 4) on any I/O problem, with one line saying which file and why.
 */
export function writeOutput(outDir: string, shownDir: string, files: readonly OutFile[]): WriteReport {
  const shown = (rel: string) => terminalSafe(join(shownDir, rel))
  const fail = (what: string, error: unknown): never => {
    if (error instanceof CliError) throw error
    throw new CliError(`cannot ${what}: ${reason(error)}`)
  }

  try {
    const stat = statSync(outDir, { throwIfNoEntry: false })
    if (stat && !stat.isDirectory())
      throw new CliError(`--out ${terminalSafe(shownDir)} is not a directory (nothing was written)`)
    if (!stat) mkdirSync(outDir, { recursive: true })
  } catch (error) {
    fail(`create the folder ${terminalSafe(shownDir)}`, error)
  }

  // Every check before the first write: a refused path leaves the folder as it was.
  const existing = new Map<string, Stats | undefined>()
  try {
    for (const file of files) existing.set(file.path, checkPath(outDir, file.path, shown))
    checkPath(outDir, MANIFEST, shown)
  } catch (error) {
    fail(`check ${terminalSafe(shownDir)}`, error)
  }

  const manifestPath = join(outDir, MANIFEST)
  const old = readManifest(manifestPath)
  const report: WriteReport = { written: [], unchanged: [], removed: [], kept: [] }
  if (old.problem) report.manifestProblem = old.problem

  const hashes: Record<string, string> = {}
  for (const file of files) {
    const target = join(outDir, file.path)
    const mode = modeOf(file.path)
    hashes[file.path] = sha256(file.text)
    const stat = existing.get(file.path)
    try {
      if (
        stat &&
        (stat.mode & 0o777) === mode &&
        stat.size === Buffer.byteLength(file.text) &&
        readFileSync(target, 'utf8') === file.text
      ) {
        report.unchanged.push(file.path)
        continue
      }
      mkdirSync(dirname(target), { recursive: true })
      atomicWrite(target, file.text, mode)
      report.written.push(file.path)
    } catch (error) {
      fail(`write ${shown(file.path)}`, error)
    }
  }

  const produced = new Set(files.map((f) => f.path))
  for (const [path, hash] of old.files) {
    if (produced.has(path)) continue
    const target = join(outDir, path)
    try {
      const stat = checkPath(outDir, path, shown)
      if (stat === undefined) continue
      if (sha256(readFileSync(target)) !== hash) {
        report.kept.push({ path, why: 'changed since this tool wrote it' })
        continue
      }
      unlinkSync(target)
      report.removed.push(path)
    } catch (error) {
      const why =
        error instanceof CliError ? 'it is under a symbolic link, or not a regular file' : reason(error)
      report.kept.push({ path, why })
      continue
    }
    // The folder it was in, when nothing else is left there (rmdir removes only an empty folder).
    try {
      rmdirSync(dirname(target))
    } catch {
      // Not empty, or not ours to remove: leave it.
    }
  }

  const manifest = {
    comment:
      'Files that ecs-task-role-wizard render wrote in this folder, with their SHA-256. The next render here removes a listed file that it no longer produces, if it is unchanged; it never touches other files.',
    files: hashes,
  }
  try {
    atomicWrite(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, 0o644)
  } catch (error) {
    fail(`write ${shown(MANIFEST)}`, error)
  }
  return report
}
