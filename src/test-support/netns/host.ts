// A simulated ECS container instance for running generated host scripts against the real kernel.
//
// Three network namespaces:
//   host       per case, unshare -m -n: the instance. A private mount namespace puts overlays (upper
//              layers on a tmpfs) over /etc, /usr/local and /var, so whatever a script writes stays in the
//              namespace; /etc/alternatives there points iptables at the chosen backend. eth0 leads to the
//              metadata side; docker0 (172.17.0.1/16) is the Docker bridge. For the hand-started agent, a
//              listener stands in for its credential endpoint on 127.0.0.1:51679.
//   container  shared: a bridge-mode task, 172.17.0.2 on a veth that each case plugs into its docker0,
//              default route 172.17.0.1.
//   metadata   shared: the VPC side, answering on 169.254.169.254:80 and on each case's gateway
//              10.N.0.1:80 (the control address). 169.254.169.254 is not a host address (on EC2 it is
//              routed out of eth0), so container traffic to it is forwarded, where DOCKER-USER applies; a
//              local dummy address would be delivered through INPUT and no forwarding rule would see it.
// A Node agent (agent.ts) holds the container and metadata namespaces and the host's when it needs the
// listener; otherwise `cat` holds it. nsenter enters a namespace by its holder's PID.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import readline from 'node:readline'
import { AGENT_SOURCE } from './agent.ts'
import { dockerStart, type Family } from './docker-replay.ts'
import { RUN_UNIT, writeStubs } from './stubs.ts'
import { runCommand, type RunResult } from '../run-command.ts'

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
const SAVES = 'iptables-save; echo @@; ip6tables-save'

/** Both families' saves (SAVES output), without comments and counters. */
function parseSaves(output: string): Record<Family, string> {
  const [v4, v6] = output.split('@@\n').map((text) =>
    text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.replace(/\[\d+:\d+\]/g, '[0:0]'))
      .join('\n'),
  )
  return { 4: v4 ?? '', 6: v6 ?? '' }
}

/** Every table of both families emptied (built-in chains with ACCEPT policies, no other chain),
 * forwarding and route_localnet off: the kernel's state after a power cycle. */
const POWER_CYCLE = String.raw`
for tool in iptables ip6tables; do
  "$tool-save" | awk '/^\*/ || /^COMMIT/ { print } /^:/ && $2 != "-" { print $1, "ACCEPT", "[0:0]" }' | "$tool-restore" || exit 1
done
echo 0 > /proc/sys/net/ipv4/ip_forward
for f in /proc/sys/net/ipv4/conf/*/route_localnet; do echo 0 > "$f"; done
`

export type { RunResult }

