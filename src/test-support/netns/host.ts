// A simulated ECS container instance for running generated host scripts against the real kernel.
//
// Per case, three network namespaces:
//   host       unshare -m -n: the instance. A private mount namespace puts overlays (upper layer on a
//              tmpfs) over /etc, /usr/local and /var, so whatever a script writes stays in the namespace;
//              /etc/alternatives there points iptables at the chosen backend. eth0 leads to the metadata
//              side; docker0 (172.17.0.1/16) is the Docker bridge. A listener stands in for the ECS
//              agent's credential endpoint on 127.0.0.1:51679.
//   container  unshare -n: a bridge-mode task, 172.17.0.2 on a veth in docker0, default route 172.17.0.1.
//   metadata   one for the whole suite: the VPC side, answering on 169.254.169.254:80 and on the host's
//              gateway 10.N.0.1:80 (the control address). 169.254.169.254 is not a host address (on EC2 it
//              is routed out of eth0), so container traffic to it is forwarded, where DOCKER-USER applies;
//              a local dummy address would be delivered through INPUT and no forwarding rule would see it.
// Each namespace is held by one Node agent (agent.ts); its PID is what nsenter enters.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import readline from 'node:readline'
import { AGENT_SOURCE } from './agent.ts'
import { dockerStart, parseSave, type Family } from './docker-replay.ts'
import { RUN_UNIT, writeStubs } from './stubs.ts'

export type Backend = 'legacy' | 'nft'
export const BACKENDS: readonly Backend[] = ['legacy', 'nft']

export const IMDS = '169.254.169.254:80'
export const CREDENTIALS = '169.254.170.2:80'
export const AGENT_LISTENER = '127.0.0.1:51679'

const TOOLS = [
  'iptables',
  'iptables-save',
  'iptables-restore',
  'ip6tables',
  'ip6tables-save',
  'ip6tables-restore',
]
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

export interface RunResult {
  status: number | null
  stdout: string
  stderr: string
}

function exec(command: string, args: string[], input?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: '/', stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
    child.stdin.end(input ?? '')
  })
}

/** iptables-save → iptables-legacy-save */
const backendTool = (tool: string, backend: Backend) => tool.replace(/^(ip6?tables)/, `$1-${backend}`)

function findTool(name: string): string | undefined {
  return ['/usr/sbin', '/sbin', '/usr/bin', '/bin'].map((dir) => join(dir, name)).find((p) => existsSync(p))
}

export interface ProbeResult {
  /** The banner of the listener reached ("169.254.169.254:80"), or null when the target did not answer. */
  target: string | null
  targetError: string | null
  control: string | null
  controlError: string | null
}

/** A Node agent holding a namespace: ready once it has said so, then answers probes. */
class Agent {
  readonly pid: number
  private nextId = 1
  private readonly pending = new Map<number, (r: ProbeResult) => void>()
  private stderr = ''
  private readonly ready: Promise<void>

