// Every generated Linux host script (host/iptables.sh and ec2/user-data.sh) run as root against the real
// kernel, on both iptables backends, in fresh namespaces with a simulated Docker, and judged by real
// packets from a bridge-mode container (src/test-support/netns/host.ts):
//   - it exits 0, and a second run leaves iptables-save and ip6tables-save as they were;
//   - with the IMDS block configured (bridge mode), the container cannot reach 169.254.169.254:80 when the
//     script ran before Docker set up its chains, after a Docker restart, when it ran after Docker, and
//     after a reboot; with the block off, and before the script runs, it does connect (so the test can
//     fail);
//   - with the hand-started agent, 169.254.170.2:80 reaches the agent's listener on 127.0.0.1:51679, from
//     the container and from the host network.
// A reboot empties every table, runs the enabled units the script wrote under /etc/systemd/system that are
// ordered Before=docker.service, then starts Docker: the persistence contract, whatever the units run.
// Amazon Linux 1 has no systemd: there Docker starts, then /etc/rc.d/rc.local runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readConfig } from '../config/schema.ts'
import { amiInfo } from '../knowledge/amis.ts'
import { loadScenarios } from '../test-support/scenarios.ts'
import {
  AGENT_LISTENER,
  BACKENDS,
  CREDENTIALS,
  IMDS,
  NetnsSuite,
  TestHost,
  type Backend,
  type Image,
  type ProbeResult,
  type RebootReport,
  type RunResult,
} from '../test-support/netns/host.ts'
import { DOCKER_V28_RULES } from '../test-support/netns/docker-replay.ts'
import type { WizardConfig } from '../config/schema.ts'

const SCRIPTS = ['ec2/user-data.sh', 'host/iptables.sh'] as const

interface Case {
  scenario: string
  path: (typeof SCRIPTS)[number]
  text: string
  /** 'blocked' in bridge mode with the block on, 'connects' with the block off; nothing is asserted for
   * the other network modes, whose tasks a DOCKER-USER rule does not concern. */
  imds: 'blocked' | 'connects' | undefined
  manualAgent: boolean
  image: Image
}

/** What the target image has before user data runs, and how it boots. */
function imageOf(config: WizardConfig): Image {
  const dirs = ['/etc/systemd/system', '/etc/sysctl.d', '/usr/local/sbin', '/usr/local/bin']
  const ami = amiInfo(config.ami)
  if (!ami.asksHostFamily || config.hostFamily === 'rhel') dirs.push('/etc/sysconfig')
  // The ECS-optimized AMIs and the ecs-init package ship /etc/ecs.
  if (ami.launcher === 'ecs-init') dirs.push('/etc/ecs')
  if (config.ami !== 'al1') return { dirs, init: 'systemd' }
  // Amazon Linux 1 (upstart and SysV scripts, no systemd) ships this rc.local (initscripts).
  return {
    dirs: [...dirs, '/etc/rc.d', '/var/lock/subsys'],
    files: {
      '/etc/rc.d/rc.local':
        '#!/bin/sh\n#\n# This script will be executed *after* all the other init scripts.\n\ntouch /var/lock/subsys/local\n',
    },
    init: 'sysv',
  }
}

const cases: Case[] = loadScenarios().flatMap(({ name, raw, result: { files } }) => {
  const config = readConfig(raw).config
  if (config.os !== 'linux') return []
  return SCRIPTS.flatMap((path) => {
    const file = files.find((f) => f.path === path)
    if (!file) return []
    return [
      {
        scenario: name,
        path,
        text: file.text,
        // Expected from the configuration, not from the generator's own context.
        imds: !config.blockInstanceMetadata
          ? ('connects' as const)
          : config.networkMode === 'bridge'
            ? ('blocked' as const)
            : undefined,
        manualAgent: config.ami === 'manual-agent',
        image: imageOf(config),
      },
    ]
  })
})

let suite: NetnsSuite | undefined
let suiteError: unknown
beforeAll(async () => {
  try {
    suite = await NetnsSuite.start()
  } catch (error) {
    suiteError = error
  }
})
afterAll(() => suite?.close())

/** The suite, or the reason it could not start: every test fails with it, none is skipped. */
function netns(): NetnsSuite {
  if (suite) return suite
  throw suiteError instanceof Error ? suiteError : new Error(`namespaces unavailable: ${String(suiteError)}`)
}

const STAGES = {
  beforeDocker: 'the script ran before Docker set up its chains',
  restart: 'after a Docker restart',
  afterDocker: 'the script ran after Docker set up its chains',
  reboot: 'after a reboot (flush, enabled Before=docker.service units, Docker)',
} as const
type Stage = keyof typeof STAGES
const stageLabel = (stage: Stage, c: Case) =>
  stage === 'reboot' && c.image.init === 'sysv'
    ? 'after a reboot (flush, Docker, /etc/rc.d/rc.local)'
    : STAGES[stage]

interface Probes {
  imds: ProbeResult
  credentials?: ProbeResult
  hostCredentials?: ProbeResult
}

