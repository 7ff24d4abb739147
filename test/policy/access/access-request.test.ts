import { AccessPrincipal, requestFacts } from '../../../lib/policy/access/access-request';
import { ModelResource } from '../../../lib/policy/model/template-model';

const role: ModelResource = {
  id: 'DeskRole',
  type: 'AWS::IAM::Role',
  properties: { RoleName: 'desk' },
  tags: { 'brokerguard:segment': 'execution' },
  segment: 'execution',
} as unknown as ModelResource;
const secret = {
  id: 'Login',
  type: 'AWS::SecretsManager::Secret',
  properties: {},
  tags: {},
} as unknown as ModelResource;
const desk: AccessPrincipal = { id: 'DeskRole', label: 'DeskRole', resource: role, service: false };
const logs: AccessPrincipal = { id: 'logs', label: 'Service:logs.amazonaws.com', service: true };

const ask = (facts: ReturnType<typeof requestFacts>, key: string, value: string, like = false) => {
  const f = facts.fact(key);
  return f === undefined ? 'unknown' : f === null ? 'absent' : f(value, like);
};

describe('requestFacts', () => {
  test('a template role: its ARN by token or name, its tags, this account', () => {
    const f = requestFacts({ principal: desk, kms: false, resourceTags: {} });
    expect(ask(f, 'aws:principalarn', '${GetAtt:DeskRole.Arn}')).toBe(true);
    expect(ask(f, 'aws:principalarn', '${GetAtt:OtherRole.Arn}')).toBe(false);
    expect(ask(f, 'aws:principalarn', 'arn:aws:iam::${AWS::AccountId}:role/desk')).toBe(true);
    expect(ask(f, 'aws:principaltag/brokerguard:segment', 'execution')).toBe(true);
    expect(ask(f, 'aws:principaltag/team', 'x')).toBe('absent');
    expect(ask(f, 'aws:principalaccount', '${AWS::AccountId}')).toBe(true);
    expect(ask(f, 'aws:principalisawsservice', 'false')).toBe(true);
    expect(ask(f, 'aws:sourceip', '203.0.113.1')).toBe('unknown');
    // not a KMS call: no KMS keys in the request
    expect(ask(f, 'kms:viaservice', 'secretsmanager.${AWS::Region}.amazonaws.com')).toBe('absent');
  });

  test('a service principal: no ARN the template knows, its service name', () => {
    const f = requestFacts({ principal: logs, kms: true, resourceTags: {} });
    expect(ask(f, 'aws:principalarn', 'arn:aws:iam::1:role/x')).toBe('unknown');
    expect(ask(f, 'aws:principalservicename', 'logs.amazonaws.com')).toBe(true);
    expect(ask(f, 'aws:principalisawsservice', 'true')).toBe(true);
  });

  test('decrypting one secret through Secrets Manager fixes ViaService and the encryption context', () => {
    const f = requestFacts({
      principal: desk,
      kms: true,
      viaService: 'secretsmanager.${AWS::Region}.amazonaws.com',
      secret,
      secretMatches: (p) => p.endsWith(':secret:paper/execution/login-??????'),
      resourceTags: { 'brokerguard:segment': 'execution' },
    });
    expect(ask(f, 'kms:viaservice', 'secretsmanager.${AWS::Region}.amazonaws.com')).toBe(true);
    expect(ask(f, 'kms:encryptioncontext:secretarn', '${Ref:Login}')).toBe(true);
    expect(ask(f, 'kms:encryptioncontext:secretarn', '${Ref:Issuer}')).toBe(false);
    expect(
      ask(
        f,
        'kms:encryptioncontext:secretarn',
        'arn:aws:secretsmanager:r:a:secret:paper/execution/login-??????',
        true,
      ),
    ).toBe(true);
    // a read decrypts a real version, never the creation-time probe
    expect(ask(f, 'kms:encryptioncontext:secretversionid', 'RequestToValidateKeyAccess')).toBe(
      false,
    );
    expect(ask(f, 'kms:encryptioncontext:aws:logs:arn', 'x')).toBe('absent');
    expect(ask(f, 'aws:resourcetag/brokerguard:segment', 'execution')).toBe(true);
  });

  test("a key's data at large: the encryption context is the request's; a direct call has no ViaService", () => {
    const f = requestFacts({ principal: desk, kms: true, resourceTags: {} });
    expect(ask(f, 'kms:encryptioncontext:secretarn', '${Ref:Login}')).toBe('unknown');
    expect(ask(f, 'kms:viaservice', 'secretsmanager.${AWS::Region}.amazonaws.com')).toBe('absent');
  });
});
