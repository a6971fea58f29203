// What dockerd does to iptables when it starts (and, identically, when it restarts), replayed from moby's
// source at v28.5.2 for the default bridge network (docker0, 172.17.0.0/16, icc on, userland proxy on, so
// no hairpin; ip6tables on, its default since 27.0):
//   libnetwork/drivers/bridge/internal/iptabler/iptabler.go   NewIptabler: removeIPChains, then setupIPChains
//   libnetwork/drivers/bridge/internal/iptabler/network.go    removeIPChains, setupNonInternalNetworkRules,
//                                                             setDefaultForwardRule, setINC
//   libnetwork/drivers/bridge/setup_ip_forwarding.go          ip_forward=1, FORWARD policy DROP if it changed
//   libnetwork/firewall_linux.go                              setupUserChain: DOCKER-USER, jump on top of FORWARD
//   libnetwork/iptables/iptables.go                           NewChain, ChainInfo.Remove, EnsureJumpRule, Rule.*
//   libnetwork/controller.go                                  setupUserChains runs last in New()
//   cmd/dockerd/config_unix.go                                --ip6tables defaults to true
// https://github.com/moby/moby/tree/v28.5.2/libnetwork. The expected result for a new daemon is moby's own
// integration/network/bridge/iptablesdoc/generated/new-daemon.md at the same tag (DOCKER_V28_RULES below).
// A daemon stop leaves the rules in place; the next start runs the same code, which removes and re-creates
// Docker's chains but never flushes DOCKER-USER.
//
// Docker checks each rule with `iptables -C` before it adds or deletes it. Replaying that with one process
// per check costs ~100 iptables runs per start, so the checks run against a parsed `iptables-save` and the
// resulting changes go to the kernel in one `iptables-restore --noflush` per family. Rules are written in
// iptables-save's canonical form so that a string comparison is the -C check; the harness test that a
// replayed start on an empty host yields exactly moby's documented rules, and that a replayed restart
// changes nothing, guards that equivalence.

export type Family = 4 | 6

interface Chain {
  policy: string | undefined
  rules: string[]
}
type Tables = Map<string, Map<string, Chain>>

/** Parses `iptables-save` output: tables, chains (with policies for built-in ones) and rule specs. */
export function parseSave(text: string): Tables {
  const tables: Tables = new Map()
  let table: Map<string, Chain> | undefined
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) {
      table = new Map()
      tables.set(line.slice(1).trim(), table)
    } else if (line.startsWith(':') && table) {
      const [name, policy] = line.slice(1).split(' ')
      table.set(name!, { policy: policy === '-' ? undefined : policy, rules: [] })
    } else if (line.startsWith('-A ') && table) {
      const rest = line.slice(3)
      const space = rest.indexOf(' ')
      table.get(rest.slice(0, space))!.rules.push(rest.slice(space + 1))
    }
  }
  return tables
}

const BUILTIN: Record<string, string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
}

/** Applies iptables operations to a model of the tables the way the kernel would, and records them. */
class Batch {
  readonly lines = new Map<string, string[]>()
  constructor(private readonly tables: Tables) {}

