import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';
import { cdkExecRoleArnPattern, DEPLOYMENT_NAME_PATTERN, DEPLOYMENT_NAME_RULE } from '../contracts';
import { BrokerGuardError } from '../errors';
import { GuardrailPolicy, guardrailPolicies } from './guardrail-policies';

/** The resource control policy: segment data readable only from inside the organization. */
export interface ResourcePerimeterOptions {
  /** The organization's id, `o-` and 10–32 lowercase letters or digits. */
  readonly organizationId: string;
}

export interface OrganizationGuardrailsProps {
  /**
   * Where the policies attach: the organization root (`r-…`), OUs (`ou-…`) or member
   * accounts (12 digits). Start with a test OU (docs/multi-account.md, rollout order).
   */
  readonly targetIds: string[];
  /**
   * The deployments (config `deployment.name`) whose alarms, detection rules and alert topic
   * are protected by name. Secrets, keys and roles are protected by their tags, whatever the
   * deployment.
   */
  readonly deploymentNames: string[];
  /**
   * ARN patterns (`aws:PrincipalArn`, ArnLike) of the roles that deploy the kit's stacks and
   * may therefore change what the guardrails protect. Deploy only through them.
   * @default - the CDK bootstrap's CloudFormation execution role, `arn:*:iam::*:role/cdk-hnb659fds-cfn-exec-role-*`
   */
  readonly deployerRoleArnPatterns?: string[];
  /**
   * Also attach a resource control policy that keeps segment secrets and keys readable only by
   * principals of the organization and AWS services. RCPs must be enabled in the organization.
   * @default - no resource control policy
   */
  readonly resourcePerimeter?: ResourcePerimeterOptions;
  /**
   * Prefixes the policy names (unique in the organization): lowercase letters, digits and
   * dashes.
   * @default 'brokerguard'
   */
  readonly name?: string;
}

const TARGET_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const ROLE_ARN_PATTERN = /^arn:[a-z*-]+:iam::(\d{12}|\*):role\/[\w+=,.@/*-]{1,512}$/;
const POLICY_NAME = /^[a-z][a-z0-9-]{0,99}$/;

/**
 * Organization guardrails for brokerguard accounts, deployed in the management account (or an
 * Organizations delegated administrator): two service control policies and, optionally, a
 * resource control policy, attached to the given root, OUs or accounts.
 *
 * Outside the deployer role and the kit's own roles, nobody in a target account may disable
 * or cancel rotation, delete or re-policy a segment secret, disable or delete a segment key,
 * change a `brokerguard:` tag, change a kit role, stop or delete a CloudTrail trail, or delete
 * the kit's alarms, detection rules or alert topic; and no account may leave the
 * organization. SCPs bind member accounts only, never the management account.
 */
export class OrganizationGuardrails extends Construct {
  /** The service control policies: credentials, then detection. */
  public readonly serviceControlPolicies: organizations.CfnPolicy[];
  /** The resource control policy, when `resourcePerimeter` is set. */
  public readonly resourceControlPolicy?: organizations.CfnPolicy;

  constructor(scope: Construct, id: string, props: OrganizationGuardrailsProps) {
    super(scope, id);
    const name = props.name ?? 'brokerguard';
    if (!POLICY_NAME.test(name)) {
      throw new BrokerGuardError(
        'GUARDRAIL_NAME',
        `OrganizationGuardrails name: got ${JSON.stringify(name)}; allowed: lowercase letters, digits and dashes, a letter first, at most 100 characters`,
      );
    }
    const targetIds = validateList('targetIds', props.targetIds, (t) => TARGET_ID.test(t), {
      rule: 'a root id (r-…), an OU id (ou-…-…) or a 12-digit account id',
    });
    const deploymentNames = validateList(
      'deploymentNames',
      props.deploymentNames,
      (d) => DEPLOYMENT_NAME_PATTERN.test(d),
      { rule: DEPLOYMENT_NAME_RULE },
    );
    const deployerRoleArnPatterns = validateList(
      'deployerRoleArnPatterns',
      props.deployerRoleArnPatterns ?? [cdkExecRoleArnPattern()],
      (p) => ROLE_ARN_PATTERN.test(p),
      { rule: 'an IAM role ARN or ARN pattern, arn:<partition>:iam::<account or *>:role/<name>' },
    );
    const organizationId = props.resourcePerimeter?.organizationId;
    if (organizationId !== undefined && !ORGANIZATION_ID.test(organizationId)) {
      throw new BrokerGuardError(
        'GUARDRAIL_ORGANIZATION',
        `OrganizationGuardrails resourcePerimeter.organizationId: got ${JSON.stringify(organizationId)}; allowed: o- and 10-32 lowercase letters or digits`,
      );
    }

    const policies = guardrailPolicies({
      name,
      deploymentNames,
      deployerRoleArnPatterns,
      organizationId,
    });
    const cfn = (p: GuardrailPolicy, logicalId: string) =>
      new organizations.CfnPolicy(this, logicalId, {
        name: p.name,
        type: p.type,
        description: p.description,
        content: p.document,
        targetIds,
      });
    const [credentials, detection, perimeter] = policies;
    this.serviceControlPolicies = [
      cfn(credentials, 'CredentialsPolicy'),
      cfn(detection, 'DetectionPolicy'),
    ];
    if (perimeter) this.resourceControlPolicy = cfn(perimeter, 'PerimeterPolicy');
  }
}

/**
 * A non-empty list of distinct values, each allowed by `ok`; BrokerGuardError names the
 * field, the value and the rule otherwise.
 */
function validateList(
  field: string,
  values: string[] | undefined,
  ok: (v: string) => boolean,
  { rule }: { rule: string },
): string[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new BrokerGuardError(
      'GUARDRAIL_INPUT',
      `OrganizationGuardrails ${field}: got ${JSON.stringify(values)}; allowed: a non-empty list, each ${rule}`,
    );
  }
  for (const v of values) {
    if (typeof v !== 'string' || !ok(v)) {
      throw new BrokerGuardError(
        'GUARDRAIL_INPUT',
        `OrganizationGuardrails ${field}: got ${JSON.stringify(v)}; allowed: ${rule}`,
      );
    }
  }
  const duplicate = values.find((v, i) => values.indexOf(v) !== i);
  if (duplicate !== undefined) {
    throw new BrokerGuardError(
      'GUARDRAIL_INPUT',
      `OrganizationGuardrails ${field}: ${JSON.stringify(duplicate)} appears twice; list each once`,
    );
  }
  return [...values];
}
