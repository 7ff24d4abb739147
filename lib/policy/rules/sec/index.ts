import NoHardCodedSecretString from './NoHardCodedSecretString';
import NoPlaintextSecretInEnvironment from './NoPlaintextSecretInEnvironment';
import NoPlaintextSecretInTaskDefinition from './NoPlaintextSecretInTaskDefinition';

/** Secret values: never written in a template, kit-made or not. */
export const SEC_RULES = [
  NoHardCodedSecretString,
  NoPlaintextSecretInEnvironment,
  NoPlaintextSecretInTaskDefinition,
];
