// The small Node program that lives inside each test network namespace (started by `unshare -n`, so its
// PID names the namespace for nsenter). It serves TCP listeners that answer every connection with the
// address it reached ("169.254.169.254:80"), and answers probe requests read from stdin as JSON lines.
//
// A probe connects to the target first and to a control address second, on the same path. The kernel
// answers a SYN in softirq without waiting for any process, so once the control connection is up, a
// target that would have connected has connected too: after a grace (25 ms plus twice what the control
// took, so a loaded machine waits longer) and one more poll of the event loop, an unanswered target is
// blocked, without waiting out a long timeout. A probe whose control fails
// reports that, so a broken simulation never reads as "blocked".
//
// Kept as plain JavaScript in a string: Node 20 cannot run TypeScript, and tsx would cost a second of
// start-up per namespace.
export const AGENT_SOURCE = String.raw`
import net from 'node:net'
import readline from 'node:readline'
import { execFileSync } from 'node:child_process'

const args = process.argv.slice(2)
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n')
if (args.includes('--lo-up')) execFileSync('ip', ['link', 'set', 'lo', 'up'])
const listens = args.filter((_, i) => args[i - 1] === '--listen')
let waiting = listens.length
for (const address of listens) {
  const colon = address.lastIndexOf(':')
  const server = net.createServer((socket) => {
    socket.on('error', () => {})
    socket.end(socket.localAddress + ':' + socket.localPort + '\n')
  })
  server.on('error', (error) => {
    send({ ready: false, error: 'listen ' + address + ': ' + error.message })
    process.exit(1)
  })
  server.listen(Number(address.slice(colon + 1)), address.slice(0, colon), () => {
    if (--waiting === 0) send({ ready: true })
  })
}
if (listens.length === 0) send({ ready: true })

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function attempt(address) {
  const colon = address.lastIndexOf(':')
  const result = { banner: null, error: null, finished: false }
  const socket = net.connect({ host: address.slice(0, colon), port: Number(address.slice(colon + 1)) })
  result.socket = socket
  result.done = new Promise((resolve) => {
    let buffer = ''
    socket.setEncoding('utf8')
    const finish = () => {
      result.finished = true
      resolve()
    }
    socket.on('data', (chunk) => {
      buffer += chunk
      if (buffer.includes('\n')) {
        result.banner = buffer.trim()
        socket.destroy()
        finish()
      }
    })
    socket.on('error', (error) => {
      result.error = error.code || error.message
      finish()
    })
    socket.on('close', finish)
  })
  return result
}

async function probe({ id, target, control, timeoutMs = 3000 }) {
  const started = Date.now()
  const t = attempt(target)
  const c = attempt(control)
  await Promise.race([c.done, sleep(timeoutMs)])
  if (!t.finished) {
    await Promise.race([t.done, sleep(25 + 2 * (Date.now() - started))])
    await new Promise((resolve) => setImmediate(resolve))
  }
  t.socket.destroy()
  c.socket.destroy()
  return { id, target: t.banner, targetError: t.error, control: c.banner, controlError: c.error }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const request = JSON.parse(line)
  probe(request).then(send, (error) => send({ id: request.id, failure: String(error) }))
})
process.stdin.on('end', () => process.exit(0))
`
