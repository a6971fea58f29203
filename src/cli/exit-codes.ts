// The exit statuses a pipeline can branch on, one meaning each (README "Command line", --help).
// docs/decisions/013-command-line-for-pipelines.md
export const EXIT = {
  /** Files written; with --check, the folder holds exactly the files the input produces. */
  ok: 0,
  /** The findings hold errors (or warnings, with --fail-on warning): nothing written unless --allow-errors. */
  findings: 1,
  /** The input cannot be used: not JSON, duplicate keys, or values the page would ignore or repair. */
  input: 2,
  /** --check: files are missing, extra or different. */
  drift: 3,
  /** An I/O or usage error: one line on stderr. */
  io: 4,
  /** A bug in this tool: one line on stderr. */
  internal: 5,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** An I/O or usage error: its message is the one line printed (already terminal-safe). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: ExitCode = EXIT.io,
  ) {
    super(message)
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
}

/** A short reason for a Node file-system error ("permission denied (EACCES)"), on one line. */
export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? ''
}