interface Observations {
  first: RunResult
  second: RunResult
  idempotentBeforeDocker: { before: Record<4 | 6, string>; after: Record<4 | 6, string> }
  third: RunResult
  fourth: RunResult
  idempotentAfterDocker: { before: Record<4 | 6, string>; after: Record<4 | 6, string> }
  withoutScript: Probes
  stages: Record<Stage, Probes>
  reboot: RebootReport
  written: string[]
  calls: string[]
}

async function probeAll(host: TestHost, c: Case): Promise<Probes> {
  const [imds, credentials, hostCredentials] = await Promise.all([
    host.probe('container', IMDS),
    c.manualAgent ? host.probe('container', CREDENTIALS) : undefined,
    c.manualAgent ? host.probe('host', CREDENTIALS) : undefined,
  ])
  return { imds, credentials, hostCredentials }
}

// Scenarios often produce the same script, differing only in comments (the configuration link): such
// a script runs once per backend and image, and every scenario that has it gets the same observations.
const observations = new Map<string, Promise<Observations>>()
function observeOnce(c: Case, backend: Backend): Promise<Observations> {
  const code = c.text.split('\n').filter((line) => !/^\s*#(?!!)/.test(line))
  const key = JSON.stringify([backend, c.path, c.image, c.manualAgent, code])
  let observed = observations.get(key)
  if (!observed) observations.set(key, (observed = observe(c, backend)))
  return observed
}

/** The whole life of one script on one backend, in one set of namespaces. */
async function observe(c: Case, backend: Backend): Promise<Observations> {
  const host = await TestHost.create(netns(), {
    backend,
    image: c.image,
    agentListener: c.manualAgent,
  })
  try {
    // A new instance: user data runs before Docker has started.
    const first = await host.runScript(c.path, c.text)
    const second = await host.runScript(c.path, c.text)
    await host.dockerStart()
    const beforeDocker = await probeAll(host, c)
    await host.dockerStart()
    const restart = await probeAll(host, c)

    // A running instance the script never touched: Docker is up, then the script runs (twice).
    await host.resetDisk()
    await host.powerCycle()
    await host.dockerStart()
    const withoutScript = await probeAll(host, c)
    const third = await host.runScript(c.path, c.text)
    const fourth = await host.runScript(c.path, c.text)
    const afterDocker = await probeAll(host, c)

    const reboot = await host.reboot()
    const afterReboot = await probeAll(host, c)
    return {
      first,
      second,
      idempotentBeforeDocker: { before: first.saves, after: second.saves },
      third,
      fourth,
      idempotentAfterDocker: { before: third.saves, after: fourth.saves },
      withoutScript,
      stages: { beforeDocker, restart, afterDocker, reboot: afterReboot },
      reboot,
      written: await host.writtenFiles(),
      calls: host.stubCalls(),
    }
  } finally {
    host.dispose()
  }
}

const output = (r: RunResult) => `exit ${r.status}\n--- stderr\n${r.stderr}--- stdout\n${r.stdout}`

function context(o: Observations, stage: Stage): string {
  const lines = [
    `runs: ${o.first.status}, ${o.second.status} (before Docker); ${o.third.status}, ${o.fourth.status} (after)`,
  ]
  if (o.first.status !== 0) lines.push(output(o.first))
  if (stage === 'reboot') {
    lines.push(
      `boot steps: ${o.reboot.steps.map((u) => `${u.name} (${u.ran ? 'ran' : 'skipped'}: ${u.why})`).join(', ') || 'none (no unit written under /etc/systemd/system)'}`,
      `files the script wrote: ${o.written.join(', ') || 'none'}`,
      `stubbed commands: ${o.calls.join('; ') || 'none'}`,
    )
    if (o.reboot.output.trim()) lines.push(o.reboot.output.trim())
  }
  return lines.join('\n')
}

/** The control address must have answered, or the simulation is broken and nothing can be concluded. */
function expectControl(p: ProbeResult | undefined, what: string) {
  expect(p, what).toBeDefined()
  expect(
    p!.control,
    `${what}: the control connection failed (${p!.controlError}); the simulated network is broken`,
  ).not.toBeNull()
}

function expectBlocked(p: ProbeResult | undefined, what: string) {
  expectControl(p, what)
  expect(p!.target, `${what}: expected no answer`).toBeNull()
}

function expectReached(p: ProbeResult | undefined, banner: string, what: string) {
  expectControl(p, what)
  expect(p!.target, `${what} (${p!.targetError ?? 'no answer'})`).toBe(banner)
}

describe.each(BACKENDS)('harness [%s]', (backend) => {
  // Checks that the simulation itself can fail: Docker's chains come out as moby documents them, a
  // restart changes nothing, and the probe sees a DROP in DOCKER-USER.
  let host: TestHost | undefined
  let failure: unknown
  beforeAll(async () => {
    try {
      host = await TestHost.create(netns(), { backend, image: { dirs: [], init: 'systemd' } })
    } catch (error) {
      failure = error
    }
  })
  afterAll(() => host?.dispose())
  const ready = () => {
    if (!host) throw failure instanceof Error ? failure : new Error(String(failure))
    return host
  }

  it("replaying a Docker start on an empty host gives moby v28.5.2's documented rules (FORWARD policy DROP)", async () => {
    const h = ready()
    await h.dockerStart()
    for (const table of ['filter', 'nat'] as const) {
      const listed = (await h.shell(`iptables -t ${table} -S`)).stdout.split('\n').filter(Boolean)
      expect(listed.filter((l) => l.startsWith('-N')).sort()).toEqual(
        DOCKER_V28_RULES[table].filter((l) => l.startsWith('-N')).sort(),
      )
      expect(listed.filter((l) => l.startsWith('-A'))).toEqual(
        DOCKER_V28_RULES[table].filter((l) => l.startsWith('-A')),
      )
    }
    expect((await h.shell('iptables -S FORWARD')).stdout.split('\n')[0]).toBe('-P FORWARD DROP')
    expect((await h.shell('sysctl -n net.ipv4.ip_forward')).stdout.trim()).toBe('1')
  })

  it('replaying a Docker restart changes nothing', async () => {
    const h = ready()
    const before = await h.saves()
    await h.dockerStart()
    expect(await h.saves()).toEqual(before)
  })

  it('a container reaches 169.254.169.254:80 through Docker, and a DROP in DOCKER-USER blocks it', async () => {
    const h = ready()
    expectReached(await h.probe('container', IMDS), IMDS, 'container → IMDS with Docker only')
    expectBlocked(await h.probe('container', CREDENTIALS), 'container → 169.254.170.2:80 without a proxy')
    await h.shell('iptables -I DOCKER-USER -d 169.254.169.254 -j DROP')
    expectBlocked(await h.probe('container', IMDS), 'container → IMDS with a DROP in DOCKER-USER')
  })
})

describe.each(
  cases.flatMap((c) =>
    BACKENDS.map((backend) => [`${c.scenario} › ${c.path} › ${backend}`, c, backend] as const),
  ),
)('%s', (_name, c, backend) => {
  let observed: Observations | undefined
  let failure: unknown
  beforeAll(async () => {
    try {
      observed = await observeOnce(c, backend)
    } catch (error) {
      failure = error
    }
  })
  const o = (): Observations => {
    if (!observed) throw failure instanceof Error ? failure : new Error(String(failure))
    return observed
  }

  it('exits 0 on a new instance, before Docker starts', () => {
    expect(o().first.status, output(o().first)).toBe(0)
  })
  it('a second run before Docker changes nothing (iptables-save, ip6tables-save)', () => {
    expect(o().second.status, output(o().second)).toBe(0)
    expect(o().idempotentBeforeDocker.after).toEqual(o().idempotentBeforeDocker.before)
  })
  it('exits 0 on an instance where Docker runs, and a second run changes nothing', () => {
    expect(o().third.status, output(o().third)).toBe(0)
    expect(o().fourth.status, output(o().fourth)).toBe(0)
    expect(o().idempotentAfterDocker.after).toEqual(o().idempotentAfterDocker.before)
  })
  it('control: without the script, container → 169.254.169.254:80 connects', () => {
    expectReached(o().withoutScript.imds, IMDS, 'container → IMDS, Docker only')
  })
  for (const stage of Object.keys(STAGES) as Stage[]) {
    if (c.imds === 'blocked')
      it(`container → 169.254.169.254:80 is blocked: ${stageLabel(stage, c)}`, () => {
        expectBlocked(o().stages[stage].imds, `container → IMDS\n${context(o(), stage)}`)
      })
    if (c.imds === 'connects')
      it(`container → 169.254.169.254:80 connects (block off): ${stageLabel(stage, c)}`, () => {
        expectReached(o().stages[stage].imds, IMDS, `container → IMDS\n${context(o(), stage)}`)
      })
  }
  if (c.manualAgent) {
    it('control: without the script, 169.254.170.2:80 does not connect (container, host process)', () => {
      expectBlocked(o().withoutScript.credentials, 'container → credentials, Docker only')
      expectBlocked(o().withoutScript.hostCredentials, 'host → credentials, Docker only')
    })
    for (const stage of Object.keys(STAGES) as Stage[]) {
      const label = stageLabel(stage, c)
      it(`container → 169.254.170.2:80 reaches the agent on ${AGENT_LISTENER}: ${label}`, () => {
        expectReached(
          o().stages[stage].credentials,
          AGENT_LISTENER,
          `container → credentials\n${context(o(), stage)}`,
        )
      })
      it(`host process → 169.254.170.2:80 reaches the agent on ${AGENT_LISTENER}: ${label}`, () => {
        expectReached(
          o().stages[stage].hostCredentials,
          AGENT_LISTENER,
          `host → credentials\n${context(o(), stage)}`,
        )
      })
    }
  }
})
