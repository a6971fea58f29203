// Why a task needs a task execution role, from the configuration alone: what the wizard shows next to the
// role's name. The generator's plan (generator/plan.ts, executionNeeds) decides the same from the same three
// facts; execution-role.test.ts holds the two together.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
import { privateEcrImage } from '../knowledge/images.ts'
import { parseSecretReference } from '../knowledge/names.ts'
import type { WizardConfig } from './schema.ts'

/** What the ECS agent (or Fargate) does with the execution role before the task starts. */
export interface ExecutionRoleReasons {
  /** Pulls the image from a private ECR repository. */
  privateEcr: boolean
  /** Creates the awslogs streams and writes the container's output to them. */
  logs: boolean
  /** Reads the secrets (Secrets Manager, SSM Parameter Store) the container gets as variables. */
  secrets: boolean
}

/** The reasons this task needs an execution role; undefined when it needs none. */
export function executionRoleReasons(config: Pick<WizardConfig, 'task'>): ExecutionRoleReasons | undefined {
  const reasons = {
    privateEcr: privateEcrImage(config.task.image) !== undefined,
    logs: config.task.awslogs,
    secrets: config.task.secrets.some((s) => parseSecretReference(s.valueFrom) !== undefined),
  }
  return reasons.privateEcr || reasons.logs || reasons.secrets ? reasons : undefined
}
