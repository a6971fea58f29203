// The public sources behind every generated line, finding and field rule. Users can open each one: an AWS
// documentation page, or a file of AWS's public source at a release tag. The ids are internal handles.
const AGENT = 'https://github.com/aws/amazon-ecs-agent/blob/v1.105.1'
const ECS_GUIDE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide'
const IAM_GUIDE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide'

export interface Source {
  title: string
  url: string
}

export const SOURCES = {
  S2: { title: 'Amazon ECS Developer Guide: IAM roles for tasks', url: `${ECS_GUIDE}/task-iam-roles.html` },
  S3: {
    title: 'Amazon ECS Developer Guide: IAM roles for Windows tasks',
    url: `${ECS_GUIDE}/windows_task_IAM_roles.html`,
  },
  S4: {
    title: 'Amazon ECS Developer Guide: container instance IAM role',
    url: `${ECS_GUIDE}/instance_IAM_role.html`,
  },
  S5: {
    title: 'Amazon ECS Developer Guide: AWS managed policies for Amazon ECS',
    url: `${ECS_GUIDE}/security-iam-awsmanpol.html`,
  },
  S6: {
    title: 'Amazon ECS Developer Guide: container agent configuration',
    url: `${ECS_GUIDE}/ecs-agent-config.html`,
  },
  S7: {
    title: 'Amazon ECS Developer Guide: bootstrapping Linux container instances with user data',
    url: `${ECS_GUIDE}/bootstrap_container_instance.html`,
  },
  S8: {
    title: 'Amazon ECS Developer Guide: bootstrapping Windows container instances',
    url: `${ECS_GUIDE}/bootstrap_windows_container_instance.html`,
  },
  S9: {
    title: 'Amazon ECS Developer Guide: manually updating the container agent',
    url: `${ECS_GUIDE}/manually_update_agent.html`,
  },
  S10: {
    title: 'Amazon ECS Developer Guide: installing the container agent',
    url: `${ECS_GUIDE}/ecs-agent-install.html`,
  },
  S11: { title: 'Amazon ECS Developer Guide: credential audit log', url: `${ECS_GUIDE}/logs.html` },
  S12: {
    title: 'Amazon ECS Developer Guide: task definition parameters, network mode',
    url: `${ECS_GUIDE}/task_definition_parameters.html#network_mode`,
  },
  S13: {
    title: 'Amazon ECS Developer Guide: identity-based policy examples (iam:PassRole)',
    url: `${ECS_GUIDE}/security_iam_id-based-policy-examples.html`,
  },
  S20: { title: 'amazon-ecs-agent README (v1.105.1)', url: `${AGENT}/README.md` },
  S22: {
    title: 'amazon-ecs-agent agent/config/config_unix.go (v1.105.1)',
    url: `${AGENT}/agent/config/config_unix.go`,
  },
  S23: {
    title: 'amazon-ecs-agent credentials handler (v1.105.1)',
    url: `${AGENT}/ecs-agent/tmds/handlers/v2/credentials_handler.go`,
  },
  S25: {
    title: 'amazon-ecs-agent ecs-init iptables.go (v1.105.1)',
    url: `${AGENT}/ecs-init/exec/iptables/iptables.go`,
  },
  S26: {
    title: 'amazon-ecs-agent packaging: ecs.service for Amazon Linux (v1.105.1)',
    url: `${AGENT}/packaging/amazon-linux-ami-integrated/ecs.service`,
  },
  S28: {
    title: 'amazon-ecs-agent agent/ecscni/namespace_helper_windows.go (v1.105.1)',
    url: `${AGENT}/agent/ecscni/namespace_helper_windows.go`,
  },
  S31: {
    title: 'Amazon ECS API Reference: RegisterTaskDefinition',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html',
  },
  S32: {
    title: 'AWS SDK partitions.json as vendored in amazon-ecs-agent (v1.105.1)',
    url: `${AGENT}/agent/vendor/github.com/aws/aws-sdk-go-v2/internal/endpoints/awsrulesfn/partitions.json`,
  },
  S40: {
    title: 'AWS Managed Policy Reference: AmazonEC2ContainerServiceforEC2Role',
    url: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEC2ContainerServiceforEC2Role.html',
  },
  S42: {
    title: 'aws/amazon-ecs-ami README (AMI support dates)',
    url: 'https://github.com/aws/amazon-ecs-ami/blob/main/README.md',
  },
  S43: { title: 'IAM User Guide: the confused deputy problem', url: `${IAM_GUIDE}/confused-deputy.html` },
  S44: {
    title: 'Amazon S3 User Guide: general purpose bucket naming rules',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html',
  },
  S45: {
    title: 'Docker docs: packet filtering and firewalls (DOCKER-USER)',
    url: 'https://docs.docker.com/engine/network/firewall-iptables/',
  },
  S46: {
    title: 'aws/aws-cdk pull request #17896 (FORWARD versus DOCKER-USER)',
    url: 'https://github.com/aws/aws-cdk/pull/17896',
  },
  S47: {
    title: 'amazon-ecs-agent issue #1707 (systemctl in user data)',
    url: 'https://github.com/aws/amazon-ecs-agent/issues/1707',
  },
  S49: {
    title: 'Amazon EC2 User Guide: run commands with user data on Windows',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/WindowsGuide/ec2-windows-user-data.html',
  },
  S50: {
    title: 'Amazon S3 API Reference: HeadObject (permissions)',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html',
  },
  S51: {
    title: 'Debian manual: netfilter-persistent(8)',
    url: 'https://manpages.debian.org/bookworm/netfilter-persistent/netfilter-persistent.8.en.html',
  },
  S52: {
    title: 'firezone/firezone issue #8481 (iptables-services on Amazon Linux 2023)',
    url: 'https://github.com/firezone/firezone/issues/8481',
  },
  S55: {
    title: 'awslabs/cdk-eks-blueprints issue #558 (EC2 principal in aws-cn)',
    url: 'https://github.com/awslabs/cdk-eks-blueprints/issues/558',
  },
  S56: {
    title: 'Amazon S3 User Guide: naming objects (safe characters)',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html',
  },
  S57: {
    title: 'IAM User Guide: IAM JSON policy elements, Resource (wildcards)',
    url: `${IAM_GUIDE}/reference_policies_elements_resource.html`,
  },
  IAM_QUOTAS: {
    title: 'IAM User Guide: IAM and AWS STS quotas',
    url: `${IAM_GUIDE}/reference_iam-quotas.html`,
  },
  IAM_IDENTIFIERS: {
    title: 'IAM User Guide: IAM identifiers',
    url: `${IAM_GUIDE}/reference_identifiers.html`,
  },
  IAM_PASSROLE: {
    title: 'IAM User Guide: grant a user permissions to pass a role',
    url: `${IAM_GUIDE}/id_roles_use_passrole.html`,
  },
  IAM_INSTANCE_PROFILES: {
    title: 'IAM User Guide: use instance profiles',
    url: `${IAM_GUIDE}/id_roles_use_switch-role-ec2_instance-profiles.html`,
  },
  RUN_TASK_API: {
    title: 'Amazon ECS API Reference: RunTask (networkConfiguration)',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html',
  },
} as const satisfies Record<string, Source>

export type SourceId = keyof typeof SOURCES

/** A citation: the public sources behind a line, a finding or a rule. */
export interface Citation {
  sources: readonly SourceId[]
}

export function cite(...sources: SourceId[]): Citation {
  return { sources }
}

/** The sources as "title: URL", joined with " · ", for text surfaces (CLI, findings); the UI links the URLs. */
export function formatCitation(citation: Citation): string {
  return citation.sources.map((id) => `${SOURCES[id].title}: ${SOURCES[id].url}`).join(' · ')
}
