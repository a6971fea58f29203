import { cite } from './sources.ts'
import type { OperatingSystem } from './amis.ts'

// Host ports the agent reserves (reference §5.4, §10). With task roles on Windows, the agent adds port 80:
// the credential proxy listens there.
export const RESERVED_HOST_PORTS: Record<OperatingSystem, readonly number[]> = {
  linux: [22, 2375, 2376, 51678, 51679, 51680],
  windows: [53, 135, 139, 445, 2375, 2376, 3389, 5985, 5986, 51678, 51679],
}

export const WINDOWS_TASK_ROLE_PORT = 80

export const RESERVED_PORTS_SOURCE = cite('S20', 'S22', 'S31')
