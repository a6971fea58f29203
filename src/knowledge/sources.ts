// The sources every generated line and finding cites. Ids follow shared/reference/ecs-task-roles.md §15,
// so a reviewer can look a claim up in the reference and from there in the AWS text it came from.
export const SOURCES = {
  S2: 'AWS ECS Developer Guide: IAM roles for tasks (task-iam-roles.md, 2023-06-15)',
  S3: 'AWS ECS Developer Guide: Windows IAM roles for tasks (windows_task_IAM_roles.md)',
  S4: 'AWS ECS Developer Guide: Amazon ECS container instance IAM role (instance_IAM_role.md)',
  S5: 'AWS ECS Developer Guide: AWS managed policies for Amazon ECS (security-iam-awsmanpol.md)',
  S6: 'AWS ECS Developer Guide: Amazon ECS container agent configuration (ecs-agent-config.md)',
  S7: 'AWS ECS Developer Guide: Bootstrapping container instances with user data',
  S8: 'AWS ECS Developer Guide: Bootstrapping Windows container instances',
  S9: 'AWS ECS Developer Guide: Manually updating the agent (manually_update_agent.md)',
  S10: 'AWS ECS Developer Guide: Installing the agent (ecs-agent-install.md)',
  S11: 'AWS ECS Developer Guide: credential audit log (logs.md)',
  S12: 'AWS ECS Developer Guide: task definition network mode, awsvpc task networking',
  S13: 'AWS ECS Developer Guide: task execution IAM role; identity-based policy examples',
  S20: 'aws/amazon-ecs-agent README (agent 1.105.1)',
  S22: 'aws/amazon-ecs-agent agent/config (config.go, config_unix.go, config_windows.go)',
  S23: 'aws/amazon-ecs-agent ecs-agent/tmds and credentials handlers',
  S25: 'aws/amazon-ecs-agent ecs-init (iptables.go, sysctl.go, docker.go, config)',
  S26: 'aws/amazon-ecs-agent packaging: ecs.service units, ecs-agent.spec',
  S28: 'aws/amazon-ecs-agent agent/ecscni/namespace_helper_windows.go',
  S31: 'Amazon ECS API reference (RegisterTaskDefinition, RunTask, CreateCluster), aws-sdk-go-v2',
  S32: 'AWS SDK partitions.json (vendored in amazon-ecs-agent, 2026-06)',
  S40: 'zoph-io/IAMTrail: AWS managed policy history (AmazonEC2ContainerServiceforEC2Role v10)',
  S42: 'aws/amazon-ecs-ami README and build scripts (AMI end-of-life dates, packages)',
  S43: 'AWS IAM User Guide: quotas, identifiers, PassRole, instance profiles, confused deputy',
  S44: 'Amazon S3 User Guide: general purpose bucket naming rules',
  S45: 'Docker docs: packet filtering and firewalls (DOCKER-USER chain)',
  S46: 'aws/aws-cdk PR #17896 (why FORWARD fails, DOCKER-USER) and aws-ecs cluster.ts',
  S47: 'aws/amazon-ecs-agent issues #1707, #4818 (systemctl in user data), #2135, #2416',
  S49: 'Amazon EC2 User Guide for Windows: user data (<powershell>, <persist>)',
  S50: 'Amazon S3 API reference: HeadObject permissions',
  S51: 'Debian iptables-persistent README and netfilter-persistent(8)',
  S52: 'AL2023 / RHEL iptables persistence reports (firezone#8481, dev-sec PR #156, chef-cookbooks PR #304)',
  S55: 'IAM in aws-cn: awslabs/cdk-eks-blueprints#558 (ec2.amazonaws.com accepted, 2022), terraform-aws-eks#3422 (both EC2 principals, 2025)',
  S56: 'Amazon S3 User Guide: object key naming guidelines (safe characters)',
  S57: 'AWS IAM User Guide: policy variables (${…}) and wildcards (* ?) in Resource elements',
} as const

export type SourceId = keyof typeof SOURCES

/** A citation: the section of shared/reference/ecs-task-roles.md and the primary sources behind it. */
export interface Citation {
  section: string
  sources: readonly SourceId[]
}

export function cite(section: string, ...sources: SourceId[]): Citation {
  return { section, sources }
}

export function formatCitation(citation: Citation): string {
  const docs = citation.sources.map((id) => `[${id}] ${SOURCES[id]}`).join('; ')
  return docs ? `reference ${citation.section}: ${docs}` : `reference ${citation.section}`
}
