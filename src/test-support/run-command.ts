// Runs a command with stdin closed and collects its output. Node's pipes are socketpairs; on a socket
// stdin bash assumes it was started by a remote shell daemon and reads ~/.bashrc on every call (slow, and
// the machine's own settings leak into the test).
import { spawn } from 'node:child_process'

export interface RunResult {
  status: number | null
  stdout: string
  stderr: string
}

export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}