  private table(name: string): Map<string, Chain> {
    let table = this.tables.get(name)
    if (!table) {
      table = new Map((BUILTIN[name] ?? []).map((c) => [c, { policy: 'ACCEPT', rules: [] }]))
      this.tables.set(name, table)
    }
    return table
  }
  private emit(table: string, line: string) {
    const lines = this.lines.get(table) ?? []
    lines.push(line)
    this.lines.set(table, lines)
  }
  private chain(table: string, chain: string): Chain {
    const found = this.table(table).get(chain)
    // dockerd would get an error from iptables here and fail to start.
    if (!found) throw new Error(`docker replay: no chain ${table}/${chain}`)
    return found
  }
  exists(table: string, chain: string, rule: string): boolean {
    return this.table(table).get(chain)?.rules.includes(rule) ?? false
  }
  hasChain(table: string, chain: string): boolean {
    return this.table(table).has(chain)
  }
  /** NewChain: `-L` then `-N` when missing. */
  newChain(table: string, chain: string) {
    if (this.hasChain(table, chain)) return
    this.table(table).set(chain, { policy: undefined, rules: [] })
    this.emit(table, `-N ${chain}`)
  }
  /** `-F` then `-X`, errors ignored (ChainInfo.Remove): -X fails while another chain still jumps here. */
  removeChain(table: string, chain: string) {
    if (!this.hasChain(table, chain)) return
    this.chain(table, chain).rules = []
    this.emit(table, `-F ${chain}`)
    // Chain names here are [A-Z0-9-]: nothing to escape.
    const target = new RegExp(`(^| )-[jg] ${chain}( |$)`)
    const referenced = [...this.table(table).values()].some((c) => c.rules.some((r) => target.test(r)))
    if (referenced) return
    this.table(table).delete(chain)
    this.emit(table, `-X ${chain}`)
  }
  /** Rule.Append: `-A` unless `-C` finds it. */
  append(table: string, chain: string, rule: string) {
    if (this.exists(table, chain, rule)) return
    this.chain(table, chain).rules.push(rule)
    this.emit(table, `-A ${chain} ${rule}`)
  }
  /** Rule.Insert: `-I` (at the top) unless `-C` finds it anywhere. */
  insert(table: string, chain: string, rule: string) {
    if (this.exists(table, chain, rule)) return
    this.chain(table, chain).rules.unshift(rule)
    this.emit(table, `-I ${chain} ${rule}`)
  }
  /** Rule.Delete / DeleteJumpRule: `-D` when `-C` finds it (the first match goes). */
  delete(table: string, chain: string, rule: string) {
    if (!this.exists(table, chain, rule)) return
    const rules = this.chain(table, chain).rules
    rules.splice(rules.indexOf(rule), 1)
    this.emit(table, `-D ${chain} ${rule}`)
  }
  /** EnsureJumpRule: delete the jump if present, insert it at the top. */
  ensureJump(from: string, to: string) {
    this.delete('filter', from, `-j ${to}`)
    this.chain('filter', from).rules.unshift(`-j ${to}`)
    this.emit('filter', `-I ${from} -j ${to}`)
  }
  setPolicy(table: string, chain: string, policy: string) {
    this.chain(table, chain).policy = policy
    this.emit(table, `-P ${chain} ${policy}`)
  }
  /** The `iptables-restore --noflush` input that makes the kernel match the model, or '' for no change. */
  restoreInput(): string {
    return [...this.lines].map(([table, lines]) => `*${table}\n${lines.join('\n')}\nCOMMIT\n`).join('')
  }
}

const BRIDGE = 'docker0'
const SUBNET = '172.17.0.0/16'
const ISOLATION_1 = 'DOCKER-ISOLATION-STAGE-1'
const ISOLATION_2 = 'DOCKER-ISOLATION-STAGE-2'
const loopback = (family: Family) => (family === 4 ? '127.0.0.0/8' : '::1/128')

/** removeIPChains (network.go) */
function removeIPChains(b: Batch, family: Family) {
  b.delete('filter', 'FORWARD', '-j DOCKER-ISOLATION')
  // ChainInfo.Remove on nat/DOCKER first deletes the jumps to it.
  b.delete('nat', 'PREROUTING', '-m addrtype --dst-type LOCAL -j DOCKER')
  b.delete('nat', 'OUTPUT', `! -d ${loopback(family)} -m addrtype --dst-type LOCAL -j DOCKER`)
  b.delete('nat', 'OUTPUT', '-m addrtype --dst-type LOCAL -j DOCKER')
  b.removeChain('nat', 'DOCKER')
  for (const chain of ['DOCKER', 'DOCKER-FORWARD', 'DOCKER-BRIDGE', 'DOCKER-CT', ISOLATION_1, ISOLATION_2])
    b.removeChain('filter', chain)
  b.removeChain('filter', 'DOCKER-ISOLATION')
}

/** setupIPChains (iptabler.go), hairpin off, not WSL2 */
function setupIPChains(b: Batch, family: Family) {
  b.newChain('nat', 'DOCKER')
  for (const chain of ['DOCKER', 'DOCKER-FORWARD', 'DOCKER-BRIDGE', 'DOCKER-CT', ISOLATION_1, ISOLATION_2])
    b.newChain('filter', chain)
  // addNATJumpRules
  b.append('nat', 'PREROUTING', '-m addrtype --dst-type LOCAL -j DOCKER')
  b.append('nat', 'OUTPUT', `! -d ${loopback(family)} -m addrtype --dst-type LOCAL -j DOCKER`)
  b.ensureJump('FORWARD', 'DOCKER-FORWARD')
  b.ensureJump('DOCKER-FORWARD', 'DOCKER-BRIDGE')
  b.ensureJump('DOCKER-FORWARD', ISOLATION_1)
  b.ensureJump('DOCKER-FORWARD', 'DOCKER-CT')
  // Rules an older 28.0.0 daemon put in FORWARD (the ipset-based ones cannot exist without ipset).
  b.delete('filter', 'FORWARD', `-j ${ISOLATION_1}`)
}

