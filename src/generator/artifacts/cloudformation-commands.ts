// The commands that deploy cloudformation/template.yaml and show its outputs: the template's file view and
// the runbook both show them, so they live here, apart from the template's renderer (and its YAML writer).
import { option, sh } from '../render/shell.ts'

export const CLOUDFORMATION_TEMPLATE = 'cloudformation/template.yaml'

/**
 * The stack's name, from the cluster's: stack names are letters, digits and hyphens, starting with a letter,
 * at most 128 characters (CreateStack); cluster names may also hold "_" and start with "-" or "_".
 */
export function stackName(clusterName: string): string {
  const name = `ecs-task-roles-${clusterName}`
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, 128)
  return name.replace(/-+$/, '')
}

/**
 * `aws cloudformation deploy`: creates the stack, or updates it through a change set. Named roles need
 * CAPABILITY_NAMED_IAM; --no-fail-on-empty-changeset makes running it again with nothing changed a success.
 */
export function deployCommand(clusterName: string, region: string): string {
  return sh`aws cloudformation deploy --template-file ${CLOUDFORMATION_TEMPLATE} ${option('--stack-name', stackName(clusterName))} --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset ${option('--region', region)}`
    .text
}

/** The stack's outputs: the ARNs of what it created. */
export function outputsCommand(clusterName: string, region: string): string {
  return sh`aws cloudformation describe-stacks ${option('--stack-name', stackName(clusterName))} --query ${'Stacks[0].Outputs'} --output table ${option('--region', region)}`
    .text
}
