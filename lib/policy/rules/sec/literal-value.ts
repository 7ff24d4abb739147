/**
 * Whether a flattened value is written out in the template: non-empty and free of anything
 * only CloudFormation knows (a parameter, a resource attribute, an import, a `{{resolve:...}}`
 * dynamic reference). Pseudo parameters (`${AWS::Region}`) do not make a value secret.
 */
export function isLiteralSecretValue(flat: string | undefined): boolean {
  if (flat === undefined || flat.trim() === '') return false;
  if (/\$\{(?:Ref|GetAtt|Param):|\$\{\?\}|\{\{resolve:/.test(flat)) return false;
  return !isEmptyJson(flat);
}

/** `{}`, `[]`, `{"password": ""}`: a placeholder a rotation function fills, no value yet. */
function isEmptyJson(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  if (!parsed || typeof parsed !== 'object') return false;
  const leaves = (v: unknown): unknown[] =>
    v && typeof v === 'object' ? Object.values(v).flatMap(leaves) : [v];
  return leaves(parsed).every((v) => v === null || v === '');
}