/** The default bridge network: setupIPTables / setupNonInternalNetworkRules (network.go), IPv4 only. */
function setupBridgeNetwork(b: Batch) {
  b.insert('nat', 'POSTROUTING', `-s ${SUBNET} ! -o ${BRIDGE} -j MASQUERADE`)
  b.insert('nat', 'DOCKER', `-i ${BRIDGE} -j RETURN`)
  b.delete('nat', 'POSTROUTING', `-m addrtype --src-type LOCAL -o ${BRIDGE} -j MASQUERADE`)
  // setIcc(icc on, not internal): the old ICC rules go, from DOCKER-FORWARD and from FORWARD.
  for (const chain of ['DOCKER-FORWARD', 'FORWARD'])
    for (const action of ['ACCEPT', 'DROP'])
      b.delete('filter', chain, `-i ${BRIDGE} -o ${BRIDGE} -j ${action}`)
  b.delete('filter', 'FORWARD', `-i ${BRIDGE} ! -o ${BRIDGE} -j ACCEPT`)
  b.append('filter', 'DOCKER-FORWARD', `-i ${BRIDGE} -j ACCEPT`)
  b.delete('filter', 'FORWARD', `-i ${BRIDGE} -j ACCEPT`)
  // deleteLegacyFilterRules
  b.delete('filter', 'FORWARD', `-o ${BRIDGE} -j DOCKER`)
  b.delete('filter', 'FORWARD', `-o ${BRIDGE} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`)
  b.append('filter', 'DOCKER', `! -i ${BRIDGE} -o ${BRIDGE} -j DROP`)
  b.append('filter', 'DOCKER-CT', `-o ${BRIDGE} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`)
  b.append('filter', 'DOCKER-BRIDGE', `-o ${BRIDGE} -j DOCKER`)
  // setINC
  b.append('filter', ISOLATION_1, `-i ${BRIDGE} ! -o ${BRIDGE} -j ${ISOLATION_2}`)
  b.insert('filter', ISOLATION_2, `-o ${BRIDGE} -j DROP`)
}

/** setupUserChain (firewall_linux.go) */
function setupUserChain(b: Batch) {
  b.newChain('filter', 'DOCKER-USER')
  b.ensureJump('FORWARD', 'DOCKER-USER')
}

export interface DockerStart {
  /** `iptables-restore --noflush` input per family ('' when nothing changes). */
  restore: Record<Family, string>
  /** Whether dockerd turns net.ipv4.ip_forward on (and so sets the FORWARD policy to DROP). */
  enablesForwarding: boolean
}

/** What a dockerd start does, given the current `iptables-save` output of each family and ip_forward. */
export function dockerStart(save: Record<Family, string>, ipForward: string): DockerStart {
  const v4 = new Batch(parseSave(save[4]))
  const v6 = new Batch(parseSave(save[6]))
  // NewIptabler, at bridge driver initialisation.
  removeIPChains(v4, 4)
  setupIPChains(v4, 4)
  removeIPChains(v6, 6)
  setupIPChains(v6, 6)
  // The default bridge network: setupIPv4Forwarding, then its firewall rules (bridge_linux.go).
  const enablesForwarding = ipForward.trim() !== '1'
  if (enablesForwarding) v4.setPolicy('filter', 'FORWARD', 'DROP')
  setupBridgeNetwork(v4)
  // Controller.New: setupUserChains, for each enabled version.
  setupUserChain(v4)
  setupUserChain(v6)
  return { restore: { 4: v4.restoreInput(), 6: v6.restoreInput() }, enablesForwarding }
}

/** moby v28.5.2 integration/network/bridge/iptablesdoc/generated/new-daemon.md: IPv4 filter and nat rules
 * (`iptables -S` form) of a new daemon with the default bridge. */
export const DOCKER_V28_RULES = {
  filter: [
    '-N DOCKER',
    '-N DOCKER-BRIDGE',
    '-N DOCKER-CT',
    '-N DOCKER-FORWARD',
    '-N DOCKER-ISOLATION-STAGE-1',
    '-N DOCKER-ISOLATION-STAGE-2',
    '-N DOCKER-USER',
    '-A FORWARD -j DOCKER-USER',
    '-A FORWARD -j DOCKER-FORWARD',
    '-A DOCKER ! -i docker0 -o docker0 -j DROP',
    '-A DOCKER-BRIDGE -o docker0 -j DOCKER',
    '-A DOCKER-CT -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '-A DOCKER-FORWARD -j DOCKER-CT',
    '-A DOCKER-FORWARD -j DOCKER-ISOLATION-STAGE-1',
    '-A DOCKER-FORWARD -j DOCKER-BRIDGE',
    '-A DOCKER-FORWARD -i docker0 -j ACCEPT',
    '-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2',
    '-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP',
  ],
  nat: [
    '-N DOCKER',
    '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
    '-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER',
    '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
    '-A DOCKER -i docker0 -j RETURN',
  ],
}
