import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/**
 * A fresh stack for a construct test. Built-in CloudFormation validation is off here (it costs
 * ~3 s a synth); the default-app tests and `npm test`'s synth gate run it.
 */
export function testStack(id = 'Test'): Stack {
  const app = new App({ builtinCloudFormationValidation: false });
  return new Stack(app, id);
}

export function template(stack: Stack): Template {
  return Template.fromStack(stack);
}

/** Every resource of `type` in the template, as [logicalId, resource] pairs. */
export function resourcesOf(
  t: Template,
  type: string,
): [string, { Properties: Record<string, any> }][] {
  return Object.entries(t.findResources(type)) as [string, { Properties: Record<string, any> }][];
}
