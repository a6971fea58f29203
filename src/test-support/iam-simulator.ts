// Evaluates generated IAM documents with @cloud-copilot/iam-simulate (AGPL, a devDependency used only in
// tests): an IAM policy evaluator nobody here wrote, so the tests check what a policy decides, not its text.
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate'

export type Decision = 'allowed' | 'denied'

export interface Probe {
  /** Who asks: a role ARN, or a service principal such as ecs-tasks.amazonaws.com. */
  principal: string
  action: string
  resource: string
  /** The account that owns the resource. */
  resourceAccount: string
  context?: Record<string, string>
}

export interface Policies {
  /** Identity policies of the principal (e.g. the task role's inline policy). */
  identity?: unknown[]
  /** The resource's own policy: a role's trust policy, or a bucket policy. */
  resource?: unknown
}

/** The decision for one request. A request or policy the simulator rejects throws: it is never a "deny". */
export async function decide(probe: Probe, policies: Policies): Promise<Decision> {
  const simulation: Simulation = {
    request: {
      principal: probe.principal,
      action: probe.action,
      resource: { resource: probe.resource, accountId: probe.resourceAccount },
      contextVariables: probe.context ?? {},
    },
    identityPolicies: (policies.identity ?? []).map((policy, i) => ({ name: `policy${i + 1}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(policies.resource === undefined ? {} : { resourcePolicy: policies.resource }),
  }
  const result = await runSimulation(simulation, {})
  if (result.resultType === 'error')
    throw new Error(`the simulator rejected the request: ${JSON.stringify(result.errors)}`)
  return result.overallResult === 'Allowed' ? 'allowed' : 'denied'
}
