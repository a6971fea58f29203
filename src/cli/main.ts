// The executable's entry: vite.cli.config.ts bundles it with everything it imports into one plain-JS file
// (package.json "bin"), which runs with `node` alone. Arguments in; stdout, stderr and the exit status out.
import { runCli } from './render.ts'
import { EXIT } from './exit-codes.ts'

/** Reads standard input up to just past `limit` bytes (more than `limit` means "too large"). */
async function readStdin(limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    chunks.push(buffer)
    size += buffer.length
    if (size > limit) break
  }
  return Buffer.concat(chunks)
}

// A reader that stops early (`| head`) closes the pipe: not worth a stack trace. Any other write error is
// an I/O error.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.exitCode = EXIT.io
  })

runCli(process.argv.slice(2), { stdin: { isTTY: process.stdin.isTTY === true, read: readStdin } }).then(
  ({ code, stdout, stderr }) => {
    if (stdout) process.stdout.write(stdout)
    if (stderr) process.stderr.write(stderr)
    process.exitCode = code
  },
  (error: unknown) => {
    // runCli catches everything; this is the last guard against a stack trace.
    process.stderr.write(`internal error: ${String(error).split('\n')[0]}\n`)
    process.exitCode = EXIT.internal
  },
)
