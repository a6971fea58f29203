// The public sources behind every generated line, finding and field rule. Users can open each one: an AWS
// documentation page, or a file of AWS's public source at a release tag. The ids are internal handles.
import type { Citation } from './citation.ts'

export { cite, type Citation } from './citation.ts'

const AGENT = 'https://github.com/aws/amazon-ecs-agent/blob/v1.105.1'
const ECS_GUIDE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide'
const IAM_GUIDE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide'
const TF_AWS_DOCS = 'https://github.com/hashicorp/terraform-provider-aws/blob/v6.66.0/website/docs'

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
  AGENT_CONFIG_WINDOWS: {
    title: 'amazon-ecs-agent agent/config/config_windows.go (v1.105.1)',
    url: `${AGENT}/agent/config/config_windows.go`,
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
  // Linux hosts: how ecs-init reads ecs.config, its units, and what the host scripts rely on.
  ECS_INIT_ENV_FILE: {
    title: 'amazon-ecs-agent ecs-init/docker/docker.go (v1.105.1): getEnvVars splits ecs.config on "\\n"',
    url: `${AGENT}/ecs-init/docker/docker.go`,
  },
  ECS_INIT_UNIT_RPM: {
    title: 'amazon-ecs-agent packaging: generic rpm ecs.service, only After=docker.service (v1.105.1)',
    url: `${AGENT}/packaging/generic-rpm-integrated/ecs.service`,
  },
  ECS_INIT_UNIT_DEB: {
    title: 'amazon-ecs-agent packaging: generic deb ecs.service, only After=docker.service (v1.105.1)',
    url: `${AGENT}/packaging/generic-deb-integrated/debian/ecs.service`,
  },
  ECS_INIT_DEB_RULES: {
    title: 'amazon-ecs-agent packaging: generic deb rules, ecs.service installed with --no-enable (v1.105.1)',
    url: `${AGENT}/packaging/generic-deb-integrated/debian/rules`,
  },
  ECS_AGENT_CLUSTER_MISMATCH: {
    title:
      'amazon-ecs-agent agent/app/agent.go (v1.105.1): setClusterInConfig, saved cluster must match ECS_CLUSTER',
    url: `${AGENT}/agent/app/agent.go`,
  },
  SYSTEMD_UNIT_REQUIRES: {
    title: 'systemd.unit(5): Requires= with After=, RequiredBy= in [Install] (.requires/ links)',
    url: 'https://www.freedesktop.org/software/systemd/man/latest/systemd.unit.html',
  },
  ECS_INIT_UPSTART_AL1: {
    title:
      'amazon-ecs-agent packaging: Amazon Linux 1 upstart job ecs.conf, "start on stopped rc" (v1.105.1)',
    url: `${AGENT}/packaging/amazon-linux-ami-integrated/ecs.conf`,
  },
  S3_BUCKET_OWNER_CONDITION: {
    title: 'Amazon S3 User Guide: verifying bucket ownership with bucket owner condition',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html',
  },
  CLI_S3API_GET_OBJECT: {
    title: 'AWS CLI Command Reference: s3api get-object (--expected-bucket-owner)',
    url: 'https://awscli.amazonaws.com/v2/documentation/api/latest/reference/s3api/get-object.html',
  },
  AWS_CLI_INSTALL: {
    title: 'AWS CLI User Guide: installing or updating the latest version of the AWS CLI (Linux)',
    url: 'https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html',
  },
  AWS_CLI_UBUNTU_2404: {
    title: 'aws/aws-cli issue #8978: "Package \'awscli\' has no installation candidate" on Ubuntu 24.04',
    url: 'https://github.com/aws/aws-cli/issues/8978',
  },
  CLOUD_INIT_PACKAGE_UPDATE: {
    title: 'cloud-init cloud-config schema (24.1): package_update, "Default: false"',
    url: 'https://github.com/canonical/cloud-init/blob/24.1/cloudinit/config/schemas/schema-cloud-config-v1.json',
  },
  SYSTEMD_NETWORK_PRE: {
    title: 'systemd: network configuration synchronization points (network-pre.target for firewalls)',
    url: 'https://systemd.io/NETWORK_ONLINE/',
  },
  SYSTEMD_SERVICE: {
    title: 'systemd.service(5): Type=oneshot, RemainAfterExit=',
    url: 'https://www.freedesktop.org/software/systemd/man/latest/systemd.service.html',
  },
  FIREWALLD_UNIT: {
    title:
      'firewalld config/firewalld.service.in (v2.4.4): Before=network-pre.target, Conflicts=iptables.service',
    url: 'https://github.com/firewalld/firewalld/blob/v2.4.4/config/firewalld.service.in',
  },
  FIREWALLD_IPTABLES_FLUSH: {
    title: 'firewalld src/firewall/core/ipXtables.py (v2.4.4): build_flush_rules flushes every table',
    url: 'https://github.com/firewalld/firewalld/blob/v2.4.4/src/firewall/core/ipXtables.py',
  },
  FIREWALLD_NFTABLES_FLUSH: {
    title:
      'firewalld src/firewall/core/fw.py (v2.4.4): flush on start and reload; iptables left alone with nftables',
    url: 'https://github.com/firewalld/firewalld/blob/v2.4.4/src/firewall/core/fw.py',
  },
  FIREWALLD_CONF: {
    title:
      'firewalld config/firewalld.conf (v2.4.4): FirewallBackend, nftables by default, iptables deprecated',
    url: 'https://github.com/firewalld/firewalld/blob/v2.4.4/config/firewalld.conf',
  },
  SELINUXENABLED: {
    title: 'selinuxenabled(8): exits 0 when SELinux is enabled',
    url: 'https://man7.org/linux/man-pages/man8/selinuxenabled.8.html',
  },
  EC2_IMDS_IPV6: {
    title: 'Amazon EC2 User Guide: access instance metadata, the IPv6 address [fd00:ec2::254] (Nitro)',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html',
  },
  EC2_IMDS_IPV6_DEFAULT: {
    title: 'Amazon EC2 API Reference: InstanceMetadataOptionsRequest, HttpProtocolIpv6 "Default: disabled"',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsRequest.html',
  },
  DOCKER_USER_CHAINS: {
    title: 'moby libnetwork/firewall_linux.go (v25.0.14): DOCKER-USER for each enabled iptables version',
    url: 'https://github.com/moby/moby/blob/v25.0.14/libnetwork/firewall_linux.go',
  },
  DOCKER_IP6TABLES_DEFAULT: {
    title: 'moby cmd/dockerd/config_unix.go (v27.0.3): --ip6tables on by default (off in 25.0)',
    url: 'https://github.com/moby/moby/blob/v27.0.3/cmd/dockerd/config_unix.go',
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
  S3_OWNER_ACCOUNT: {
    title:
      'Amazon S3 User Guide: identity-based policy examples, restricting access to buckets within a specific AWS account (s3:ResourceAccount)',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-policies-s3.html#iam-policy-ex6',
  },
  S3_CONDITION_KEYS: {
    title: 'Service Authorization Reference: condition keys for Amazon S3 (s3:ResourceAccount, s3:prefix)',
    url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html#amazons3-policy-keys',
  },
  IAM_GRAMMAR: {
    title: 'IAM User Guide: grammar of the IAM JSON policy language',
    url: `${IAM_GUIDE}/reference_policies_grammar.html`,
  },
  IAM_ELEMENTS: {
    title: 'IAM User Guide: IAM JSON policy elements reference (Sid, Effect, Action, Resource, Condition)',
    url: `${IAM_GUIDE}/reference_policies_elements.html`,
  },
  IAM_STRING_CONDITIONS: {
    title: 'IAM User Guide: condition operators, string condition operators (StringLike wildcards)',
    url: `${IAM_GUIDE}/reference_policies_elements_condition_operators.html#Conditions_String`,
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
  EC2_RESOURCE_IDS: {
    title: 'Amazon EC2 User Guide: resource IDs',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html',
  },
  AWSVPC_CONFIGURATION: {
    title: 'Amazon ECS API Reference: AwsVpcConfiguration',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html',
  },
  STS_CALLER_IDENTITY: {
    title: 'AWS STS API Reference: GetCallerIdentity',
    url: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html',
  },
  // Windows: the host-side proxy setup that ECSTools took over, the restart problem, container users, images.
  AGENT_WINDOWS_HOSTSETUP: {
    title: 'amazon-ecs-agent misc/windows-deploy/hostsetup.ps1 (v1.105.1): the task-role proxy setup',
    url: `${AGENT}/misc/windows-deploy/hostsetup.ps1`,
  },
  AGENT_WINDOWS_INSTALL: {
    title: 'amazon-ecs-agent misc/windows-deploy/Install-ECSAgent.ps1 (v1.105.1): the AmazonECS service',
    url: `${AGENT}/misc/windows-deploy/Install-ECSAgent.ps1`,
  },
  AGENT_ECSTOOLS_COMMIT: {
    title: "amazon-ecs-agent commit 04b28c3c2: hostsetup.ps1 replaced by ECSTools' Enable-ECSTaskIAMRoles",
    url: 'https://github.com/aws/amazon-ecs-agent/commit/04b28c3c2eec563d17b41c8cda0be624fb4a3584',
  },
  AGENT_ISSUE_WINDOWS_RESTART: {
    title: 'amazon-ecs-agent issue #2135: Windows credential proxy unavailable after EC2 stop/start',
    url: 'https://github.com/aws/amazon-ecs-agent/issues/2135',
  },
  AGENT_WINDOWS_ADMIN_USER: {
    title: 'amazon-ecs-agent agent/config/const_windows.go (v1.105.1): ContainerAdministrator',
    url: `${AGENT}/agent/config/const_windows.go`,
  },
  CONTAINER_DEFINITION_API: {
    title: 'Amazon ECS API Reference: ContainerDefinition (user is not supported for Windows containers)',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html',
  },
  WINDOWS_CONTAINER_USER: {
    title: 'Microsoft Learn: Windows container security (ContainerAdministrator and ContainerUser)',
    url: 'https://learn.microsoft.com/en-us/virtualization/windowscontainers/manage-containers/container-security',
  },
  WINDOWS_CONTAINER_VERSIONS: {
    title: 'Microsoft Learn: Windows container version compatibility',
    url: 'https://learn.microsoft.com/en-us/virtualization/windowscontainers/deploy-containers/version-compatibility',
  },
  WINDOWS_BASE_IMAGES: {
    title: 'Microsoft Learn: Windows container base images',
    url: 'https://learn.microsoft.com/en-us/virtualization/windowscontainers/manage-containers/container-base-images',
  },
  IIS_IMAGE_TAGS: {
    title: 'microsoft/iis-docker README: IIS image tags per Windows Server version (2025-04-08)',
    url: 'https://github.com/microsoft/iis-docker/blob/58dfbf7f816a70f6323d0cfacc55849b80dfe139/README.md',
  },
  RUN_TASK_API: {
    title: 'Amazon ECS API Reference: RunTask (networkConfiguration)',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html',
  },
  CFN_PSEUDO_PARAMETERS: {
    title: 'AWS CloudFormation User Guide: get AWS values using pseudo parameters',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html',
  },
  CFN_BASE64: {
    title: 'AWS CloudFormation Template Reference: Fn::Base64',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-base64.html',
  },
  CFN_LAUNCH_TEMPLATE: {
    title: 'AWS CloudFormation Template Reference: AWS::EC2::LaunchTemplate',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-launchtemplate.html',
  },
  CFN_IAM_POLICY: {
    title: 'AWS CloudFormation Template Reference: AWS::IAM::Policy',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-policy.html',
  },
  CFN_CAPABILITIES: {
    title: 'AWS CloudFormation API Reference: CreateStack (Capabilities)',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html',
  },
  CFN_IAM_ROLE: {
    title: 'AWS CloudFormation Template Reference: AWS::IAM::Role (ManagedPolicyArns)',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html',
  },
  CFN_IAM_ROLE_POLICY: {
    title: 'AWS CloudFormation Template Reference: AWS::IAM::RolePolicy (an inline policy on a role by name)',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-rolepolicy.html',
  },
  CFN_PARAMETERS: {
    title: 'AWS CloudFormation User Guide: Parameters template section syntax',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html',
  },
  CFN_SSM_PARAMETER_TYPES: {
    title: 'AWS CloudFormation User Guide: Systems Manager parameter types for template parameters',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#aws-ssm-parameter-types',
  },
  CFN_ECS_SERVICE: {
    title: 'AWS CloudFormation Template Reference: AWS::ECS::Service',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html',
  },
  // Terraform: the AWS provider's documentation at the release the tests check against, and HCL's syntax.
  TF_AWS_PROVIDER: {
    title: 'Terraform AWS provider (v6.66.0): provider configuration and version requirements',
    url: `${TF_AWS_DOCS}/index.html.markdown`,
  },
  TF_AWS_PARTITION: {
    title: 'Terraform AWS provider (v6.66.0): data source aws_partition',
    url: `${TF_AWS_DOCS}/d/partition.html.markdown`,
  },
  TF_AWS_CALLER_IDENTITY: {
    title: 'Terraform AWS provider (v6.66.0): data source aws_caller_identity',
    url: `${TF_AWS_DOCS}/d/caller_identity.html.markdown`,
  },
  TF_IAM_ROLE_POLICY: {
    title: 'Terraform AWS provider (v6.66.0): resource aws_iam_role_policy',
    url: `${TF_AWS_DOCS}/r/iam_role_policy.html.markdown`,
  },
  TF_ECS_TASK_DEFINITION: {
    title: 'Terraform AWS provider (v6.66.0): resource aws_ecs_task_definition',
    url: `${TF_AWS_DOCS}/r/ecs_task_definition.html.markdown`,
  },
  TF_LAUNCH_TEMPLATE: {
    title: 'Terraform AWS provider (v6.66.0): resource aws_launch_template (user_data is base64-encoded)',
    url: `${TF_AWS_DOCS}/r/launch_template.html.markdown`,
  },
  TF_IAM_ROLE_POLICY_ATTACHMENT: {
    title: 'Terraform AWS provider (v6.66.0): resource aws_iam_role_policy_attachment',
    url: `${TF_AWS_DOCS}/r/iam_role_policy_attachment.html.markdown`,
  },
  TF_LOG_GROUP: {
    title: 'Terraform AWS provider (v6.66.0): resource aws_cloudwatch_log_group',
    url: `${TF_AWS_DOCS}/r/cloudwatch_log_group.html.markdown`,
  },
  TF_ECS_SERVICE: {
    title: 'Terraform AWS provider (v6.66.0): resource aws_ecs_service',
    url: `${TF_AWS_DOCS}/r/ecs_service.html.markdown`,
  },
  TF_SUBNETS: {
    title: 'Terraform AWS provider (v6.66.0): data source aws_subnets',
    url: `${TF_AWS_DOCS}/d/subnets.html.markdown`,
  },
  FARGATE_TASK_DEFINITIONS: {
    title: 'Amazon ECS Developer Guide: task definition differences for Fargate',
    url: `${ECS_GUIDE}/fargate-tasks-services.html`,
  },
  FARGATE_TASK_SIZE: {
    title: 'Amazon ECS Developer Guide: task CPU and memory on Fargate',
    url: `${ECS_GUIDE}/fargate-tasks-services.html#fargate-tasks-size`,
  },
  FARGATE_WINDOWS: {
    title: 'Amazon ECS Developer Guide: Windows containers on Fargate',
    url: `${ECS_GUIDE}/fargate-tasks-services.html#fargate-task-os`,
  },
  FARGATE_NETWORKING: {
    title: 'Amazon ECS Developer Guide: Fargate task networking',
    url: `${ECS_GUIDE}/fargate-task-networking.html`,
  },
  TASK_EXECUTION_ROLE: {
    title: 'Amazon ECS Developer Guide: task execution IAM role',
    url: `${ECS_GUIDE}/task_execution_IAM_role.html`,
  },
  TASK_EXECUTION_ROLE_POLICY: {
    title: 'AWS managed policy: AmazonECSTaskExecutionRolePolicy',
    url: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECSTaskExecutionRolePolicy.html',
  },
  SECRETS_MANAGER_ENV: {
    title: 'Amazon ECS Developer Guide: pass Secrets Manager secrets as environment variables',
    url: `${ECS_GUIDE}/secrets-envvar-secrets-manager.html`,
  },
  SSM_PARAMETER_ENV: {
    title: 'Amazon ECS Developer Guide: pass Systems Manager parameters as environment variables',
    url: `${ECS_GUIDE}/secrets-envvar-ssm-paramstore.html`,
  },
  AWSLOGS_DRIVER: {
    title: 'Amazon ECS Developer Guide: send container logs to CloudWatch (awslogs)',
    url: `${ECS_GUIDE}/using_awslogs.html`,
  },
  LOGS_CREATE_LOG_GROUP: {
    title: 'CloudWatch Logs API reference: CreateLogGroup',
    url: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html',
  },
  ECR_REPOSITORY_POLICIES: {
    title: 'Amazon ECR User Guide: private repository policies (pull permissions)',
    url: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html',
  },
  ECR_IMAGE_URI: {
    title: 'Amazon ECR User Guide: pulling an image (registry URI)',
    url: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/docker-pull-ecr-image.html',
  },
  KMS_KEY_ID: {
    title: 'AWS KMS Developer Guide: key identifiers (key ARN)',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN',
  },
  KMS_ALIAS_IN_IAM: {
    title:
      'AWS KMS Developer Guide: using aliases to control access (aliases are not resources in IAM policies)',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html',
  },
  KMS_VIA_SERVICE: {
    title: 'AWS KMS Developer Guide: kms:ViaService condition key',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service',
  },
  S3_SSE_KMS_PERMISSIONS: {
    title: 'Amazon S3 User Guide: permissions for SSE-KMS (kms:GenerateDataKey, kms:Decrypt)',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
  },
  S3_MULTIPART_KMS: {
    title: 'AWS re:Post Knowledge Center: multipart uploads to SSE-KMS buckets need kms:Decrypt',
    url: 'https://repost.aws/knowledge-center/s3-large-file-encryption-kms-key',
  },
  EC2_INSTANCE_TYPES: {
    title: 'Amazon EC2 User Guide: instance type names',
    url: 'https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html',
  },
  EC2_CREATE_LAUNCH_TEMPLATE: {
    title: 'Amazon EC2 API reference: CreateLaunchTemplate',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html',
  },
  EC2_SSM_PARAMETER_AMI: {
    title: 'Amazon EC2 User Guide: use a Systems Manager parameter instead of an AMI ID',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-launch-template.html#use-an-ssm-parameter-instead-of-an-ami-id',
  },
  ECS_AMI_SSM_LINUX: {
    title: 'Amazon ECS Developer Guide: retrieving Amazon ECS-optimized Linux AMI metadata',
    url: `${ECS_GUIDE}/retrieve-ecs-optimized_AMI.html`,
  },
  ECS_AMI_SSM_WINDOWS: {
    title: 'Amazon ECS Developer Guide: retrieving Amazon ECS-optimized Windows AMI metadata',
    url: `${ECS_GUIDE}/retrieve-ecs-optimized_windows_AMI.html`,
  },
  EC2_IMDS_OPTIONS: {
    title: 'Amazon EC2 User Guide: configure the instance metadata options (IMDSv2, hop limit)',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html',
  },
  EC2_RUN_INSTANCES: {
    title: 'Amazon EC2 API reference: RunInstances',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html',
  },
  IAM_ROLE_TRUST_POLICY: {
    title: 'IAM User Guide: update a role trust policy',
    url: `${IAM_GUIDE}/id_roles_update-role-trust-policy.html`,
  },
  CREATE_SERVICE_API: {
    title: 'Amazon ECS API reference: CreateService',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html',
  },
  TF_STRINGS: {
    title:
      'HCL native syntax specification (v2.23.0): template expressions, heredocs and the $${ and %%{ escapes',
    url: 'https://github.com/hashicorp/hcl/blob/v2.23.0/hclsyntax/spec.md',
  },
} as const satisfies Record<string, Source>

export type SourceId = keyof typeof SOURCES

/** The sources as "title: URL", joined with " · ", for text surfaces (CLI, findings); the UI links the URLs. */
export function formatCitation(citation: Citation): string {
  return citation.sources.map((id) => `${SOURCES[id].title}: ${SOURCES[id].url}`).join(' · ')
}

/** docs/sources.md: every source, for readers of the repository (npm run sources:update writes it). */
export function sourcesMarkdown(): string {
  const rows = Object.values(SOURCES as Record<string, Source>)
    .map((s) => `- [${s.title.replace(/[[\]]/g, '\\$&')}](${s.url})`)
    .sort((a, b) => a.localeCompare(b, 'en'))
  return `# Sources\n\nEvery line this tool generates, every finding and every field rule cites one or more of these public\nsources (generated from \`src/knowledge/sources.ts\`; do not edit by hand).\n\n${rows.join('\n')}\n`
}
