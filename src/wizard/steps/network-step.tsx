import { CheckboxField, SelectField, TextField, useWizard } from '../fields.tsx'

const MODES = {
  linux: [
    ['bridge', 'bridge (Docker bridge, the Linux default)'],
    ['host', 'host (the instance network)'],
    ['awsvpc', 'awsvpc (an ENI per task)'],
    ['none', 'none (no network)'],
  ],
  windows: [
    ['default', 'default (NAT, the Windows default)'],
    ['awsvpc', 'awsvpc (an ENI per task)'],
  ],
} as const

const BLOCK_HINT: Record<string, string> = {
  bridge: 'An iptables rule in DOCKER-USER drops container traffic to 169.254.169.254.',
  awsvpc: 'The agent blocks it in each task’s network namespace (ECS_AWSVPC_BLOCK_IMDS / -AwsvpcBlockIMDS).',
  host: 'Host-mode tasks share the instance network: nothing can block it for them.',
  none: 'Tasks without a network cannot reach it anyway.',
  default: 'The container route script leaves out the route to 169.254.169.254.',
}

export function NetworkStep() {
  const { config } = useWizard()
  const modes = MODES[config.os]
  // A mode from a link that this OS does not support stays listed, so the field shows what is wrong.
  const options = modes.some(([m]) => m === config.networkMode)
    ? modes
    : [...modes, [config.networkMode, `${config.networkMode} (not supported on ${config.os})`] as const]
  return (
    <>
      <SelectField path="networkMode" label="Network mode" options={options} />
      {/* Only awsvpc tasks take a network configuration; a link may still carry one for another mode. */}
      {(config.networkMode === 'awsvpc' || config.subnets.length > 0 || config.securityGroups.length > 0) && (
        <>
          <TextField
            path="subnets"
            label="Subnets"
            kind="list"
            placeholder="subnet-0123456789abcdef0, subnet-…"
            hint="Where awsvpc tasks get their network interface, in the VPC of your container instances (up to 16, separated by spaces or commas). Empty: run-task uses the default VPC’s default subnets."
          />
          <TextField
            path="securityGroups"
            label="Security groups"
            kind="list"
            placeholder="sg-0123456789abcdef0"
            hint="Up to 5. Empty: the VPC’s default security group."
          />
        </>
      )}
      <CheckboxField
        path="blockInstanceMetadata"
        label="Block instance metadata"
        hint={`Keeps containers from reading the instance role’s credentials. ${BLOCK_HINT[config.networkMode] ?? ''}`}
      />
    </>
  )
}