/** Runs a command; `env` replaces the environment (nothing of the test runner's leaks into a script). */
function exec(command: string, args: string[], env?: Record<string, string>): Promise<RunResult> {
  return runCommand(command, args, { cwd: '/', env })
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

interface Holder {
  readonly pid: number
  stop(): void
}

const namespaceOf = (pid: number | 'self', kind: 'net' | 'mnt') => readlinkSync(`/proc/${pid}/ns/${kind}`)

/** Refuses to go on unless `pid` has namespaces of its own: nsenter into the test runner's namespaces
 * would mount over the real /etc and change the real firewall. */
function assertOwnNamespaces(label: string, pid: number, kinds: readonly ('net' | 'mnt')[]) {
  for (const kind of kinds)
    if (namespaceOf(pid, kind) === namespaceOf('self', kind))
      throw new Error(`${label}: process ${pid} is still in the test runner's ${kind} namespace`)
}

/** A bare process holding new namespaces (`unshare … cat`), ready once unshare has run cat. cat reads
 * the test runner's pipe, so the namespaces go away with the runner even if it dies without cleaning up. */
class CatHolder implements Holder {
  private constructor(
    readonly pid: number,
    private readonly child: ChildProcess,
  ) {}

  static async start(label: string, unshareArgs: string[]): Promise<CatHolder> {
    const child = spawn('unshare', [...unshareArgs, '--', 'cat'], { stdio: ['pipe', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const failed = new Promise<never>((_, reject) => {
      child.on('error', reject)
      child.on('exit', (code, signal) =>
        reject(
          new Error(
            `${label}: could not create the namespaces (unshare ${unshareArgs.join(' ')} exited with ${code ?? signal}): ${stderr.trim()}`,
          ),
        ),
      )
    })
    failed.catch(() => {})
    const pid = child.pid
    if (pid === undefined) throw new Error(`${label}: could not start unshare`)
    // unshare execs cat once the namespaces exist and mount propagation is private.
    for (let waited = 0; ; waited += 5) {
      let comm = ''
      try {
        comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
      } catch {
        /* gone: `failed` says why */
      }
      if (comm === 'cat') break
      if (waited > 30_000) {
        child.kill('SIGKILL')
        throw new Error(`${label}: unshare did not start cat in 30 s: ${stderr}`)
      }
      await Promise.race([failed, new Promise((resolve) => setTimeout(resolve, 5))])
    }
    return new CatHolder(pid, child)
  }

  stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) process.kill(this.pid, 'SIGKILL')
  }
}

/** A Node agent holding a namespace: ready once it has said so, then answers probes. */
class Agent implements Holder {
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
    try {
      await agent.ready
    } catch (error) {
      agent.stop()
      throw error
    }
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
    readonly container: Agent,
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
    const agents: Agent[] = []
    try {
      return await NetnsSuite.setUp(root, agents)
    } catch (error) {
      for (const agent of agents) agent.stop()
      rmSync(root, { recursive: true, force: true })
      throw error
    }
  }

  private static async setUp(root: string, agents: Agent[]): Promise<NetnsSuite> {
    for (const backend of BACKENDS) {
      mkdirSync(join(root, `backend-${backend}`))
      for (const tool of TOOLS)
        symlinkSync(findTool(backendTool(tool, backend))!, join(root, `backend-${backend}`, tool))
    }
    const agentPath = join(root, 'agent.mjs')
    writeFileSync(agentPath, AGENT_SOURCE)
    const stubDir = writeStubs(join(root, 'stubs'))
    const start = async (label: string, command: string[]) => {
      const agent = await Agent.start(label, command)
      agents.push(agent)
      assertOwnNamespaces(label, agent.pid, ['net'])
      return agent
    }
    const metadata = await start('metadata namespace', [
      'unshare',
      '-n',
      '--',
      process.execPath,
      agentPath,
      '--lo-up',
      '--listen',
      '0.0.0.0:80',
    ])
    // One container for all cases: each case plugs a new veth into it (and removes it when done).
    const container = await start('container namespace', [
      'unshare',
      '-n',
      '--',
      process.execPath,
      agentPath,
      '--lo-up',
    ])
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
    if (added.status !== 0) throw new Error(`metadata namespace: ${added.stderr}`)
    return new NetnsSuite(root, agentPath, stubDir, metadata, container)
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
    this.container.stop()
    rmSync(this.root, { recursive: true, force: true })
  }
}

/** What the target image has before user data runs, and how it boots. */
export interface Image {
  /** Directories, e.g. /etc/sysconfig. */
  dirs: readonly string[]
  /** Executable files and their text, e.g. Amazon Linux 1's /etc/rc.d/rc.local. */
  files?: Readonly<Record<string, string>>
  /** systemd: at boot, units ordered Before=docker.service run before Docker starts. sysv (Amazon Linux 1):
   * Docker's init script starts Docker, then /etc/rc.d/rc.local runs last. */
  init: 'systemd' | 'sysv'
}

export interface HostOptions {
  backend: Backend
  image: Image
  /** The hand-started agent: a listener on its credential endpoint (127.0.0.1:51679), and probes from the
   * host network. Costs a Node process, so only when asked. */
  agentListener?: boolean
}

export interface RebootReport {
  /** What the boot ran or skipped: each unit the script wrote under /etc/systemd/system, or rc.local. */
  steps: { name: string; ran: boolean; why: string }[]
  output: string
}

/** Where a script may write: each gets an overlay whose upper layer is $LAYERS/<name>/upper, on the
 * namespace's tmpfs. (/bin, /sbin and /lib are links into /usr on Debian; /tmp stays shared: the test's
 * own files are there.) */
const OVERLAID = ['/etc', '/usr', '/var', '/opt', '/root', '/home', '/srv']

/** The overlays, the backend in /etc/alternatives (scripts that call /usr/sbin/iptables by full path get
 * it too), the image's directories and files. */
function diskScript(image: Image): string {
  const files = Object.entries(image.files ?? {}).map(
    ([path, text]) =>
      `mkdir -p "$(dirname '${path}')"
printf '%s' '${text.replace(/'/g, `'\\''`)}' > '${path}'
chmod 0755 '${path}'`,
  )
  return String.raw`
for d in ${OVERLAID.join(' ')}; do
  [ -d "$d" ] || continue
  mkdir -p "$LAYERS$d/upper" "$LAYERS$d/work"
  mount -t overlay overlay -o "lowerdir=$d,upperdir=$LAYERS$d/upper,workdir=$LAYERS$d/work" "$d"
done
mkdir -p /etc/alternatives ${image.dirs.map((d) => `'${d}'`).join(' ')}
cp -P --remove-destination "$BACKEND_DIR"/* /etc/alternatives/
${files.join('\n')}
`
}

/** eth0 to the metadata side (10.N.0.10, gateway 10.N.0.1), docker0 with the container's veth. */
const NETWORK_SCRIPT = String.raw`
ip -batch - <<END
link add eth0 type veth peer name h$INDEX netns $METADATA_PID
addr add 10.$INDEX.0.10/24 dev eth0
link set eth0 up
route add default via 10.$INDEX.0.1
link add docker0 type bridge
addr add 172.17.0.1/16 dev docker0
link set docker0 up
link add veth0 type veth peer name eth0 netns $CONTAINER_PID
link set veth0 master docker0
link set veth0 up
END
nsenter -t "$METADATA_PID" -n ip -batch - <<END
addr add 10.$INDEX.0.1/24 dev h$INDEX
link set h$INDEX up
END
nsenter -t "$CONTAINER_PID" -n ip -batch - <<END
addr add 172.17.0.2/16 dev eth0
link set eth0 up
route add default via 172.17.0.1
END
echo 0 > /proc/sys/net/ipv4/ip_forward
`

/** One simulated instance. Create, use, then dispose(). */
export class TestHost {
  private constructor(
    private readonly suite: NetnsSuite,
    readonly backend: Backend,
    readonly index: number,
    readonly dir: string,
    private readonly host: Holder,
    private readonly image: Image,
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
    const unshare = ['-m', '-n', '--propagation', 'private']
    const host = options.agentListener
      ? await Agent.start('host namespace', [
          'unshare',
          ...unshare,
          '--',
          process.execPath,
          suite.agentPath,
          '--lo-up',
          '--listen',
          AGENT_LISTENER,
        ])
      : await CatHolder.start('host namespace', unshare)
    try {
      assertOwnNamespaces('host namespace', host.pid, ['net', 'mnt'])
    } catch (error) {
      host.stop()
      throw error
    }
    const testHost = new TestHost(suite, options.backend, index, dir, host, options.image)
    const setup = await testHost.shell(
      `set -eu
mount -t tmpfs tmpfs "$SCRATCH"
${diskScript(options.image)}
${NETWORK_SCRIPT}`,
      { METADATA_PID: String(suite.metadata.pid), CONTAINER_PID: String(suite.container.pid) },
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

  /** A new disk with only the image on it: what a script wrote so far is gone. */
  async resetDisk(): Promise<void> {
    const previous = join(this.scratch, `g${this.generation++}`)
    const result = await this.shell(
      `set -eu
for d in ${OVERLAID.join(' ')}; do if [ -d "$PREVIOUS$d" ]; then umount -l "$d"; fi; done
${diskScript(this.image)}`,
      { PREVIOUS: previous },
    )
    if (result.status !== 0) throw new Error(`resetting the disk failed: ${result.stderr}`)
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
    return exec('nsenter', ['-t', String(this.host.pid), '-m', '-n', '--', 'bash', '-c', script], env)
  }

  /** Runs a generated script as root, as cloud-init or a user would (`bash file`), and reads
   * iptables-save and ip6tables-save right after it. */
  async runScript(name: string, text: string): Promise<RunResult & { saves: Record<Family, string> }> {
    const path = join(this.dir, name.replace(/\//g, '_'))
    writeFileSync(path, text)
    const result = await this.shell(
      `bash '${path}' > '${path}.out' 2> '${path}.err'; status=$?; ${SAVES}; exit $status`,
    )
    return {
      status: result.status,
      stdout: readFileSync(`${path}.out`, 'utf8'),
      stderr: readFileSync(`${path}.err`, 'utf8') + result.stderr,
      saves: parseSaves(result.stdout),
    }
  }

  private async mustShell(what: string, script: string): Promise<string> {
    const result = await this.shell(script)
    if (result.status !== 0)
      throw new Error(`${what} failed (${result.status}): ${result.stderr}${result.stdout}`)
    return result.stdout
  }

  /** `iptables-save` and `ip6tables-save`, without comments and counters. */
  async saves(): Promise<Record<Family, string>> {
    return parseSaves(await this.mustShell('iptables-save', SAVES))
  }

  /** dockerd starts (or restarts): see docker-replay.ts. */
  async dockerStart(): Promise<void> {
    const [forward, ...saves] = (
      await this.mustShell('reading the firewall', `cat /proc/sys/net/ipv4/ip_forward; echo @@; ${SAVES}`)
    ).split('@@\n')
    const start = dockerStart(parseSaves(saves.join('@@\n')), forward!)
    for (const family of [4, 6] as const)
      writeFileSync(join(this.dir, `docker-v${family}.rules`), start.restore[family])
    await this.mustShell(
      'replaying Docker',
      [
        start.enablesForwarding ? 'echo 1 > /proc/sys/net/ipv4/ip_forward' : 'true',
        `iptables-restore --noflush < ${join(this.dir, 'docker-v4.rules')}`,
        `ip6tables-restore --noflush < ${join(this.dir, 'docker-v6.rules')}`,
      ].join(' && '),
    )
  }

  /** A power cycle as the kernel sees it: every table of both families empty with ACCEPT policies,
   * forwarding off, route_localnet off everywhere. Files on disk stay. */
  async powerCycle(): Promise<void> {
    await this.mustShell('flushing', POWER_CYCLE)
  }

  /** A reboot: a power cycle, then the boot. systemd-sysctl applies the /etc/sysctl.d files the script
   * wrote. With systemd, each unit the script wrote under /etc/systemd/system that is enabled and ordered
   * Before=docker.service runs its ExecStart, then Docker starts. Without (Amazon Linux 1), Docker starts,
   * then /etc/rc.d/rc.local runs. */
  async reboot(): Promise<RebootReport> {
    const boot = await this.shell(
      POWER_CYCLE +
        String.raw`
for f in "$LAYERS/etc/upper/sysctl.d/"*.conf; do
  [ -f "$f" ] && sysctl -q -p "/etc/sysctl.d/$(basename "$f")"
done
[ "$INIT" = systemd ] || exit 0
for f in "$LAYERS/etc/upper/systemd/system/"*.service; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  if ! grep -Eq '^Before=(.*[[:space:]])?docker\.service([[:space:]]|$)' "$f"; then echo "@step $name skipped: not ordered Before=docker.service"; continue; fi
  if ! ls -d /etc/systemd/system/*.wants/"$name" /etc/systemd/system/*.requires/"$name" 2>/dev/null | grep -q .; then echo "@step $name skipped: not enabled (no .wants or .requires link)"; continue; fi
  if ${RUN_UNIT} "/etc/systemd/system/$name"; then echo "@step $name ran: ExecStart succeeded"; else echo "@step $name ran: ExecStart failed with $?"; fi
done
`,
      { INIT: this.image.init },
    )
    await this.dockerStart()
    let output = boot.stdout + boot.stderr
    if (this.image.init === 'sysv') {
      const rcLocal = await this.shell(String.raw`
if [ -x /etc/rc.d/rc.local ]; then
  if /etc/rc.d/rc.local; then echo "@step /etc/rc.d/rc.local ran: exit 0"; else echo "@step /etc/rc.d/rc.local ran: failed with $?"; fi
else echo "@step /etc/rc.d/rc.local skipped: missing or not executable"; fi`)
      output += rcLocal.stdout + rcLocal.stderr
    }
    const steps = output
      .split('\n')
      .filter((line) => line.startsWith('@step '))
      .map((line) => {
        const [name, what] = line.slice('@step '.length).split(/ (?=ran:|skipped:)/)
        return { name: name!, ran: what!.startsWith('ran:'), why: what!.replace(/^(ran|skipped): /, '') }
      })
    return { steps, output }
  }

  /** Connects from the container (a bridge-mode task) or from the host network to `target`. */
  async probe(from: 'container' | 'host', target: string): Promise<ProbeResult> {
    if (from === 'container') return this.suite.container.probe(target, this.control)
    if (!(this.host instanceof Agent)) throw new Error('probes from the host network need agentListener')
    return this.host.probe(target, this.control)
  }

  /** Files the scripts wrote (the overlays' upper layers), as absolute paths. */
  async writtenFiles(): Promise<string[]> {
    const out = await this.mustShell(
      'listing written files',
      'cd "$LAYERS" && find . -path "./*/upper/*" \\( -type f -o -type l \\) | sort',
    )
    return out
      .split('\n')
      .filter(Boolean)
      .map((p) => p.replace(/^\.(\/[^/]+)\/upper\//, '$1/'))
      .filter((p) => !p.startsWith('/etc/alternatives/'))
  }

  /** The stubbed commands the scripts ran, in order. */
  stubCalls(): string[] {
    return readFileSync(join(this.dir, 'calls.log'), 'utf8').split('\n').filter(Boolean)
  }

  dispose() {
    // Unplug the shared container and metadata namespaces now: a dead namespace's devices go away later.
    spawnSync('nsenter', ['-t', String(this.host.pid), '-n', 'ip', '-force', '-batch', '-'], {
      input: 'link del veth0\nlink del eth0\n',
      stdio: ['pipe', 'ignore', 'ignore'],
    })
    this.host.stop()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