  constructor(
    label: string,
    private readonly child: ChildProcess,
  ) {
    if (child.pid === undefined) throw new Error(`${label}: could not start ${child.spawnfile}`)
    this.pid = child.pid
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (this.stderr += d))
    const lines = readline.createInterface({ input: child.stdout! })
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${label}: no answer in 30 s. ${this.stderr}`)), 30_000)
      child.on('exit', (code, signal) => {
        for (const answer of this.pending.values())
          answer({
            target: null,
            targetError: 'agent exited',
            control: null,
            controlError: `${label} exited`,
          })
        this.pending.clear()
        reject(
          new Error(
            `${label}: could not create the namespace (${child.spawnargs.join(' ')} exited with ${code ?? signal}): ${this.stderr.trim()}`,
          ),
        )
      })
      lines.on('line', (line) => {
        const message = JSON.parse(line) as { ready?: boolean; error?: string; id?: number } & ProbeResult
        if (message.ready === true) {
          clearTimeout(timer)
          resolve()
        } else if (message.ready === false) reject(new Error(`${label}: ${message.error}`))
        else if (message.id !== undefined) this.pending.get(message.id)?.(message)
      })
    })
  }

  static async start(label: string, command: string[]): Promise<Agent> {
    const agent = new Agent(label, spawn(command[0]!, command.slice(1), { cwd: '/', stdio: 'pipe' }))
    await agent.ready
    return agent
  }

  probe(target: string, control: string): Promise<ProbeResult> {
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, resolve)
      this.child.stdin!.write(`${JSON.stringify({ id, target, control })}\n`)
    })
  }

  stop() {
    this.child.stdin?.destroy()
    if (this.child.exitCode === null && this.child.signalCode === null) process.kill(this.pid, 'SIGKILL')
  }
}

/** Everything the cases share: a temporary directory, the stubs, the backend selectors and the metadata
 * namespace. Fails with the reason when namespaces cannot be created or a tool is missing. */
export class NetnsSuite {
  private index = 0
  private constructor(
    readonly root: string,
    readonly agentPath: string,
    readonly stubDir: string,
    readonly metadata: Agent,
  ) {}

  static async start(): Promise<NetnsSuite> {
    if (process.getuid?.() !== 0) throw new Error('the namespace tests need root (unshare -m -n)')
    const missing = [
      'unshare',
      'nsenter',
      'ip',
      'sysctl',
      ...BACKENDS.flatMap((b) => TOOLS.map((t) => backendTool(t, b))),
    ].filter((tool) => !findTool(tool))
    if (missing.length > 0)
      throw new Error(`missing tools: ${missing.join(', ')} (apt-get install iptables iproute2)`)
    const root = mkdtempSync(join(tmpdir(), 'ecs-wizard-netns-'))
    for (const backend of BACKENDS) {
      mkdirSync(join(root, `backend-${backend}`))
      for (const tool of TOOLS)
        symlinkSync(findTool(backendTool(tool, backend))!, join(root, `backend-${backend}`, tool))
    }
    const agentPath = join(root, 'agent.mjs')
    writeFileSync(agentPath, AGENT_SOURCE)
    const stubDir = writeStubs(join(root, 'stubs'))
    const metadata = await Agent.start('metadata namespace', [
      'unshare',
      '-n',
      '--',
      process.execPath,
      agentPath,
      '--lo-up',
      '--listen',
      '0.0.0.0:80',
    ])
    const suite = new NetnsSuite(root, agentPath, stubDir, metadata)
    const added = await exec('nsenter', [
      '-t',
      String(metadata.pid),
      '-n',
      'ip',
      'addr',
      'add',
      '169.254.169.254/32',
      'dev',
      'lo',
    ])
    if (added.status !== 0) {
      suite.close()
      throw new Error(`metadata namespace: ${added.stderr}`)
    }
    return suite
  }

  nextIndex(): number {
    this.index = (this.index % 250) + 1
    return this.index
  }

  backendDir(backend: Backend): string {
    return join(this.root, `backend-${backend}`)
  }

  close() {
    this.metadata.stop()
    rmSync(this.root, { recursive: true, force: true })
  }
}

export interface HostOptions {
  backend: Backend
  /** Directories the target image has (created before the script runs), e.g. /etc/sysconfig. */
  imageDirs: readonly string[]
}

export interface RebootReport {
  /** Units the script wrote under /etc/systemd/system, with what the reboot did with each. */
  units: { name: string; ran: boolean; why: string }[]
  output: string
}

/** Overlays over /etc, /usr/local and /var in $LAYERS (on the namespace's tmpfs), the backend in
 * /etc/alternatives (scripts that call /usr/sbin/iptables by full path get it too), the image's
 * directories. */
function diskScript(imageDirs: readonly string[]): string {
  return String.raw`
for d in /etc /usr/local /var; do
  n=$(echo "$d" | tr / _)
  mkdir -p "$LAYERS/$n/upper" "$LAYERS/$n/work"
  mount -t overlay overlay -o "lowerdir=$d,upperdir=$LAYERS/$n/upper,workdir=$LAYERS/$n/work" "$d"
done
mkdir -p /etc/alternatives
for tool in ${TOOLS.join(' ')}; do ln -sfn "$(readlink "$BACKEND_DIR/$tool")" "/etc/alternatives/$tool"; done
mkdir -p /etc ${imageDirs.map((d) => `'${d}'`).join(' ')}
`
}

const NETWORK_SCRIPT = String.raw`
ip link add eth0 type veth peer name "h$INDEX" netns "$METADATA_PID"
nsenter -t "$METADATA_PID" -n sh -ec "ip addr add 10.$INDEX.0.1/24 dev h$INDEX; ip link set h$INDEX up"
ip addr add "10.$INDEX.0.10/24" dev eth0
ip link set eth0 up
ip route add default via "10.$INDEX.0.1"
ip link add docker0 type bridge
ip addr add 172.17.0.1/16 dev docker0
ip link set docker0 up
ip link add veth0 type veth peer name eth0 netns "$CONTAINER_PID"
ip link set veth0 master docker0
ip link set veth0 up
nsenter -t "$CONTAINER_PID" -n sh -ec "ip addr add 172.17.0.2/16 dev eth0; ip link set eth0 up; ip route add default via 172.17.0.1"
sysctl -qw net.ipv4.ip_forward=0
`

/** One simulated instance. Create, use, then dispose(). */
export class TestHost {
  private constructor(
    private readonly suite: NetnsSuite,
    readonly backend: Backend,
    readonly index: number,
    readonly dir: string,
    private readonly host: Agent,
    private readonly container: Agent,
  ) {}

  /** The control address: the metadata side's end of eth0, reached on the same path as the metadata
   * service and blocked by nothing. */
  get control(): string {
    return `10.${this.index}.0.1:80`
  }

  static async create(suite: NetnsSuite, options: HostOptions): Promise<TestHost> {
    const index = suite.nextIndex()
    const dir = join(suite.root, `case-${index}-${options.backend}`)
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(join(dir, 'scratch'), { recursive: true })
    writeFileSync(join(dir, 'calls.log'), '')
    const node = [process.execPath, suite.agentPath, '--lo-up']
    const [host, container] = await Promise.allSettled([
      Agent.start('host namespace', [
        'unshare',
        '-m',
        '-n',
        '--propagation',
        'private',
        '--',
        ...node,
        '--listen',
        AGENT_LISTENER,
      ]),
      Agent.start('container namespace', ['unshare', '-n', '--', ...node]),
    ])
    if (host.status === 'rejected' || container.status === 'rejected') {
      for (const agent of [host, container]) if (agent.status === 'fulfilled') agent.value.stop()
      throw [host, container].find((a) => a.status === 'rejected')!.reason
    }
    const testHost = new TestHost(suite, options.backend, index, dir, host.value, container.value)
    const setup = await testHost.shell(
      `set -eu
mount -t tmpfs tmpfs "$SCRATCH"
${diskScript(options.imageDirs)}
${NETWORK_SCRIPT}`,
      { METADATA_PID: String(suite.metadata.pid), CONTAINER_PID: String(container.value.pid) },
    )
    if (setup.status !== 0) {
      testHost.dispose()
      throw new Error(`could not set up the namespaces: ${setup.stderr}`)
    }
    return testHost
  }

  private generation = 0

  private get scratch() {
    return join(this.dir, 'scratch')
  }

  /** A new, empty disk (the image's directories only): what a script wrote so far is gone. */
  async resetDisk(imageDirs: readonly string[]): Promise<void> {
    this.generation++
    await this.mustShell(
      'resetting the disk',
      `set -eu
for d in /var /usr/local /etc; do umount -l "$d"; done
${diskScript(imageDirs)}`,
    )
  }

  /** Runs bash in the host namespaces (mount and network) with the backend and the stubs first on PATH. */
  shell(script: string, extraEnv: Record<string, string> = {}): Promise<RunResult> {
    const env = {
      PATH: `${this.suite.backendDir(this.backend)}:${this.suite.stubDir}:${SYSTEM_PATH}`,
      HOME: '/root',
      LANG: 'C.UTF-8',
      STUB_LOG: join(this.dir, 'calls.log'),
      SCRATCH: this.scratch,
      LAYERS: join(this.scratch, `g${this.generation}`),
      BACKEND_DIR: this.suite.backendDir(this.backend),
      INDEX: String(this.index),
      ...extraEnv,
    }
    const pairs = Object.entries(env).map(([k, v]) => `${k}=${v}`)
    return exec('nsenter', [
      '-t',
      String(this.host.pid),
      '-m',
      '-n',
      '--',
      'env',
      '-i',
      ...pairs,
      'bash',
      '-c',
      script,
    ])
  }

  /** Runs a generated script as root, as cloud-init or a user would: `bash file`. */
  runScript(name: string, text: string): Promise<RunResult> {
    const path = join(this.dir, name.replace(/\//g, '_'))
    writeFileSync(path, text)
    return this.shell(`exec bash '${path}'`)
  }

  private async mustShell(what: string, script: string): Promise<string> {
    const result = await this.shell(script)
    if (result.status !== 0)
      throw new Error(`${what} failed (${result.status}): ${result.stderr}${result.stdout}`)
    return result.stdout
  }

  /** `iptables-save` and `ip6tables-save`, without comments and counters. */
  async saves(): Promise<Record<Family, string>> {
    const out = await this.mustShell('iptables-save', 'iptables-save && echo @@ && ip6tables-save')
    const [v4, v6] = out.split('@@\n').map((text) =>
      text
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((line) => line.replace(/\[\d+:\d+\]/g, '[0:0]'))
        .join('\n'),
    )
    return { 4: v4 ?? '', 6: v6 ?? '' }
  }

  /** dockerd starts (or restarts): see docker-replay.ts. */
  async dockerStart(): Promise<void> {
    const forward = (await this.mustShell('reading ip_forward', 'cat /proc/sys/net/ipv4/ip_forward')).trim()
    const start = dockerStart(await this.saves(), forward)
    for (const family of [4, 6] as const)
      writeFileSync(join(this.dir, `docker-v${family}.rules`), start.restore[family])
    await this.mustShell(
      'replaying Docker',
      [
        start.enablesForwarding ? 'sysctl -qw net.ipv4.ip_forward=1' : 'true',
        `iptables-restore --noflush < ${join(this.dir, 'docker-v4.rules')}`,
        `ip6tables-restore --noflush < ${join(this.dir, 'docker-v6.rules')}`,
      ].join(' && '),
    )
  }

  /** A power cycle as the kernel sees it: every table of both families empty with ACCEPT policies,
   * forwarding off, route_localnet off everywhere. Files on disk stay. */
  async powerCycle(): Promise<void> {
    const saves = await this.saves()
    const empty = (family: Family) =>
      [...parseSave(saves[family])]
        .map(([table, chains]) => {
          const builtins = [...chains]
            .filter(([, c]) => c.policy !== undefined)
            .map(([name]) => `:${name} ACCEPT [0:0]`)
          return `*${table}\n${builtins.join('\n')}\nCOMMIT\n`
        })
        .join('')
    writeFileSync(join(this.dir, 'empty-v4.rules'), empty(4))
    writeFileSync(join(this.dir, 'empty-v6.rules'), empty(6))
    await this.mustShell(
      'flushing',
      `iptables-restore < ${join(this.dir, 'empty-v4.rules')} && ip6tables-restore < ${join(this.dir, 'empty-v6.rules')}
sysctl -qw net.ipv4.ip_forward=0
for f in /proc/sys/net/ipv4/conf/*/route_localnet; do echo 0 > "$f"; done`,
    )
  }

  /** A reboot: power cycle, then what runs before docker.service: systemd-sysctl applies the
   * /etc/sysctl.d files the script wrote, and each unit the script wrote under /etc/systemd/system that
   * is enabled and ordered Before=docker.service runs its ExecStart. Docker itself is the caller's next
   * step (dockerStart). */
  async reboot(): Promise<RebootReport> {
    await this.powerCycle()
    const result = await this.shell(String.raw`
for f in "$LAYERS/_etc/upper/sysctl.d/"*.conf; do
  [ -f "$f" ] && sysctl -q -p "/etc/sysctl.d/$(basename "$f")"
done
for f in "$LAYERS/_etc/upper/systemd/system/"*.service; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  if ! grep -Eq '^Before=(.*[[:space:]])?docker\.service([[:space:]]|$)' "$f"; then echo "@unit $name skip not ordered Before=docker.service"; continue; fi
  if ! ls /etc/systemd/system/*.wants/"$name" >/dev/null 2>&1; then echo "@unit $name skip not enabled (no .wants link)"; continue; fi
  if ${RUN_UNIT} "/etc/systemd/system/$name"; then echo "@unit $name ran ExecStart succeeded"; else echo "@unit $name ran ExecStart failed with $?"; fi
done
`)
    const units = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('@unit '))
      .map((line) => {
        const [, name, what, ...why] = line.split(' ')
        return { name: name!, ran: what === 'ran', why: why.join(' ') }
      })
    return { units, output: result.stdout + result.stderr }
  }

  /** Connects from the container (a bridge-mode task) or from the host network to `target`. */
  async probe(from: 'container' | 'host', target: string): Promise<ProbeResult> {
    return (from === 'container' ? this.container : this.host).probe(target, this.control)
  }

  /** Files the scripts wrote (the overlays' upper layers), as absolute paths. */
  async writtenFiles(): Promise<string[]> {
    const out = await this.mustShell(
      'listing written files',
      'cd "$LAYERS" && find _etc/upper _usr_local/upper _var/upper \\( -type f -o -type l \\) | sort',
    )
    return out
      .split('\n')
      .filter(Boolean)
      .map((p) =>
        p
          .replace(/^_etc\/upper/, '/etc')
          .replace(/^_usr_local\/upper/, '/usr/local')
          .replace(/^_var\/upper/, '/var'),
      )
      .filter((p) => !p.startsWith('/etc/alternatives/'))
  }

  /** The stubbed commands the scripts ran, in order. */
  stubCalls(): string[] {
    return readFileSync(join(this.dir, 'calls.log'), 'utf8').split('\n').filter(Boolean)
  }

  dispose() {
    this.host.stop()
    this.container.stop()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
