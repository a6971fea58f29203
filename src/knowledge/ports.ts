import { cite } from './citation.ts'
import type { OperatingSystem } from './amis.ts'

// Host ports the agent reserves by default, TCP only: the agent's ReservedPortsUDP default is empty on both
// platforms, and 51680 (Prometheus metrics) is reserved only when ECS_ENABLE_PROMETHEUS_METRICS is on,
// which this tool never sets (agent/config/config_unix.go and config_windows.go, v1.105.1). With task
// roles on Windows, the agent adds TCP port 80: the credential proxy listens there (platformOverrides).
export const RESERVED_HOST_PORTS: Record<
  OperatingSystem,
  { tcp: readonly number[]; udp: readonly number[] }
> = {
  linux: { tcp: [22, 2375, 2376, 51678, 51679], udp: [] },
  windows: { tcp: [53, 135, 139, 445, 2375, 2376, 3389, 5985, 5986, 51678, 51679], udp: [] },
}

export const WINDOWS_TASK_ROLE_PORT = 80

export const RESERVED_PORTS_SOURCE = cite('S22', 'AGENT_CONFIG_WINDOWS')
