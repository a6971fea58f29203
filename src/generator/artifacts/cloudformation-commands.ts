// The commands that deploy cloudformation/template.yaml and show its outputs: the template's file view and
// the runbook both show them, so they live here, apart from the template's renderer (and its YAML writer).
import type { SetupPlan } from '../plan.ts'
import { option, sh } from '../render/shell.ts'

export const CLOUDFORMATION_TEMPLATE = 'cloudformation/template.yaml'

/**
 * The template parameter that takes the service's subnets when none were chosen: CloudFormation cannot look
 * up the default VPC's subnets itself, so the deploy command looks them up and passes them.
 */
export const SUBNETS_PARAMETER = 'ServiceSubnets'

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

export interface DeployOptions {
  /**
   * The template has the SUBNETS_PARAMETER parameter (a service of awsvpc tasks, no subnets chosen): the
   * command first looks up the default VPC's default subnets, as setup/aws-cli.sh does, and passes them.
   */
  defaultVpcSubnets?: boolean
}

/**
 * `aws cloudformation deploy`: creates the stack, or updates it through a change set. Named roles need
 * CAPABILITY_NAMED_IAM; --no-fail-on-empty-changeset makes running it again with nothing changed a success.
 */
export function deployCommand(clusterName: string, region: string, options: DeployOptions = {}): string {
  const deploy = sh`aws cloudformation deploy --template-file ${CLOUDFORMATION_TEMPLATE} ${option('--stack-name', stackName(clusterName))} --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset ${option('--region', region)}`
  if (!options.defaultVpcSubnets) return deploy.text
  // Default subnets exist only in the default VPC (one per Availability Zone); the list as "a,b,c".
  const lookup = sh`subnets=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query ${'Subnets[].SubnetId'} --output text ${option('--region', region)} | tr -s ${'[:space:]'} ,)`
  return `${lookup.text} && ${deploy.text} --parameter-overrides "${SUBNETS_PARAMETER}=\${subnets%,}"`
}

/** The deploy command for a plan's template: with the subnets lookup when the template takes them. */
export function deployCommandFor(plan: SetupPlan): string {
  return deployCommand(plan.cluster.name, plan.region, {
    defaultVpcSubnets: plan.service?.network?.kind === 'default-vpc',
  })
}

/** The stack's outputs: the ARNs of what it created. */
export function outputsCommand(clusterName: string, region: string): string {
  return sh`aws cloudformation describe-stacks ${option('--stack-name', stackName(clusterName))} --query ${'Stacks[0].Outputs'} --output table ${option('--region', region)}`
    .text
}

/**
 * Launches the container instances from the launch template the stack (or terraform/main.tf) created: the
 * count and subnet are RunInstances parameters, not part of the template; the template's latest version.
 */
export function runInstancesCommand(
  template: { name: string; count: number; subnetId?: string },
  region: string,
): string {
  const launchTemplate = JSON.stringify({ LaunchTemplateName: template.name, Version: '$Latest' })
  const subnet = template.subnetId ? sh` ${option('--subnet-id', template.subnetId)}`.text : ''
  return (
    sh`aws ec2 run-instances --launch-template ${launchTemplate} --count ${template.count}`.text +
    subnet +
    sh` ${option('--region', region)}`.text
  )
}
